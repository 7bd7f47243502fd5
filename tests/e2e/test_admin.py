"""The Wagtail admin works under the portal's Content Security Policy: no script or
style is blocked on the pages coordinators use most (Wagtail's own markup is not
held to our axe rules here; the public pages are)."""

import pytest

from cms.demo import seed_pages
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/pages/{about}/edit/"])
def test_admin_page_runs_without_policy_violations(page, sign_in, path):
    home = seed_pages()
    about = home.get_children().get(slug="about")
    sign_in(factories.coordinator())
    response = page.goto(path.format(about=about.pk))
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
