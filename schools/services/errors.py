"""The domain errors of the schools services: each a portal.errors.DomainError, so
views show them with portal.errors.add_to_form."""

from portal.errors import DomainError


class SchoolsError(DomainError):
    """A rule of the schools app was broken."""


class MembershipError(SchoolsError):
    pass


class BookingError(SchoolsError):
    pass


class SchedulingError(SchoolsError):
    pass


class ClosureError(SchoolsError):
    pass


class PlanError(SchoolsError):
    pass
