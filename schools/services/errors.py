"""The domain errors of the schools services."""


class SchoolsError(Exception):
    """A rule was broken; `code` is stable for tests and callers, the message is for people."""

    def __init__(self, message, *, code, field=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class MembershipError(SchoolsError):
    pass


class BookingError(SchoolsError):
    pass


class SchedulingError(SchoolsError):
    pass
