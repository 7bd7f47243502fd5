"""Every page a person can reach passes axe-core (WCAG 2.2 AA) with no console errors.

To cover a new page, add one line to PUBLIC_PAGES or SIGNED_IN_PAGES.
"""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/help/",
    "/privacy/",
    "/accessibility/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]

# (address, who): who is a factory function from tests.factories.
SIGNED_IN_PAGES = [
    ("/dashboard/", factories.coordinator),
    ("/dashboard/", factories.presenter),
    ("/dashboard/", factories.school_staff),
    ("/dashboard/", factories.UserFactory),
    ("/account/close/", factories.UserFactory),
]


@pytest.fixture(autouse=True)
def demo_pages(transactional_db):
    from cms.demo import seed_pages

    seed_pages()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(visit, path):
    visit(path)


@pytest.mark.parametrize(("path", "who"), SIGNED_IN_PAGES)
def test_signed_in_page_is_accessible(visit, sign_in, path, who):
    sign_in(who())
    visit(path)
