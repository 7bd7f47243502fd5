"""A coordinator emails everyone with a confirmed place on a training event (a room
change): writes it, sees how many it goes to, sends it; each person gets their own
email once the worker has run, and the message is listed with its count."""

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import check
from tests.factories import training as training_factories
from training.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_emails_an_events_attendees(page, visit, sign_in, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = training_factories.event(capacity=3)
    confirmed = [
        training_factories.registration(event_=event, user=factories.school_staff())
        for _ in range(3)
    ]
    training_factories.registration(
        event_=event, user=factories.school_staff(), status=Registration.Status.WAITLISTED
    )
    sign_in(factories.coordinator())

    visit(f"/training/events/{event.pk}/")
    page.get_by_role("link", name="Email everyone with a confirmed place").click()
    page.wait_for_url(f"**/training/events/{event.pk}/message/")
    check(page)
    expect(page.get_by_text("3 people have a confirmed place")).to_be_visible()

    # No subject: told at the field, the words kept.
    page.get_by_label("Message").fill("We have moved to Room 4, first floor.")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Enter a subject")
    check(page)
    page.get_by_label("Subject").fill("Room change for Thursday's training")
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role("heading", name="Check your message before you send it")
    ).to_be_visible()
    check(page)
    expect(page.locator("#recipient-count")).to_contain_text("This message will go to 3 people")
    page.get_by_role("button", name="Send to 3 people").click()
    expect(page.get_by_text("Your message is being sent to 3 people.")).to_be_visible()
    check(page)

    assert mail.outbox == []
    call_command("task_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert sorted(email.to[0] for email in mail.outbox) == sorted(r.user.email for r in confirmed)
    assert all(len(email.to) == 1 for email in mail.outbox)

    page.get_by_role("link", name="Messages sent").click()
    check(page)
    row = page.get_by_role("row", name="Room change for Thursday's training")
    expect(row).to_contain_text("3")
