from .certificates import Certificate, CertificateBatch
from .events import Registration, TrainingEvent
from .feedback import FeedbackCode, FeedbackRequest, PupilResponse, TeacherFeedback, YouSaidWeDid
from .feedback_totals import DeliveryFeedbackTotals
from .registers import DeliveryRegister, PupilsReached

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
