from .certificates import Certificate, CertificateBatch
from .events import Registration, TrainingEvent
from .feedback import FeedbackCode, FeedbackRequest, PupilResponse, TeacherFeedback, YouSaidWeDid
from .registers import DeliveryRegister, PupilsReached

__all__ = [
    "Certificate",
    "CertificateBatch",
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
