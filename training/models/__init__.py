from .events import Registration, TrainingEvent
from .registers import DeliveryRegister, PupilsReached

__all__ = ["DeliveryRegister", "PupilsReached", "Registration", "TrainingEvent"]

# Certificates
from .certificates import Certificate, CertificateBatch  # noqa: E402

__all__ += ["Certificate", "CertificateBatch"]
