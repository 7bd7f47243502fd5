"""Demo content: home, help and standard pages, the catalogue, the library and courses.

Idempotent: every page is found by its slug and only created when missing, so
`seed_demo` can run again on a seeded database. The text is in content.py.
"""

from ..models import ResourcePage, SessionPage, Topic, TrainingCoursePage
from ..moderation import ensure_moderation
from .pages import ensure_page_tree, seed_catalogue, seed_pages

__all__ = ["ensure_page_tree", "seed", "seed_catalogue", "seed_pages"]


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    home = seed_pages()
    seed_catalogue(home)
    ensure_moderation()
    return (
        f"{SessionPage.objects.count()} sessions, {ResourcePage.objects.count()} resources, "
        f"{TrainingCoursePage.objects.count()} courses, {Topic.objects.count()} topics"
    )
