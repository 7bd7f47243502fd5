"""Messages to many: each person gets an email of their own, queued with the message
in one transaction and sent by the worker once per person, however often the tasks
run; bad input is refused at the field; only coordinators write them."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from portal.messages import MessageError, purge_unsent_messages, send_message
from portal.models import Message, SentEmail, User
from schools.models import SchoolMembership
from tests import factories
from tests.factories import training as training_factories
from tests.races import race
from training.models import Registration
from training.services.events import draft_event_message

pytestmark = pytest.mark.django_db

BODY = "We have moved to Room 4, first floor.\nThe lift is by reception."


def event_with_people(confirmed, *, waiting=0, cancelled=0):
    event = training_factories.event(capacity=confirmed)
    people = User.objects.bulk_create(
        User(email=f"attendee{i}@school.example", first_name="Person", last_name=str(i))
        for i in range(confirmed + waiting + cancelled)
    )
    statuses = (
        [Registration.Status.CONFIRMED] * confirmed
        + [Registration.Status.WAITLISTED] * waiting
        + [Registration.Status.CANCELLED] * cancelled
    )
    Registration.objects.bulk_create(
        Registration(event=event, user=person, status=status)
        for person, status in zip(people, statuses, strict=True)
    )
    return event, people[:confirmed]


def test_a_message_to_500_people_is_sent_by_the_worker_one_email_each(run_worker, coordinator):
    event, people = event_with_people(500, waiting=3, cancelled=2)
    message = draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    assert message.recipient_count == 500

    started = time.perf_counter()
    assert send_message(message, by=coordinator) == 500
    queued_in = time.perf_counter() - started
    assert mail.outbox == []  # queued, not sent in the request
    assert DBTaskResult.objects.filter(task_path="portal.tasks.send_email").count() == 500

    started = time.perf_counter()
    run_worker()
    sent_in = time.perf_counter() - started
    print(f"500 emails queued in {queued_in:.2f}s, sent by the worker in {sent_in:.2f}s")
    assert len(mail.outbox) == 500
    for email in mail.outbox:
        assert len(email.to) == 1 and email.cc == [] and email.bcc == []
        assert email.subject == "Room change"
        assert BODY in email.body
    assert sorted(e.to[0] for e in mail.outbox) == sorted(p.email for p in people)

    run_worker()
    assert len(mail.outbox) == 500  # nothing left to send

    message.refresh_from_db()
    assert (message.status, message.recipient_count, message.sent_by) == ("sent", 500, coordinator)
    entry = ModelLogEntry.objects.get(action="portal.message.sent")
    assert entry.user_id == coordinator.pk
    assert entry.data["recipients"] == 500
    assert entry.data["audience"].startswith("Everyone with a confirmed place on")
    assert "Room 4" not in str(entry.data)  # the words are not in the audit log


def test_tasks_run_again_or_taken_back_from_a_dead_worker_send_each_email_once(
    run_worker, coordinator, settings
):
    event, people = event_with_people(40)
    message = draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    send_message(message, by=coordinator)
    # A worker took half the emails and died before sending them: once its lease runs
    # out they are taken back and sent.
    lease = settings.PORTAL_TASK_POLICIES["default"]["lease"]
    long_ago = timezone.now() - timezone.timedelta(seconds=lease + 1)
    tasks = DBTaskResult.objects.filter(task_path="portal.tasks.send_email").order_by("pk")
    held = list(tasks.values_list("pk", flat=True)[:20])
    DBTaskResult.objects.filter(pk__in=held).update(
        status="RUNNING", started_at=long_ago, worker_ids=["dead"]
    )
    run_worker()
    assert sorted(e.to[0] for e in mail.outbox) == sorted(p.email for p in people)
    # Every task run again (a worker that died after sending, before recording it):
    # the marks stop a second email.
    tasks.update(status="READY", finished_at=None)
    run_worker()
    assert len(mail.outbox) == 40
    assert SentEmail.objects.filter(key__startswith=f"message:{message.pk}:to:").count() == 40


def test_a_message_is_sent_once_however_often_send_is_pressed(coordinator):
    event, _ = event_with_people(3)
    message = draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    send_message(message, by=coordinator)
    with pytest.raises(MessageError) as error:
        send_message(message, by=coordinator)
    assert error.value.code == "already_sent"
    assert len(mail.outbox) == 3  # the immediate backend of the test settings


def test_an_event_with_nobody_confirmed_has_nobody_to_write_to(coordinator):
    event, _ = event_with_people(0, waiting=2)
    with pytest.raises(MessageError) as error:
        draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    assert error.value.code == "no_recipients"
    assert not Message.objects.exists()


def test_drafts_never_sent_are_deleted_after_a_day(coordinator):
    event, _ = event_with_people(2)
    draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    assert purge_unsent_messages(timezone.now()) == 0
    assert purge_unsent_messages(timezone.now() + timezone.timedelta(days=2)) == 1


# ------------------------------------------------------------ pages


def test_a_coordinator_writes_checks_and_sends_from_the_pages(client, coordinator):
    event, people = event_with_people(12)
    client.force_login(coordinator)
    url = reverse("training:event_message", args=[event.pk])
    assert "12 people have a confirmed place" in client.get(url).content.decode()
    response = client.post(url, {"subject": "Room change", "body": BODY})
    message = Message.objects.get()
    assert response.url == reverse("message_detail", args=[message.pk])
    check = client.get(response.url).content.decode()
    assert "This message will go to <strong>12 people</strong>" in check
    assert mail.outbox == []
    sent = client.post(response.url, follow=True).content.decode()
    assert "Your message is being sent to 12 people." in sent
    assert len(mail.outbox) == 12
    listing = client.get(reverse("message_list")).content.decode()
    assert "Room change" in listing and ">12<" in listing


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"subject": "", "body": BODY}, "Enter a subject"),
        ({"subject": "Room change", "body": "  "}, "Enter the message"),
    ],
)
def test_an_empty_subject_or_message_is_refused_at_the_field(client, coordinator, posted, message):
    event, _ = event_with_people(2)
    client.force_login(coordinator)
    response = client.post(reverse("training:event_message", args=[event.pk]), posted)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "subject" if "subject" in message else "body": [message]
    }
    assert not Message.objects.exists()


def dsl(school, **kwargs):
    return factories.MembershipFactory(school=school, role=SchoolMembership.Role.DSL, **kwargs).user


def test_dsls_of_the_districts_and_phases_chosen_and_nobody_else(client, coordinator):
    north = factories.DistrictFactory(name="North")
    south = factories.DistrictFactory(name="South")
    primary = factories.SchoolFactory(district=north, phase="primary")
    secondary = factories.SchoolFactory(district=north, phase="secondary")
    closed = factories.SchoolFactory(district=north, phase="primary", is_open=False)
    southern = factories.SchoolFactory(district=south, phase="primary")
    chosen = dsl(primary)
    dsl(secondary), dsl(closed), dsl(southern)
    dsl(primary, status=SchoolMembership.Status.PENDING)
    factories.school_staff(school=primary)  # a teacher, not a DSL
    client.force_login(coordinator)
    url = reverse("schools:dsl_message")
    response = client.post(
        url, {"districts": [north.pk], "phases": ["primary"], "subject": "New offer", "body": BODY}
    )
    message = Message.objects.get()
    assert message.recipient_ids == [chosen.pk]
    assert message.audience == "DSLs of primary schools in North"
    client.post(response.url)
    assert [e.to for e in mail.outbox] == [[chosen.email]]


def test_no_group_chosen_or_nobody_in_it_is_refused_at_the_field(client, coordinator):
    empty = factories.DistrictFactory(name="Empty")
    client.force_login(coordinator)
    url = reverse("schools:dsl_message")
    response = client.post(url, {"subject": "New offer", "body": BODY})
    assert response.context["form"].errors == {
        "districts": ["Select at least one district or phase"]
    }
    everything_missing = client.post(url, {})
    assert everything_missing.context["form"].errors == {
        "districts": ["Select at least one district or phase"],
        "subject": ["Enter a subject"],
        "body": ["Enter the message"],
    }
    response = client.post(url, {"districts": [empty.pk], "subject": "New offer", "body": BODY})
    assert response.context["form"].errors == {
        "districts": ["Nobody matches your choice, so there is nobody to send it to"]
    }
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["school_staff", "presenter"])
def test_only_coordinators_write_to_many(client, coordinator, who):
    event, _ = event_with_people(2)
    message = draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    client.force_login(getattr(factories, who)())
    for url in (
        reverse("message_list"),
        reverse("message_detail", args=[message.pk]),
        reverse("schools:dsl_message"),
        reverse("training:event_message", args=[event.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("message_detail", args=[message.pk])).status_code == 403
    assert mail.outbox == []


# ------------------------------------------------------------ races


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_queue_each_email_once(coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event, _ = event_with_people(30)
    message = draft_event_message(event, subject="Room change", body=BODY, by=coordinator)
    outcomes = race(2, lambda i: send_message(Message.objects.get(pk=message.pk), by=coordinator))
    assert sorted(map(str, outcomes)) == ["30", "This message has been sent already."]
    assert DBTaskResult.objects.filter(task_path="portal.tasks.send_email").count() == 30
