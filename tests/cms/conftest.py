import pytest

from cms.moderation import ensure_moderation
from tests.factories import cms


@pytest.fixture
def site_pages(db):
    """Home, the three indexes and help, with the moderation rules in place."""
    home = cms.home_page()
    pages = {
        "home": home,
        "sessions": cms.session_index(),
        "resources": cms.resource_index(),
        "training": cms.training_index(),
        "help": cms.help_page(),
    }
    ensure_moderation()
    return pages
