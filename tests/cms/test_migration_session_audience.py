"""cms 0004_session_audience: existing sessions and their saved revisions (drafts
included) take their audience from their format.

Run as Django runs it: the database is taken back to 0003, rows are made with the
models as they were then, and 0004 is applied.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("cms", "0003_privacy_and_accessibility_settings")]
AFTER = [("cms", "0004_session_audience")]
FORMATS = {"assembly": "pupils", "staff_training": "staff", "parent_session": "parents"}


def migrate(targets):
    """Apply or unapply migrations up to `targets`; the models as they are then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def content_type(apps, app_label, model):
    content_types = apps.get_model("contenttypes", "ContentType")
    return content_types.objects.get_or_create(app_label=app_label, model=model)[0]


def save_revision(apps, page_id, content):
    """A saved revision of a session page, as Wagtail stored it then."""
    return apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type(apps, "cms", "sessionpage"),
        base_content_type=content_type(apps, "wagtailcore", "page"),
        object_id=str(page_id),
        object_str=content.get("title", ""),
        content=content,
        created_at=timezone.now(),
    )


def make_sessions(apps) -> dict[str, int]:
    """One session of each format, each with a draft revision saved before sessions
    had an audience; returns the page ids by format."""
    locales = apps.get_model("wagtailcore", "Locale")
    locale = locales.objects.first() or locales.objects.create(language_code=settings.LANGUAGE_CODE)
    ids = {}
    for n, session_format in enumerate(FORMATS, start=1):
        page = apps.get_model("cms", "SessionPage").objects.create(
            title=f"Old {session_format}",
            draft_title=f"Old {session_format}",
            slug=f"old-{n}",
            path=f"ZZZZ{n:04d}",
            depth=1,
            content_type=content_type(apps, "cms", "sessionpage"),
            locale=locale,
            summary="Saved before sessions had an audience.",
            format=session_format,
        )
        save_revision(
            apps,
            page.pk,
            {"pk": page.pk, "title": f"Draft {session_format}", "format": session_format},
        )
        ids[session_format] = page.pk
    return ids


@pytest.mark.django_db(transaction=True)
def test_sessions_and_their_drafts_take_their_audience_from_their_format():
    try:
        old = migrate(BEFORE)
        ids = make_sessions(old)
        kept = save_revision(old, ids["assembly"], {"format": "assembly", "audience": "staff"})

        new = migrate(AFTER)
        pages = new.get_model("cms", "SessionPage").objects
        revisions = new.get_model("wagtailcore", "Revision").objects
        for session_format, audience in FORMATS.items():
            assert pages.get(pk=ids[session_format]).audience == audience
            draft = revisions.get(object_id=str(ids[session_format]), content__title__isnull=False)
            assert draft.content["audience"] == audience
            assert draft.content["title"] == f"Draft {session_format}"
        # A revision that already names its audience keeps it.
        assert revisions.get(pk=kept.pk).content["audience"] == "staff"
    finally:
        migrate_to_latest()
