from .pages import (
    KEY_STAGES,
    RSHE_THEMES,
    YEAR_GROUP_CHOICES,
    HelpPage,
    HomePage,
    SessionIndexPage,
    SessionPage,
    SessionPageResource,
    StandardPage,
    TrainingCoursePage,
    TrainingIndexPage,
    year_group_label,
)
from .resources import AUDIENCE_CHOICES, PUPIL_AGE_BANDS, ResourceIndexPage, ResourcePage
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
