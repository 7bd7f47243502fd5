"""Checks shared by the portal's forms and models."""

from django.core.validators import RegexValidator

# Line breaks (including Unicode's own), tabs, NUL and every other control character.
# A name or other one-line value goes into email headers (a DSL is told "Ann Smith
# asks to join"), calendar files and certificates, where a line break either breaks
# the message or starts a new header.
one_line = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
    inverse_match=True,
    message="Enter this on one line, without line breaks, tabs or other special characters.",
    code="control_characters",
)
