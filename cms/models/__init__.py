from .pages import (
    KEY_STAGES,
    YEAR_GROUP_CHOICES,
    HomePage,
    SessionIndexPage,
    SessionPage,
    StandardPage,
    TrainingCoursePage,
    TrainingIndexPage,
    year_group_label,
)
from .settings import PartnershipSettings
from .snippets import PartnerOrganisation, Topic

__all__ = [
    "KEY_STAGES",
    "YEAR_GROUP_CHOICES",
    "HomePage",
    "PartnerOrganisation",
    "PartnershipSettings",
    "SessionIndexPage",
    "SessionPage",
    "StandardPage",
    "Topic",
    "TrainingCoursePage",
    "TrainingIndexPage",
    "year_group_label",
]
