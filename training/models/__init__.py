from .events import Registration, TrainingEvent
from .registers import DeliveryRegister, PupilsReached

__all__ = ["DeliveryRegister", "PupilsReached", "Registration", "TrainingEvent"]
