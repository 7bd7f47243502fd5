"""Every email leaves looking like a public service (portal.mail, applied by
portal.tasks.send_email): the partnership's name as the From display name, a
Reply-To to its mailbox, Auto-Submitted, and an HTML part in the GOV.UK Notify style
beside the text; times written "9:30am". The emails are read back from the bytes a
mail server would receive, not from Django's message object."""

from datetime import datetime, time
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template import Context, Template
from wagtail.models import Site

from cms.models import PartnershipSettings
from portal.mail import clock
from portal.tasks import queue_email
from tests.emails import sent


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (time(9, 30), "9:30am"),
        (time(14, 0), "2pm"),
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(12, 15), "12:15pm"),
        (time(0, 5), "12:05am"),
        (time(23, 59), "11:59pm"),
        (None, ""),
    ],
)
def test_times_are_written_the_gov_uk_way(value, written):
    assert clock(value) == written


def test_an_aware_time_is_written_in_uk_time_either_side_of_the_clock_change():
    summer = datetime(2027, 7, 1, 8, 30, tzinfo=ZoneInfo("UTC"))  # 9:30am BST
    winter = datetime(2027, 1, 15, 14, 0, tzinfo=ZoneInfo("UTC"))  # 2pm GMT
    rendered = Template("{% load portal_mail %}{{ a|clock }} and {{ b|clock }}").render(
        Context({"a": summer, "b": winter})
    )
    assert rendered == "9:30am and 2pm"


@pytest.mark.django_db
def test_every_email_carries_the_partnership_name_reply_to_and_auto_submitted():
    queue_email(
        EmailMessage("Subject", "Hello.\n\nSee https://example.org/a?b=1&c=2", to=["a@x.example"])
    )
    (message,) = mail.outbox
    headers, text, html = sent(message)
    assert parseaddr(headers["From"]) == (
        "Westshire Safeguarding Children Partnership",
        "portal@safeguarding-partnership.example",
    )
    assert headers["Reply-To"] == "portal@safeguarding-partnership.example"
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["X-Auto-Response-Suppress"] == "All"
    assert text.startswith("Hello.")
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in html
    assert "Westshire Safeguarding Children Partnership</td>" in html
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_the_name_and_mailbox_come_from_the_partnership_settings():
    branding = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    branding.partnership_name = "Eastshire Children's Partnership, Schools Team"
    branding.contact_email = "schools@eastshire.example"
    branding.save()
    queue_email(EmailMessage("Subject", "Body", to=["a@x.example"]))
    headers, _, html = sent(mail.outbox[0])
    assert parseaddr(headers["From"]) == (
        "Eastshire Children's Partnership, Schools Team",
        "portal@safeguarding-partnership.example",  # the address allowed to send
    )
    assert headers["Reply-To"] == "schools@eastshire.example"
    assert "mailto:schools@eastshire.example" in html


@pytest.mark.django_db
def test_the_html_part_escapes_the_text_and_keeps_its_lists():
    body = "Names: <b>Tom & Jerry</b>\n\n- one\n- two https://example.org/x"
    queue_email(EmailMessage("Subject", body, to=["a@x.example"]))
    _, _, html = sent(mail.outbox[0])
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in html
    assert "<b>" not in html
    assert html.count("<li") == 2
    assert '<a href="https://example.org/x"' in html


@pytest.mark.django_db
def test_what_the_caller_chose_is_kept():
    message = EmailMultiAlternatives(
        "Subject",
        "Text",
        from_email="Someone <someone@example.org>",
        to=["a@x.example"],
        reply_to=["desk@example.org"],
    )
    message.attach_alternative("<p>Own HTML</p>", "text/html")
    queue_email(message)
    headers, _, html = sent(mail.outbox[0])
    assert parseaddr(headers["From"]) == ("Someone", "someone@example.org")
    assert headers["Reply-To"] == "desk@example.org"
    assert html.strip() == "<p>Own HTML</p>"
    assert headers["Auto-Submitted"] == "auto-generated"
