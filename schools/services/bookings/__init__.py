"""Bookings, one module per kind of change: requests (asked, edited, declined,
cancelled or withdrawn, delivered), scheduling, proposals of another date, moves,
and cover for a presenter's time off."""

from .common import MAX_PRESENTERS
from .cover import replace_presenter
from .moves import move_delivery, request_move
from .notices import set_booking_emails
from .proposals import accept_proposal, decline_proposal, propose_date
from .requests import (
    MAX_OPTIONS,
    PART_OF_DAY_START,
    RequestDetails,
    cancel_booking,
    date_problem,
    decline_booking,
    earliest_date,
    edit_request,
    mark_delivered,
    next_reference,
    request_booking,
    slot_times,
)
from .scheduling import schedule_delivery

__all__ = [
    "MAX_OPTIONS",
    "MAX_PRESENTERS",
    "PART_OF_DAY_START",
    "RequestDetails",
    "accept_proposal",
    "cancel_booking",
    "date_problem",
    "decline_booking",
    "decline_proposal",
    "earliest_date",
    "edit_request",
    "mark_delivered",
    "move_delivery",
    "next_reference",
    "propose_date",
    "replace_presenter",
    "request_booking",
    "request_move",
    "schedule_delivery",
    "set_booking_emails",
    "slot_times",
]
