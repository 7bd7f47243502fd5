"""The refusals of the training services: one domain error per area, all of them
``portal.errors.DomainError`` (a message for people, a stable ``code``, and the
``field`` when the refusal is about one thing the person typed)."""

from portal.errors import DomainError


class TrainingError(DomainError):
    """A rule of training events, registrations or registers refused the change."""


class FeedbackError(DomainError):
    """A rule of pupil or teacher feedback refused the answer or the request."""


class CertificateError(DomainError):
    """A rule of issuing, revoking or bulk-issuing certificates refused the change."""
