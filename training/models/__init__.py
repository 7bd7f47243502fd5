from .events import Registration, TrainingEvent

# Feedback, pupil voice and "you said, we did"
from .feedback import FeedbackCode, FeedbackRequest, PupilResponse, TeacherFeedback, YouSaidWeDid
from .registers import DeliveryRegister, PupilsReached

__all__ = [
    "DeliveryRegister",
    "PupilsReached",
    "Registration",
    "TrainingEvent",
    # feedback
    "FeedbackCode",
    "FeedbackRequest",
    "PupilResponse",
    "TeacherFeedback",
    "YouSaidWeDid",
]
