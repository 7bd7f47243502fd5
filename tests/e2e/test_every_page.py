"""Every page each role reaches from its dashboard, on a 375 px phone: no sideways
scrolling (at 320 px either), no axe-core violation, no console error, and valid
HTML by the W3C Nu HTML Checker.

The pages are found, not listed: starting from the role's dashboard the test
follows the links in each page's main content (three clicks deep), and for
visitors who are not signed in it starts at the home page and also follows the
header and footer. Addresses that differ only by an id or a slug's number count
as one page. Downloads, the Wagtail admin and signing out are not followed.
"""

import contextlib
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.access.world import build_world
from tests.e2e import vnu
from tests.e2e.conftest import check
from tests.factories import cms as cms_factories

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
NARROWEST = 320
NOT_FOLLOWED = (
    "/admin/",
    "/django-admin/",
    "/accounts/logout/",
    "/documents/",
    "/calendar/",
    "/account/your-data/",
    "/static/",
    "/media/",
)
DOWNLOADS = (".csv", ".xlsx", ".pdf", ".ics", ".svg", ".zip", ".json", ".png")
DOWNLOAD_PARTS = ("/download", "/export/", "/zip/")
LIMIT = 60  # pages per role: far more than any role reaches today
DEPTH = 3  # clicks from the dashboard: enough to reach a booking form from the catalogue


@pytest.fixture
def context(browser, live_server):
    """A phone-sized browser (the conftest's is a desktop)."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield context
    context.close()


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    from cms.demo import seed_pages

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_pages()
    world = build_world(contextlib.nullcontext)
    # The library, with a pupils' resource whose body starts with a video.
    video = {
        "title": "Sam's story",
        "video": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
        "duration": "4 minutes",
        "transcript": "<p>Sam told a safe adult.</p>",
    }
    cms_factories.resource_page(
        title="Feelings and safe adults",
        audiences=["4-7"],
        body=json.dumps([{"type": "video", "value": video}]),
    )
    cms_factories.training_index()
    return world


def page_key(address):
    """One key for addresses that differ only by ids (or the values of filters)."""
    parts = urlsplit(address)
    names = ",".join(sorted(parse_qs(parts.query)))
    return re.sub(r"\d+", "N", parts.path) + (f"?{names}" if names else "")


def followable(address, origin):
    parts = urlsplit(address)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(NOT_FOLLOWED) or parts.path.endswith(DOWNLOADS):
        return None
    if any(part in parts.path for part in DOWNLOAD_PARTS):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_no_sideways_scrolling(page):
    for width in (PHONE["width"], NARROWEST):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        wide = page.evaluate(
            """() => {
              const root = document.documentElement;
              return {scroll: root.scrollWidth, client: root.clientWidth,
                      widest: [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > root.clientWidth
                                     && !e.closest('.app-table-scroll'))
                        .slice(0, 3).map(e => e.outerHTML.slice(0, 120))};
            }"""
        )
        assert wide["scroll"] <= wide["client"], (
            f"{page.url} scrolls sideways by {wide['scroll'] - wide['client']}px "
            f"at {width}px: {wide['widest']}"
        )
    page.set_viewport_size(PHONE)


def crawl(page, origin, seeds, *, scope):
    """Visit every page reachable from `seeds` within DEPTH clicks; check each one.
    Returns {address: the HTML the server sent}."""
    seen, pages = set(), {}
    queue = [(seed, 0) for seed in seeds]
    while queue and len(pages) < LIMIT:
        address, depth = queue.pop(0)
        if page_key(address) in seen:
            continue
        seen.add(page_key(address))
        response = page.goto(address)
        # 403: a page that explains why not (a pending member's "Book this session").
        assert response.status in (200, 403), f"{address} answered {response.status}"
        pages[address] = response.text()
        if response.status == 403:  # the browser reports the status itself as an error
            page.console_errors[:] = [e for e in page.console_errors if "status of 403" not in e]
        check(page)
        assert_no_sideways_scrolling(page)
        if depth < DEPTH:
            hrefs = page.eval_on_selector_all(f"{scope} a[href]", "as => as.map(a => a.href)")
            for href in hrefs:
                target = followable(href.split("#")[0], origin)
                if target and page_key(target) not in seen:
                    queue.append((target, depth + 1))
    return pages


def assert_valid_html(pages, tmp_path):
    folder = tmp_path / "html"
    folder.mkdir()
    errors = vnu.html_errors(pages, folder)
    assert errors == {}, "\n".join(
        f"{address}:\n  " + "\n  ".join(messages) for address, messages in errors.items()
    )


ROLES = ["coordinator", "presenter", "dsl_a", "staff_a", "pending_a", "staff_b"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_from_its_dashboard(
    page, sign_in, live_server, world, role, tmp_path
):
    vnu.require_vnu()
    sign_in(world.users[role])
    pages = crawl(page, live_server.url, ["/dashboard/"], scope="main")
    assert len(pages) > 1, "the dashboard links to nothing"
    assert_valid_html(pages, tmp_path)


def test_every_public_page_and_the_pupil_survey(page, live_server, world, tmp_path):
    vnu.require_vnu()
    pages = crawl(page, live_server.url, ["/", "/feedback/", world.survey_url()], scope="body")
    for legal in ("/privacy/", "/cookies/", "/accessibility/", "/you-said-we-did/"):
        assert legal in pages, f"{legal} is not linked from the public pages"
    assert_valid_html(pages, tmp_path)


def test_the_checker_finds_a_markup_error(tmp_path):
    """The check above can fail: a page with a stray end tag is reported."""
    vnu.require_vnu()
    folder = tmp_path / "html"
    folder.mkdir()
    broken = (
        "<!DOCTYPE html><html lang='en'><head><title>x</title></head><body><p>a</div></body></html>"
    )
    assert list(vnu.html_errors({"/broken/": broken}, folder)) == ["/broken/"]
