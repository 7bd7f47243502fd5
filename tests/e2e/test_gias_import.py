"""A coordinator imports the national GIAS file from the admin: uploads it, keeps one
local authority, sees what would be added and closed, confirms, and the schools are
there; rows of other authorities were counted and skipped."""

import pytest
from playwright.sync_api import expect

from schools.models import School
from tests import factories
from tests.e2e.conftest import check
from tests.schools.gias_file import gias_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_imports_one_authority_from_the_national_file(page, sign_in, tmp_path):
    factories.SchoolFactory(urn=200003, name="Brackenfield Infant School", is_open=True)
    path = tmp_path / "edubasealldata20261201.csv"
    path.write_bytes(gias_bytes())
    sign_in(factories.coordinator())

    # From the schools list in the admin.
    response = page.goto("/admin/schools/")
    assert response.status == 200
    page.get_by_role("link", name="Import from GIAS").click()
    page.wait_for_url("**/schools/import/")
    check(page)
    page.get_by_label("Upload the GIAS file").set_input_files(str(path))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Choose the schools to import")).to_be_visible()
    check(page)

    # Nothing chosen: told at the field.
    page.get_by_role("button", name="See the changes").click()
    expect(page.locator(".govuk-error-message")).to_contain_text(
        "Select the local authorities whose schools to import"
    )
    check(page)
    page.get_by_label("Westshire (880): 5 rows").check()
    page.get_by_role("button", name="See the changes").click()
    expect(page.get_by_role("heading", name="Check the changes before you import")).to_be_visible()
    check(page)
    expect(page.locator("#count-added")).to_have_text("4")
    expect(page.locator("#count-closed")).to_have_text("1")
    expect(page.get_by_text("2 outside the local authorities")).to_be_visible()
    expect(page.get_by_role("cell", name="St Thérèse’s Catholic Primary School")).to_be_visible()
    assert School.objects.count() == 1  # nothing yet

    page.get_by_role("button", name="Confirm and import").click()
    expect(page.get_by_role("heading", name="Schools imported")).to_be_visible()
    check(page)
    assert set(School.objects.values_list("urn", flat=True)) == {
        200001,
        200002,
        200003,
        200004,
        200005,
    }
    assert not School.objects.get(urn=200003).is_open
    assert School.objects.get(urn=200001).easting == 412345
