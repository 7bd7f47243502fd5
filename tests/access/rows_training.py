"""Expected answers: training events and registers, pupil voice, teacher feedback,
flagged answers and reports."""

from django.utils import timezone

from portal.date_input import date_data

from .expect import (
    DONE,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    OK,
    SET_UP_MFA,
    address,
    coordinators,
    everyone,
    post_only,
    signed_in,
)

# The trainer of school A's events and the presenter of its visits, and coordinators.
RUNS_IT = signed_in(FORBIDDEN, presenter=OK, coordinator=OK, superuser=OK)
# Approved staff of school A (its DSL included) and nobody else.
SCHOOL_A_STAFF = signed_in(FORBIDDEN, staff_a=OK, dsl_a=OK)
# Coordinators and school A's designated safeguarding lead.
# The DSL signs in with a password only: pupils' words wait for an authenticator.
SAFEGUARDING = signed_in(FORBIDDEN, dsl_a=SET_UP_MFA, coordinator=OK, superuser=OK)
# The school's own figures: its approved staff and coordinators.
SCHOOL_FIGURES = signed_in(FORBIDDEN, staff_a=OK, dsl_a=OK, coordinator=OK, superuser=OK)


def done_for(row):
    """The same row with every OK turned into DONE (the POST did its work)."""
    return {role: DONE if answer == OK else answer for role, answer in row.items()}


def _register_for(w, role):
    return {"school": (w.school_b if role == "staff_b" else w.school_a).pk}


def _delivery_register(w, role):
    start = timezone.localtime(w.delivered.start)
    year = w.delivered.booking.year_groups[0]
    return {
        **date_data("delivered_on", start.date()),
        "delivered_time": start.strftime("%H:%M"),
        "staff_present": "3",
        f"year_{year}": "29",
    }


def _ratings(w, role):
    return {"relevance": "4", "quality": "5", "engagement": "4", "would_recommend": "yes"}


ADDRESSES = {
    # Events ---------------------------------------------------------------------
    "training:event_detail": address(lambda w: f"/training/events/{w.event.pk}/", get=everyone(OK)),
    # Approved staff register for their own school; staff_a already has a place
    # (told so on the event page). Without an approved school the form is refused.
    "training:event_register": address(
        lambda w: f"/training/events/{w.event.pk}/register/",
        rows=post_only(signed_in(INVALID, staff_a=DONE, dsl_a=DONE, staff_b=DONE)),
        data=_register_for,
    ),
    # staff_a's own place: nobody but they and coordinators can find it.
    "training:registration_cancel": address(
        lambda w: f"/training/registrations/{w.registration.pk}/cancel/",
        get=signed_in(NOT_FOUND, staff_a=OK, coordinator=OK, superuser=OK),
        post=signed_in(NOT_FOUND, staff_a=DONE, coordinator=DONE, superuser=DONE),
        school_a=True,
    ),
    # The register of the event "presenter" ran two days ago (school A's staff on it).
    "training:event_attendance": address(
        lambda w: f"/training/events/{w.past_event.pk}/attendance/",
        get=RUNS_IT,
        post=done_for(RUNS_IT),
        data=lambda w, role: {f"r{w.attended.pk}": "attended"},
        school_a=True,
    ),
    "training:event_walk_in": address(
        lambda w: f"/training/events/{w.past_event.pk}/attendance/walk-in/",
        rows=post_only(done_for(RUNS_IT)),
        data=lambda w, role: {"email": w.users["dsl_a"].email},
        school_a=True,
    ),
    "training:delivery_register": address(
        lambda w: f"/training/deliveries/{w.delivered.pk}/register/",
        get=RUNS_IT,
        post=done_for(RUNS_IT),
        data=_delivery_register,
        school_a=True,
    ),
    # Pupil voice ----------------------------------------------------------------
    # A pupil types a code; a wrong one (the empty POST here) is a message on the form.
    "training:feedback": address(lambda w: "/feedback/", get=everyone(OK), post=everyone(OK)),
    # The code is the only key (six characters, slowed down after wrong guesses):
    # whoever has it may answer, signed in or not. The page names no school.
    "training:pupil_survey": address(
        lambda w: w.survey_url(),
        get=everyone(OK),
        post=everyone(DONE),
        data=lambda w, role: {"stage": "before", "before_confidence": "2"},
    ),
    "training:pupil_thanks": address(lambda w: f"{w.survey_url()}thanks/", get=everyone(OK)),
    "training:you_said_we_did": address(
        lambda w: "/you-said-we-did/", get=everyone(OK), post=everyone(OK)
    ),
    # The code screen of the visit "presenter" delivered (the code is made on demand).
    "training:show_feedback_code": address(
        lambda w: f"/feedback/show/{w.delivered.pk}/", get=RUNS_IT, school_a=True
    ),
    "training:feedback_code_qr": address(
        lambda w: f"/feedback/show/{w.delivered.pk}/qr.svg", get=RUNS_IT, school_a=True
    ),
    "training:feedback_code_poster": address(
        lambda w: f"/feedback/show/{w.delivered.pk}/poster.pdf", get=RUNS_IT, school_a=True
    ),
    # Teacher feedback -----------------------------------------------------------
    "training:delivery_feedback": address(
        lambda w: f"/feedback/teacher/delivery/{w.delivered.pk}/",
        get=SCHOOL_A_STAFF,
        post=done_for(SCHOOL_A_STAFF),
        data=_ratings,
        school_a=True,
    ),
    # Only people who attended the event: staff_a.
    "training:event_feedback": address(
        lambda w: f"/feedback/teacher/event/{w.past_event.pk}/",
        get=signed_in(FORBIDDEN, staff_a=OK),
        post=signed_in(FORBIDDEN, staff_a=DONE),
        data=_ratings,
        school_a=True,
    ),
    # Flagged pupil answers ------------------------------------------------------
    "training:flagged_responses": address(lambda w: "/feedback/flagged/", get=SAFEGUARDING),
    "training:flagged_response": address(
        lambda w: f"/feedback/flagged/{w.flagged.pk}/", get=SAFEGUARDING, school_a=True
    ),
    "training:flagged_followed_up": address(
        lambda w: f"/feedback/flagged/{w.flagged.pk}/followed-up/",
        rows=post_only(done_for(SAFEGUARDING)),
        school_a=True,
    ),
    # Reports --------------------------------------------------------------------
    "training:reports": address(lambda w: "/reports/?year=2025", get=coordinators()),
    "training:set_aside_answers": address(
        lambda w: f"/reports/visits/{w.delivered.pk}/set-aside/",
        rows=post_only(coordinators(DONE)),
        data=lambda w, role: {"reason": "Answers from one browser"},
    ),
    "training:reports_export": address(lambda w: "/reports/export/summary.csv", get=coordinators()),
    "training:school_reports": address(
        lambda w: f"/reports/school/{w.school_a.pk}/?year=2025", get=SCHOOL_FIGURES, school_a=True
    ),
    "training:school_reports_export": address(
        lambda w: f"/reports/school/{w.school_a.pk}/export/summary.xlsx",
        get=SCHOOL_FIGURES,
        school_a=True,
    ),
    # A message to everyone with a confirmed place: coordinators.
    "training:event_message": address(
        lambda w: f"/training/events/{w.event.pk}/message/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"subject": "Room change", "body": "Room 4."},
    ),
}
