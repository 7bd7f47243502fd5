"""The rules for schools, memberships, bookings and presenters, one module per area.

Every write that changes a status goes through one of these functions: guard
clauses raise a `SchoolsError` (a portal.errors.DomainError) with a stable
`code`; the contested row is re-read with `select_for_update()`; the change is
logged in Wagtail's audit log; emails go out only after the transaction commits.

The public names are re-exported here, so callers write
`from schools import services` and `services.request_booking(...)`.
"""

from .bookings import (
    MAX_OPTIONS,
    MAX_PRESENTERS,
    PART_OF_DAY_START,
    RequestDetails,
    accept_proposal,
    cancel_booking,
    date_problem,
    decline_booking,
    decline_proposal,
    earliest_date,
    edit_request,
    mark_delivered,
    move_delivery,
    next_reference,
    propose_date,
    replace_presenter,
    request_booking,
    request_move,
    schedule_delivery,
    set_booking_emails,
    slot_times,
)
from .calendars import reset_calendar_token
from .closures import (
    add_school_closure,
    add_school_days,
    bank_holiday,
    closed_days,
    closure,
    import_closed_days,
    next_open_day,
    read_closed_days_csv,
    remove_school_closure,
    school_days_before,
)
from .common import LONDON
from .errors import BookingError, ClosureError, MembershipError, SchedulingError, SchoolsError
from .imports import (
    SchoolImportError,
    confirm_gias,
    preview_gias,
    purge_abandoned_imports,
    stored_plan,
    upload_gias,
)
from .memberships import approve_membership, reject_membership, request_membership
from .presenters import (
    available_presenters,
    busy_presenter_ids,
    confirm_vetting,
    delete_unavailability,
    qualified_presenter_queryset,
    qualified_presenters,
    record_unavailability,
    set_working_pattern,
)
from .schools import ImportFailed, import_schools

__all__ = [
    "ClosureError",
    "add_school_closure",
    "import_closed_days",
    "read_closed_days_csv",
    "remove_school_closure",
    "add_school_days",
    "bank_holiday",
    "closed_days",
    "closure",
    "earliest_date",
    "next_open_day",
    "LONDON",
    "MAX_OPTIONS",
    "MAX_PRESENTERS",
    "accept_proposal",
    "decline_proposal",
    "edit_request",
    "move_delivery",
    "propose_date",
    "replace_presenter",
    "request_move",
    "set_booking_emails",
    "PART_OF_DAY_START",
    "RequestDetails",
    "BookingError",
    "ImportFailed",
    "MembershipError",
    "SchedulingError",
    "set_working_pattern",
    "SchoolsError",
    "approve_membership",
    "available_presenters",
    "busy_presenter_ids",
    "cancel_booking",
    "confirm_vetting",
    "date_problem",
    "decline_booking",
    "delete_unavailability",
    "import_schools",
    "SchoolImportError",
    "confirm_gias",
    "preview_gias",
    "purge_abandoned_imports",
    "stored_plan",
    "upload_gias",
    "mark_delivered",
    "next_reference",
    "qualified_presenter_queryset",
    "qualified_presenters",
    "record_unavailability",
    "reject_membership",
    "request_booking",
    "request_membership",
    "reset_calendar_token",
    "schedule_delivery",
    "school_days_before",
    "slot_times",
]
