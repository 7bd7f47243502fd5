"""Every state change reaches the log as one line: who (an account id, or
"system"), what (action, record type and id) and when (the line's time), once
its transaction commits; never a pupil's words and never a person's name."""

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.personal_data import close
from schools import services as school_services
from tests import factories
from tests.factories import certificates as certificate_factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as feedback_factories
from tests.factories import schools as school_factories
from tests.factories import training as training_factories
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import Registration
from training.services import feedback as feedback_services
from training.services.certificates import issuing as certificates
from training.services.events import attendance, registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(caplog, django_capture_on_commit_callbacks):
    """Run an action as a committed transaction; returns its result and the audit lines."""

    def _run(action):
        caplog.clear()
        with (
            caplog.at_level(logging.INFO, logger="portal.audit"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            result = action()
        return result, [r.getMessage() for r in caplog.records if r.name == "portal.audit"]

    return _run


def test_a_booking_request_says_who_asked_for_what(audit, staff, school):
    session = cms_factories.session_page(minimum_notice_days=1)
    booking, lines = audit(
        lambda: school_services.request_booking(
            user=staff,
            school=school,
            session=session,
            details=school_services.RequestDetails(
                year_groups=[session.min_year],
                expected_pupils=30,
                options=[(school_factories.weekday_after(14), "am")],
            ),
        )
    )
    assert f"audit schools.booking.requested schools.booking:{booking.pk} user={staff.pk}" in lines


def test_a_rolled_back_change_is_never_logged(audit, school, coordinator):
    def change_then_roll_back():
        with transaction.atomic():
            log(instance=school, action="wagtail.edit", user=coordinator)
            transaction.set_rollback(True)

    assert audit(change_then_roll_back)[1] == []


def test_membership_decisions(audit, school, coordinator):
    membership = factories.MembershipFactory(school=school, status="pending")
    _, lines = audit(lambda: school_services.approve_membership(membership, by=coordinator))
    assert lines == [
        f"audit schools.membership.approved schools.schoolmembership:{membership.pk} "
        f"user={coordinator.pk}"
    ]


def test_scheduling_and_declining_bookings(audit, school, coordinator):
    declined = school_factories.booking(school=school)
    _, lines = audit(
        lambda: school_services.decline_booking(declined, by=coordinator, reason="No one free")
    )
    assert lines == [
        f"audit schools.booking.declined schools.booking:{declined.pk} user={coordinator.pk}"
    ]
    assert "No one free" not in " ".join(lines)


def test_registrations_and_registers(audit, school, coordinator):
    staff = factories.school_staff(school=school)
    event = training_factories.event()
    registration, lines = audit(lambda: registrations.register_for_event(event, staff, school))
    assert lines == [
        f"audit training.registration.created training.registration:{registration.pk} "
        f"user={staff.pk}"
    ]

    today = training_factories.event(start=timezone.now() - timedelta(hours=1))
    present = training_factories.registration(event_=today)
    _, lines = audit(
        lambda: attendance.mark_attendance(
            today, {present.pk: Registration.Attendance.ATTENDED}, by=coordinator
        )
    )
    assert lines == [
        f"audit training.registration.attendance training.registration:{present.pk} "
        f"user={coordinator.pk}"
    ]


def test_certificates_issued_revoked_and_reissued(audit, coordinator):
    registration = certificate_factories.attendee()

    def issue_revoke_reissue():
        certificate = certificates.record_certificate(registration, by=coordinator)
        certificates.revoke_certificate(certificate, by=coordinator, reason="Wrong date")
        certificates.record_certificate(registration, by=coordinator)
        return certificate

    certificate, lines = audit(issue_revoke_reissue)
    assert lines == [
        f"audit training.certificate.{action} training.certificate:{certificate.pk} "
        f"user={coordinator.pk}"
        for action in ("issued", "revoked", "reissued")
    ]


def test_a_flagged_pupil_answer_and_its_follow_up_never_quote_the_pupil(audit, coordinator):
    delivery = feedback_factories.delivered(start=timezone.now() - timedelta(hours=2))
    code = feedback_services.feedback_code_for(delivery)
    words = "my uncle hurts me"

    submission, lines = audit(
        lambda: feedback_services.submit_pupil_feedback(
            code.delivery,
            token="",
            after_confidence=3,
            knows_who_to_talk_to="no",
            do_differently=words,
            retrospective_before=2,
        )
    )
    response = submission.response
    assert response.flagged
    assert lines == [
        f"audit training.pupil_response.flagged training.pupilresponse:{response.pk} user=system"
    ]

    _, follow_up = audit(lambda: feedback_services.mark_followed_up(response, user=coordinator))
    assert follow_up == [
        f"audit training.pupil_response.followed_up training.pupilresponse:{response.pk} "
        f"user={coordinator.pk}"
    ]
    assert not any(word in line for line in lines + follow_up for word in words.split()[1:])


def test_publishing_a_page_is_logged(audit, coordinator):
    page = cms_factories.help_page()
    _, lines = audit(lambda: page.save_revision(user=coordinator).publish(user=coordinator))
    assert f"audit wagtail.publish cms.helppage:{page.pk} user={coordinator.pk}" in lines


def test_closing_an_account_is_logged_and_its_audit_labels_lose_the_name(audit, school):
    staff = factories.school_staff(school=school, first_name="Imogen", last_name="Thistlewood")
    membership = staff.school_memberships.get()
    log(instance=membership, action="wagtail.edit", user=staff)
    assert "Thistlewood" in ModelLogEntry.objects.get(object_id=str(membership.pk)).label

    _, lines = audit(lambda: close(staff))

    assert f"audit portal.account.closed portal.user:{staff.pk} user={staff.pk}" in lines
    assert (
        f"audit schools.membership.left schools.schoolmembership:{membership.pk} user={staff.pk}"
        in lines
    )
    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert not any("Thistlewood" in label or "Imogen" in label for label in labels)
    assert f"closed account {staff.pk} at {school.name} (Approved)" in labels


def test_security_events_say_who_without_secrets(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        client.post(
            "/accounts/signup/",
            {
                "email": "new.teacher@school.example",
                "first_name": "New",
                "last_name": "Teacher",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="new.teacher@school.example")
    assert f"account created user={user.pk}" in caplog.text
    assert "a-long-unusual-passphrase" not in caplog.text
    assert "new.teacher@school.example" not in caplog.text


def test_every_pupil_answer_gets_a_line_without_its_words_or_an_admin_history_row(audit):
    delivery = feedback_factories.delivered(start=timezone.now() - timedelta(hours=2))
    entries = ModelLogEntry.objects.count()

    before, before_lines = audit(
        lambda: feedback_services.submit_pupil_before(delivery, token="browser-1", confidence=2)
    )
    after, after_lines = audit(
        lambda: feedback_services.submit_pupil_feedback(
            delivery,
            token="browser-1",
            after_confidence=4,
            knows_who_to_talk_to="yes",
            do_differently="Talk about group chats",
        )
    )

    assert after.response.pk == before.response.pk
    assert before_lines == [
        f"audit training.pupil_response.before_given training.pupilresponse:{before.response.pk}"
        " user=system"
    ]
    assert after_lines == [
        f"audit training.pupil_response.answered training.pupilresponse:{after.response.pk}"
        " user=system"
    ]
    assert "group chats" not in after_lines[0]
    assert ModelLogEntry.objects.count() == entries
