"""Filters for email templates: `{% load portal_mail %}`, then `{{ start|clock }}`
for "9:30am", "2pm" or "midday" (portal.mail.clock)."""

from django import template

from portal import mail

register = template.Library()


@register.filter
def clock(value):
    return mail.clock(value)
