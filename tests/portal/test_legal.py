"""The privacy notice, cookies page and accessibility statement say what the portal
really does: periods from the purge's settings, contacts from the site settings,
and every cookie the portal sets."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from cms.models import PartnershipSettings
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from training.services import feedback as feedback_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    site = cms_factories.home_page().get_site()
    branding = PartnershipSettings.for_site(site)
    branding.partnership_name = "Northmoor Safeguarding Children Partnership"
    branding.controller_name = "Northmoor County Council"
    branding.controller_address = "County Hall\nNorthmoor"
    branding.contact_email = "team@northmoor.example"
    branding.data_protection_email = "dpo@northmoor.example"
    branding.ico_registration = "Z7654321"
    branding.accessibility_checked_on = date(2026, 10, 5)
    branding.save()
    return branding


def text(response):
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return " ".join(main.get_text(" ").split())


def retention_row(response, key):
    html = BeautifulSoup(response.content, "html.parser")
    for row in html.select("#retention .govuk-summary-list__row"):
        if row.dt.get_text(strip=True) == key:
            return " ".join(row.dd.get_text(" ").split())
    raise AssertionError(f"no retention row {key!r}")


def test_the_privacy_notice_names_the_controller_and_how_to_reach_them(client, partnership):
    page = text(client.get("/privacy/"))
    assert "The data controller is Northmoor County Council" in page
    assert "on behalf of Northmoor Safeguarding Children Partnership" in page
    assert "dpo@northmoor.example" in page
    assert "Z7654321" in page
    assert "County Hall" in page
    # Lawful basis per kind of data, the rights and the regulator.
    assert page.count("Lawful basis:") >= 8
    assert "Article 9(2)(g)" in page
    for right in ("get a copy", "corrected", "deleted", "object to"):
        assert right in page
    assert "Information Commissioner's Office" in page


def test_the_controller_falls_back_to_the_partnership_and_its_contact(client, partnership):
    partnership.controller_name = ""
    partnership.data_protection_email = ""
    partnership.save()
    page = text(client.get("/privacy/"))
    assert "The data controller is Northmoor Safeguarding Children Partnership" in page
    assert "team@northmoor.example" in page


def test_retention_periods_are_the_purges_own_settings(client, partnership, settings):
    response = client.get("/privacy/")
    assert retention_row(response, "Pupils' written answers").startswith("1 year after")
    assert retention_row(response, "Staff comments on a visit or training").startswith("2 years")
    assert "removed after 14 days" in retention_row(response, "Accounts")

    settings.PORTAL_RETENTION_DAYS = {"pupil_free_text": 90, "unconfirmed_accounts": 7}
    response = client.get("/privacy/")
    assert retention_row(response, "Pupils' written answers").startswith("90 days after")
    assert "removed after 7 days" in retention_row(response, "Accounts")

    settings.SESSION_COOKIE_AGE = 8 * 60 * 60 * 24
    response = client.get("/privacy/")
    assert "after 8 days" in retention_row(response, "Where you are signed in")


def test_the_privacy_notice_promises_no_pupil_personal_data(client, partnership):
    page = text(client.get("/privacy/"))
    assert "never ask for, or keep, a pupil's name" in page


def cookies_set_by_the_portal(client):
    """Walk the journeys that set cookies and return the names of all of them."""
    seen = set()

    def note(response):
        seen.update(response.cookies)
        return response

    # Any form: the CSRF cookie.
    note(client.get(reverse("account_login")))
    # Signing in: the session. Closing the account: a message shown once.
    user = factories.UserFactory()
    note(client.post(reverse("account_login"), {"login": user.email, "password": "x"}))
    client.force_login(user)
    seen.update(client.cookies)
    note(client.post(reverse("account_close"), {"password": factories.PASSWORD}))
    client.logout()
    # A pupil answers before and after a session: the pairing and "done" cookies.
    upcoming = fb.delivered(start=timezone.now() + timedelta(minutes=10))
    code = feedback_services.feedback_code_for(upcoming).code
    survey = reverse("training:pupil_survey", args=[code])
    note(client.post(survey, {"stage": "before", "before_confidence": "3"}))
    ended = fb.delivered(start=timezone.now() - timedelta(hours=2))
    code = feedback_services.feedback_code_for(ended).code
    survey = reverse("training:pupil_survey", args=[code])
    note(
        client.post(
            survey,
            {
                "stage": "after",
                "retrospective_before": "2",
                "after_confidence": "4",
                "knows_who_to_talk_to": "yes",
            },
        )
    )
    return seen


def test_every_cookie_the_portal_sets_is_on_the_cookies_page(client, partnership):
    seen = cookies_set_by_the_portal(client)
    assert {"sessionid", "csrftoken", "messages", "pupil_pair", "pupil_done"} <= seen
    html = BeautifulSoup(client.get("/cookies/").content, "html.parser")
    listed = {code.get_text() for code in html.select("main h3 code")}
    assert seen <= listed
    page = text(client.get("/cookies/"))
    assert "only essential cookies" in page
    assert "no cookie banner" in page


def test_production_cookie_names_are_the_ones_listed(client, partnership, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    page = text(client.get("/cookies/"))
    assert "__Host-sessionid" in page and "__Host-csrftoken" in page


def test_the_accessibility_statement_follows_the_model_wording(client, partnership):
    page = text(client.get("/accessibility/"))
    assert "This website is run by Northmoor Safeguarding Children Partnership" in page
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2" in page
    assert "We know some parts of this website are not fully accessible" in page
    assert "Equality and Human Rights Commission" in page
    assert "Equality Advisory and Support Service" in page
    assert "team@northmoor.example" in page
    assert "last tested on 5 October 2026" in page


def test_the_header_names_the_partnership_and_the_footer_links_the_legal_pages(client, partnership):
    html = BeautifulSoup(client.get("/cookies/").content, "html.parser")
    header = html.select_one(".govuk-generic-header")
    assert header.get_text(strip=True) == "Northmoor Safeguarding Children Partnership"
    banner = html.select_one(".govuk-phase-banner")
    assert "Beta" in banner.get_text()
    assert banner.select_one("a")["href"].startswith("mailto:team@northmoor.example")
    footer = {a.get_text(): a["href"] for a in html.select("footer a")}
    assert footer["Privacy notice"] == "/privacy/"
    assert footer["Cookies"] == "/cookies/"
    assert footer["Accessibility statement"] == "/accessibility/"
    assert footer["You said, we did"] == "/you-said-we-did/"
    for path in ("/privacy/", "/cookies/", "/accessibility/", "/you-said-we-did/"):
        assert client.get(path).status_code == 200, path
