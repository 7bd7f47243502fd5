from ..choices import (
    AUDIENCE_CHOICES,
    KEY_STAGES,
    PUPIL_AGE_BANDS,
    RSHE_THEMES,
    YEAR_GROUP_CHOICES,
    year_group_label,
)
from .pages import (
    HelpPage,
    HomePage,
    SessionIndexPage,
    SessionPage,
    SessionPageResource,
    StandardPage,
    TrainingCoursePage,
    TrainingIndexPage,
)
from .resources import ResourceIndexPage, ResourcePage
from .settings import PartnershipSettings
from .snippets import PartnerOrganisation, Topic

__all__ = [
    "AUDIENCE_CHOICES",
    "KEY_STAGES",
    "PUPIL_AGE_BANDS",
    "RSHE_THEMES",
    "HelpPage",
    "ResourceIndexPage",
    "ResourcePage",
    "SessionPageResource",
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
