"""Expected answers: joining schools, bookings, scheduling, time off and calendars.

A booking someone may not see answers 404 (its reference never leaks); a page of
a role someone does not hold answers 403.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.date_input import date_data
from schools import services as school_services
from tests.factories.schools import weekday_after
from tests.schools.gias_file import gias_bytes

from .expect import (
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    address,
    coordinators,
    everyone,
    post_only,
    presenters,
    signed_in,
)


def _gias_upload(w, *, previewed=False):
    """A GIAS file the coordinator uploaded (and, if `previewed`, chose Westshire in)."""
    upload = school_services.upload_gias(
        gias_bytes(), file_name="gias.csv", by=w.users["coordinator"]
    )
    if previewed:
        school_services.preview_gias(upload, authorities=["Westshire"], types=[])
    return upload


def _dsl_message(w, role):
    return {"districts": [w.school_a.district_id], "subject": "New offer", "body": "Details."}


def _booking(w, page=""):
    return f"/bookings/{w.visit.reference}/{page}"


def _own_school(w, role):
    return w.school_b if role == "staff_b" else w.school_a


def _booking_request(w, role):
    """A valid request for the session, for the school the person belongs to."""
    return {
        "school": _own_school(w, role).pk,
        "year_groups": [w.session.min_year],
        "expected_pupils": 30,
        **date_data("date_1", weekday_after(w.session.minimum_notice_days + 7)),
        "part_1": "am",
    }


def _school_day_off(w, role):
    day = weekday_after(40)
    return {**date_data("first_day", day), **date_data("last_day", None), "name": "INSET day"}


def _term_dates(w, role):
    text = "name,kind,first_day,last_day\nHalf term,holiday,2027-10-25,2027-10-29\n"
    return {"file": SimpleUploadedFile("dates.csv", text.encode(), content_type="text/csv")}


def _visit_time(w, role, **extra):
    return {
        **date_data("date", weekday_after(30)),
        "start_time": "10:00",
        "presenter": w.users["presenter"].pk,
        **extra,
    }


def _time_off(w, role):
    day = timezone.localdate() + timedelta(days=90)
    return {**date_data("start", day), **date_data("end", day), "reason": "Court"}


# Who may see school A's scheduled visit: its staff, the presenter delivering it,
# coordinators. Everyone else gets 404.
SEES_VISIT = signed_in(NOT_FOUND, staff_a=OK, dsl_a=OK, presenter=OK, coordinator=OK, superuser=OK)
# School A's new request: its staff may change it and answer the date offered;
# coordinators see it but answer for no school; no presenter is on it yet.
SCHOOL_ANSWERS = signed_in(
    NOT_FOUND, staff_a=OK, dsl_a=OK, coordinator=FORBIDDEN, superuser=FORBIDDEN
)


def _done_for(row, *roles):
    return {**row, **dict.fromkeys(roles, DONE)}


ADDRESSES = {
    # Anyone signed in may search for a school and ask to join one; asking gives
    # no access until the school's DSL or a coordinator approves.
    "schools:join": address(
        lambda w: "/schools/join/?q=Alpha", get=signed_in(OK), post=signed_in(OK)
    ),
    "schools:join_school": address(
        lambda w: f"/schools/join/{w.school_a.urn}/",
        get=signed_in(OK),
        # Members and people who already asked are told so on the form.
        post=signed_in(DONE, pending_a=OK, staff_a=OK, dsl_a=OK),
        data=lambda w, role: {"role": "teacher"},
    ),
    "schools:membership_requests": address(
        lambda w: "/schools/requests/",
        get=signed_in(FORBIDDEN, dsl_a=OK, coordinator=OK, superuser=OK),
    ),
    "schools:decide_membership": address(
        lambda w: f"/schools/requests/{w.membership.pk}/",
        rows=post_only(signed_in(FORBIDDEN, dsl_a=DONE, coordinator=DONE, superuser=DONE)),
        data=lambda w, role: {"decision": "approve"},
        school_a=True,
    ),
    # Approved staff request for their own school; staff of school A already have
    # an open request for this session, so they are told so on the form.
    "schools:booking_new": address(
        lambda w: f"/bookings/new/?session={w.session.pk}",
        get=signed_in(FORBIDDEN, staff_a=OK, dsl_a=OK, staff_b=OK),
        post=signed_in(FORBIDDEN, staff_a=OK, dsl_a=OK, staff_b=DONE),
        data=_booking_request,
    ),
    "schools:booking_requests": address(lambda w: "/bookings/requests/", get=coordinators()),
    "schools:booking_detail": address(lambda w: _booking(w), get=SEES_VISIT, school_a=True),
    # The presenter sees the visit but may not cancel it.
    "schools:booking_cancel": address(
        lambda w: _booking(w, "cancel/"),
        get={**SEES_VISIT, "presenter": FORBIDDEN},
        post={
            **SEES_VISIT,
            "presenter": FORBIDDEN,
            "staff_a": DONE,
            "dsl_a": DONE,
            "coordinator": DONE,
            "superuser": DONE,
        },
        data=lambda w, role: {"reason": "The hall is being repaired."},
        school_a=True,
    ),
    # Coordinators' pages are refused to everyone else before the booking is read.
    "schools:booking_decline": address(
        lambda w: f"/bookings/{w.requested.reference}/decline/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"reason": "No presenter is free that week."},
        school_a=True,
    ),
    "schools:booking_schedule": address(
        lambda w: f"/bookings/{w.requested.reference}/schedule/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"slot": f"1:{w.users['presenter'].pk}", "place": "Main hall"},
        school_a=True,
    ),
    # A school's own INSET days: its approved members only, coordinators included out
    # (they change any row in the admin).
    "schools:school_closures": address(
        lambda w: f"/schools/{w.school_a.urn}/closed-days/",
        get=signed_in(FORBIDDEN, staff_a=OK, dsl_a=OK),
        post=signed_in(FORBIDDEN, staff_a=DONE, dsl_a=DONE),
        data=_school_day_off,
        school_a=True,
    ),
    "schools:school_closure_delete": address(
        lambda w: f"/schools/{w.school_a.urn}/closed-days/{w.extra['closed_day'].pk}/delete/",
        rows=post_only(signed_in(FORBIDDEN, staff_a=DONE, dsl_a=DONE)),
        school_a=True,
    ),
    "schools:closed_days_import": address(
        lambda w: "/term-dates/import/",
        get=coordinators(),
        post=coordinators(DONE),
        data=_term_dates,
    ),
    "schools:booking_edit": address(
        lambda w: f"/bookings/{w.requested.reference}/edit/",
        get=SCHOOL_ANSWERS,
        post=_done_for(SCHOOL_ANSWERS, "staff_a", "dsl_a"),
        data=_booking_request,
        school_a=True,
    ),
    "schools:proposal_accept": address(
        lambda w: f"/bookings/{w.requested.reference}/proposal/accept/",
        rows=post_only(_done_for(SCHOOL_ANSWERS, "staff_a", "dsl_a")),
        school_a=True,
    ),
    "schools:proposal_decline": address(
        lambda w: f"/bookings/{w.requested.reference}/proposal/decline/",
        get=SCHOOL_ANSWERS,
        post=_done_for(SCHOOL_ANSWERS, "staff_a", "dsl_a"),
        data=lambda w, role: {"reason": "Sports day"},
        school_a=True,
    ),
    # The school asks; the presenter and coordinators see the visit but do not ask.
    "schools:move_request": address(
        lambda w: _booking(w, "move/ask/"),
        get={
            **SEES_VISIT,
            "presenter": FORBIDDEN,
            "coordinator": FORBIDDEN,
            "superuser": FORBIDDEN,
        },
        post={
            **SEES_VISIT,
            "presenter": FORBIDDEN,
            "coordinator": FORBIDDEN,
            "superuser": FORBIDDEN,
            "staff_a": DONE,
            "dsl_a": DONE,
        },
        data=lambda w, role: {"reason": "Mock exams", **date_data("date_1", weekday_after(30))},
        school_a=True,
    ),
    "schools:booking_schedule_any": address(
        lambda w: f"/bookings/{w.requested.reference}/schedule/any/",
        get=coordinators(),
        post=coordinators(DONE),
        data=_visit_time,
        school_a=True,
    ),
    "schools:visit_move": address(
        lambda w: _booking(w, "move/"),
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: _visit_time(w, role, reason="The hall is being repaired."),
        school_a=True,
    ),
    "schools:visit_cover": address(
        lambda w: _booking(w, f"cover/{w.visit.delivery.assignments.get().pk}/"),
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"presenter": w.users["other_presenter"].pk},
        school_a=True,
    ),
    "schools:booking_emails": address(
        lambda w: "/bookings/emails/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"frequency": "daily"},
    ),
    "schools:unavailability": address(
        lambda w: "/availability/", get=presenters(), post=presenters(DONE), data=_time_off
    ),
    # Only the presenter's own entry can be found at all.
    "schools:unavailability_delete": address(
        lambda w: f"/availability/{w.unavailability.pk}/delete/",
        rows=post_only(signed_in(NOT_FOUND, presenter=DONE)),
    ),
    # A new feed address for school A: its approved staff only.
    "schools:calendar_reset#school": address(
        lambda w: "/calendar/reset/",
        rows=post_only(signed_in(FORBIDDEN, staff_a=DONE, dsl_a=DONE)),
        data=lambda w, role: {"school": w.school_a.urn},
        school_a=True,
    ),
    # Without a school, a presenter's own feed address.
    "schools:calendar_reset#presenter": address(
        lambda w: "/calendar/reset/",
        rows=post_only(signed_in(FORBIDDEN, presenter=DONE, other_presenter=DONE)),
    ),
    # Calendar programs cannot sign in: the secret in the address is the only key,
    # and it is shown only to the school's staff and the presenter themselves (see
    # tests/schools/test_access.py). A wrong secret finds nothing.
    "schools:calendar_feed#school": address(
        lambda w: f"/calendar/{w.school_a.calendar_token}.ics", get=everyone(OK)
    ),
    "schools:calendar_feed#presenter": address(
        lambda w: f"/calendar/{w.users['presenter'].presenter_profile.calendar_token}.ics",
        get=everyone(OK),
    ),
    "schools:calendar_feed#guessed": address(
        lambda w: f"/calendar/{w.school_a.calendar_token[:-2]}xx.ics",
        get=everyone(NOT_FOUND),
    ),
    # The GIAS import: coordinators; an upload only for the coordinator who made it
    # (the superuser, another coordinator, gets 404).
    "schools:gias_upload": address(
        lambda w: "/schools/import/", get=coordinators(), post=coordinators(OK)
    ),
    "schools:gias_choose": address(
        lambda w: f"/schools/import/{_gias_upload(w).token}/",
        get={**coordinators(OK), "superuser": NOT_FOUND},
        post={**coordinators(DONE), "superuser": NOT_FOUND},
        data=lambda w, role: {"authorities": ["Westshire"]},
    ),
    "schools:gias_preview": address(
        lambda w: f"/schools/import/{_gias_upload(w, previewed=True).token}/preview/",
        get={**coordinators(OK), "superuser": NOT_FOUND},
        post={**coordinators(DONE), "superuser": NOT_FOUND},
    ),
    "schools:dsl_message": address(
        lambda w: "/messages/dsls/",
        get=coordinators(),
        post=coordinators(DONE),
        data=_dsl_message,
    ),
    # Term plans: coordinators only (behind MFA, as every coordinator page).
    "schools:plan_list": address(lambda w: "/plans/", get=coordinators()),
    # An empty form is shown again with its messages.
    "schools:plan_new": address(lambda w: "/plans/new/", get=coordinators()),
    "schools:plan_detail": address(lambda w: f"/plans/{w.extra['plan'].pk}/", get=coordinators()),
    "schools:plan_again": address(
        lambda w: f"/plans/{w.extra['plan'].pk}/again/", rows=post_only(coordinators(DONE))
    ),
    "schools:plan_send": address(
        lambda w: f"/plans/{w.extra['plan'].pk}/send/", rows=post_only(coordinators(DONE))
    ),
    "schools:plan_visit_change": address(
        lambda w: f"/plans/{w.extra['plan'].pk}/visits/{w.extra['plan'].visits.get().pk}/lock/",
        rows=post_only(coordinators(DONE)),
    ),
    # An offer from a term plan: school A's staff and coordinators see it; only its
    # DSL answers.
    "schools:offer": address(
        lambda w: f"/bookings/{w.extra['offer'].reference}/offer/",
        get=signed_in(NOT_FOUND, staff_a=OK, dsl_a=OK, coordinator=OK, superuser=OK),
        post=signed_in(
            NOT_FOUND, staff_a=FORBIDDEN, dsl_a=DONE, coordinator=FORBIDDEN, superuser=FORBIDDEN
        ),
        data=lambda w, role: {"answer": "another_date", "reason": "Mock exams that week"},
        school_a=True,
    ),
    "schools:working_pattern": address(
        lambda w: "/availability/pattern/",
        get=presenters(),
        post=presenters(DONE),
        data=lambda w, role: {"working_weekdays": ["0", "2"], "daily_max_visits": "2"},
    ),
}
