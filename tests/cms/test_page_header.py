"""Session, resource and course pages share one header: breadcrumbs, caption, title, summary."""

import re

import pytest

from tests.factories import cms

pytestmark = pytest.mark.django_db


def breadcrumbs(html):
    nav = re.search(
        r'<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S
    )
    return re.findall(
        r'<a class="govuk-breadcrumbs__link" href="([^"]+)">([^<]+)</a>', nav.group(1)
    )


@pytest.mark.parametrize(
    ("make", "section", "caption"),
    [
        (lambda: cms.session_page(title="Staying safe online"), "Sessions", "Assembly"),
        (lambda: cms.resource_page(title="Staying safe online"), "Resources", "Leaflet"),
        (lambda: cms.course_page(title="Staying safe online"), "Training", "Staff training"),
    ],
)
def test_detail_page_header(client, make, section, caption):
    page = make()
    html = client.get(page.url).content.decode()
    assert breadcrumbs(html) == [("/", "Home"), (page.get_parent().url, section)]
    assert f'<span class="govuk-caption-l">{caption}</span>' in html
    assert '<h1 class="govuk-heading-xl">Staying safe online</h1>' in html
    assert f'<p class="govuk-body-l">{page.summary}</p>' in html
