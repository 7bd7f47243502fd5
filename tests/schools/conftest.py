import pytest

from tests.factories import cms as cms_factories


@pytest.fixture
def session_page(db):
    return cms_factories.session_page(
        min_year=7, max_year=9, max_audience=90, minimum_notice_days=10
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit side effects (emails) as the real transaction would."""

    def _run():
        return django_capture_on_commit_callbacks(execute=True)

    return _run
