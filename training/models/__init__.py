from .certificates import Certificate, CertificateBatch
from .events import DeliveryRegister, PupilsReached, Registration, TrainingEvent
from .feedback import (
    DeliveryFeedbackTotals,
    FeedbackCode,
    FeedbackRequest,
    PupilResponse,
    TeacherFeedback,
    YouSaidWeDid,
)

__all__ = [
    "Certificate",
    "CertificateBatch",
    "DeliveryFeedbackTotals",
    "DeliveryRegister",
    "FeedbackCode",
    "FeedbackRequest",
    "PupilResponse",
    "PupilsReached",
    "Registration",
    "TeacherFeedback",
    "TrainingEvent",
    "YouSaidWeDid",
]
