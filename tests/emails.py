"""Emails read back from the bytes a mail server would receive, as a recipient's
client sees them, not from Django's message object."""

from email import message_from_bytes, policy


def sent(message):
    """(headers, text part, HTML part) of a sent email."""
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    text = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    return parsed, text.get_content(), html.get_content()
