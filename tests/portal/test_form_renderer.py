"""GOV.UK form markup on the portal's pages, Wagtail's own markup in the admin."""

import re

import pytest
from django import forms

from portal.form_renderer import GovukForm
from tests import factories
from tests.factories import cms
from tests.factories import training as tf

pytestmark = pytest.mark.django_db


def govuk_classes(html):
    return set(re.findall(r"\bgovuk-[a-z_-]+", html))


def inputs(html, name):
    """The <input>, <select> or <textarea> tags named `name`."""
    return re.findall(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html)


class Choice(forms.Form):
    answer = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)
    note = forms.CharField()


class GovukChoice(GovukForm, Choice):
    pass


def test_a_portal_form_renders_govuk_markup():
    html = GovukChoice(data={}).render()
    assert 'class="govuk-radios__input"' in html
    assert 'class="govuk-input"' in html
    assert "govuk-error-summary" in html
    assert "govuk-form-group--error" in html


def test_a_plain_django_form_keeps_django_markup():
    html = Choice(data={}).render()
    assert govuk_classes(html) == set()
    assert len(inputs(html, "answer")) == 2


def test_booking_request_page_has_govuk_fields_and_error_summary(client, staff):
    session = cms.session_page(min_year=5, max_year=6)
    client.force_login(staff)
    response = client.post(f"/bookings/new/?session={session.pk}", {"expected_pupils": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert all("govuk-checkboxes__input" in tag for tag in inputs(html, "year_groups"))
    assert all("govuk-radios__input" in tag for tag in inputs(html, "part_1"))
    assert "govuk-input" in inputs(html, "expected_pupils")[0]
    assert "govuk-textarea" in inputs(html, "access_needs")[0]


def test_allauth_sign_in_page_has_govuk_fields(client):
    html = client.post("/accounts/login/", {"login": "", "password": ""}).content.decode()
    assert "govuk-input" in inputs(html, "login")[0]
    assert "govuk-input" in inputs(html, "password")[0]
    assert "govuk-error-summary" in html
    # Every field is a GOV.UK form group, the first one too, whose bound field
    # allauth's view made before the page was rendered.
    for name in ("login", "password"):
        assert f'<label class="govuk-label govuk-label--s" for="id_{name}">' in html
    assert 'class="govuk-hint" id="id_password_helptext"' in html


def test_admin_listing_filters_have_no_govuk_classes(client, coordinator):
    factories.SchoolFactory()
    client.force_login(coordinator)
    html = client.get("/admin/schools/").content.decode()
    radios = inputs(html, "is_open")
    assert len(radios) == 3  # All, Yes, No
    assert [tag for tag in radios if "govuk" in tag] == []
    assert inputs(html, "phase")
    assert govuk_classes(html) == set()


@pytest.mark.parametrize(
    "path",
    ["/admin/schools/new/", "/admin/pages/search/?q=safe", "/admin/training/events/new/"],
)
def test_admin_forms_have_no_govuk_classes(client, coordinator, path):
    client.force_login(coordinator)
    response = client.get(path)
    assert response.status_code == 200
    assert govuk_classes(response.content.decode()) == set()


def test_admin_cancel_event_form_has_no_govuk_classes(client, coordinator):
    event = tf.event()
    client.force_login(coordinator)
    response = client.get(f"/admin/training/events/cancel/{event.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert inputs(html, "reason")
    assert govuk_classes(html) == set()


def test_admin_edit_forms_have_no_govuk_classes(client, coordinator):
    """Editing a school record and a session page: Wagtail's own field markup."""
    school = factories.SchoolFactory()
    page = cms.session_page()
    client.force_login(coordinator)
    for path in (f"/admin/schools/edit/{school.pk}/", f"/admin/pages/{page.pk}/edit/"):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert 'class="w-field' in html, path  # Wagtail's field wrapper
        assert govuk_classes(html) == set(), path
