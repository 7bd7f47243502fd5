"""The demo catalogue is believable, complete and safe to seed twice."""

import pytest
from django.db.models import Count

from cms import demo
from cms.admin.reports import pages_due_for_review
from cms.models import (
    AUDIENCE_CHOICES,
    HelpPage,
    ResourcePage,
    SessionPage,
    StandardPage,
    Topic,
    TrainingCoursePage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_catalogue_covers_every_format_topic_audience_and_course():
    demo.seed()
    assert SessionPage.objects.live().count() >= 12
    assert set(SessionPage.objects.values_list("format", flat=True)) == set(
        SessionPage.Format.values
    )
    assert Topic.objects.annotate(n=Count("sessions")).filter(n__gt=0).count() >= 5
    assert ResourcePage.objects.live().count() >= 20
    audiences = {a for page in ResourcePage.objects.all() for a in page.audiences}
    assert audiences == {key for key, _label in AUDIENCE_CHOICES}
    assert TrainingCoursePage.objects.live().count() == 4
    assert {"about"} <= set(StandardPage.objects.values_list("slug", flat=True))
    assert pages_due_for_review().exists()


def test_seeding_twice_changes_nothing():
    demo.seed()
    counts = (
        SessionPage.objects.count(),
        ResourcePage.objects.count(),
        TrainingCoursePage.objects.count(),
    )
    demo.seed()
    assert counts == (
        SessionPage.objects.count(),
        ResourcePage.objects.count(),
        TrainingCoursePage.objects.count(),
    )


def test_an_old_standard_help_page_is_replaced_by_the_help_page():
    from wagtail.models import Site

    demo.ensure_page_tree()
    home = demo.seed_pages()
    HelpPage.objects.all().delete()
    home.add_child(instance=StandardPage(title="Get help now", slug="help", body="<p>Old</p>"))
    demo.seed()
    help_page = Site.objects.get(is_default_site=True).root_page.get_children().get(slug="help")
    assert help_page.specific_class is HelpPage
    assert not StandardPage.objects.filter(slug="help").exists()
