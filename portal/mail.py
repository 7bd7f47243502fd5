"""How every email the portal sends looks, applied once where emails leave
(portal.tasks.send_email): the partnership's name as the From display name, a
Reply-To to the partnership's mailbox, `Auto-Submitted: auto-generated`, and an
HTML part in the GOV.UK Notify style beside the plain text. Times in emails are
written the GOV.UK way ("9:30am", "2pm", "midday") by `clock`.

portal imports no app: the partnership's name and mailbox live in the CMS's
settings, so cms registers a lookup here from its AppConfig.ready()
(`add_sender_lookup`); without one, PORTAL_SERVICE_NAME and DEFAULT_FROM_EMAIL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

SENDER_LOOKUPS = []
HTML_TEMPLATE = "portal/emails/message.html"
# Every email is written by the portal, never by a person at a keyboard: out-of-office
# replies and other automatic answers must not come back (RFC 3834; the second is
# Outlook's own header for the same wish).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


@dataclass(frozen=True)
class Sender:
    """Who the portal's emails and calendar invitations come from."""

    name: str  # the From display name and the ORGANIZER's CN
    mailbox: str  # Reply-To, and the ORGANIZER of every invitation


def add_sender_lookup(lookup):
    """`lookup()` returns a Sender or None; added once per app."""
    if lookup not in SENDER_LOOKUPS:
        SENDER_LOOKUPS.append(lookup)


def sender() -> Sender:
    for lookup in SENDER_LOOKUPS:
        found = lookup()
        if found is not None:
            return found
    return Sender(settings.PORTAL_SERVICE_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])


def clock(value: datetime | time | None) -> str:
    """A time as GOV.UK writes it: "9:30am", "2pm", "midday", "midnight" (UK time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.time()
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def dress(email: EmailMultiAlternatives) -> EmailMultiAlternatives:
    """Give `email` the partnership's From name, Reply-To, the automatic headers and
    an HTML part made from its text, keeping whatever the caller set itself."""
    who = sender()
    name, address = parseaddr(email.from_email or settings.DEFAULT_FROM_EMAIL)
    email.from_email = formataddr((name or who.name, address))
    if not email.reply_to:
        email.reply_to = [who.mailbox]
    for header, value in AUTOMATIC_HEADERS.items():
        email.extra_headers.setdefault(header, value)
    has_html = email.content_subtype == "html" or any(
        alternative.mimetype == "text/html" for alternative in email.alternatives
    )
    if not has_html:
        email.attach_alternative(notify_html(email.subject, email.body, who), "text/html")
    return email


URL = re.compile(r"(https?://[^\s<>\"')]+)")
BULLET = re.compile(r"^\s*[-*•]\s+")


def _blocks(text: str) -> list[dict]:
    """The text's paragraphs, and its bulleted lines as lists, for the HTML part."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            blocks.append({"bullets": [_pieces(BULLET.sub("", line)) for line in lines]})
        else:
            blocks.append({"lines": [_pieces(line) for line in lines]})
    return blocks


def _pieces(line: str) -> list[tuple[str, bool]]:
    """A line as (text, is_link) pieces, so addresses become links and nothing else
    in the text is taken as HTML (the template escapes every piece)."""
    return [(piece, bool(URL.fullmatch(piece))) for piece in URL.split(line) if piece]


def notify_html(subject: str, body: str, who: Sender | None = None) -> str:
    """The text of an email as simple one-column HTML, as GOV.UK Notify sends it."""
    who = who or sender()
    return render_to_string(
        HTML_TEMPLATE, {"subject": subject, "blocks": _blocks(body), "sender": who}
    )
