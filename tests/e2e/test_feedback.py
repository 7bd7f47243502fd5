"""A pupil answers on a phone; a coordinator filters the dashboard and downloads a table."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cms.models import SessionPage
from tests import factories
from tests.e2e.conftest import check
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import schools as school_factories
from training.models import DeliveryRegister, PupilResponse
from training.services import reports
from training.services.feedback import feedback_code_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_pupil_answers_the_survey_on_a_phone(page, visit):
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2))
    code = feedback_code_for(delivery).code
    page.set_viewport_size({"width": 375, "height": 740})
    visit("/feedback/")
    page.fill("#id_code", code.lower())
    page.click("button:has-text('Continue')")
    page.wait_for_url(f"**/feedback/{code}/")
    check(page)
    page.click("button:has-text('Send my answers')")  # nothing chosen: messages, no save
    page.wait_for_selector(".govuk-error-summary")
    check(page)
    page.check("#id_retrospective_before_1")
    page.check("#id_after_confidence_3")
    page.check("#id_knows_who_to_talk_to_0")
    page.fill("#id_do_differently", "Check my privacy settings")
    page.click("button:has-text('Send my answers')")
    page.wait_for_selector("text=Your answers have been sent")
    check(page)
    row = PupilResponse.objects.get()
    assert (row.before_confidence, row.after_confidence, row.knows_who_to_talk_to) == (2, 4, "yes")


def test_coordinator_filters_the_dashboard_and_downloads_a_table(page, visit, sign_in, tmp_path):
    first = fb.delivered(start=timezone.now() - timedelta(days=2), pupils=41)
    fb.pupil_responses(first, [(2, 4)] * 12)
    fb.delivered(start=timezone.now() - timedelta(days=3), pupils=17)
    sign_in(factories.coordinator())
    visit("/reports/")
    page.click("text=Filter the figures")
    page.select_option("#id_district", str(first.booking.school.district_id))
    page.click("button:has-text('Apply filters')")
    page.wait_for_url("**/reports/?*district=*")
    check(page)
    assert "41" in page.inner_text(".app-stat >> nth=1")
    with page.expect_download() as download_info:
        page.click("a:has-text('CSV') >> nth=0")
    download = download_info.value
    target = Path(tmp_path) / download.suggested_filename
    download.save_as(target)
    year = reports.academic_year_of(timezone.localdate())
    assert download.suggested_filename == f"reports-{year}-summary.csv"
    text = target.read_text(encoding="utf-8-sig")
    assert (
        "Pupils reached,41" in text and "17" not in text.split("Pupils reached")[1].split("\n")[0]
    )


def test_coordinator_sees_each_audience_and_downloads_the_schools_never_reached(
    page, visit, sign_in, tmp_path
):
    fb.delivered(start=timezone.now() - timedelta(days=2), pupils=26)
    briefing = fb.delivered(
        start=timezone.now() - timedelta(days=3),
        session=cms_factories.session_page(format=SessionPage.Format.STAFF_TRAINING),
        pupils=107,
    )
    DeliveryRegister.objects.filter(delivery=briefing).update(staff_present=14)
    never = factories.SchoolFactory(name="Linden Lea Primary", urn=654321)
    school_factories.dsl(never, first_name="Ada", last_name="Price", email="ada@linden.example")
    sign_in(factories.coordinator())
    visit("/reports/")
    check(page)
    stats = "\n".join(page.locator("#reach ~ .govuk-grid-row").all_inner_texts())
    assert "26\npupils reached" in stats and "14\nstaff trained" in stats
    listed = page.locator("details:has-text('List the schools never reached')")
    if listed.get_attribute("open") is None:  # a short list is shown open
        page.click("text=List the schools never reached")
    assert page.is_visible("td:has-text('ada@linden.example')")
    check(page)
    with page.expect_download() as download_info:
        page.click("a[href*='never-reached.xlsx']")
    download = download_info.value
    target = Path(tmp_path) / download.suggested_filename
    download.save_as(target)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    found = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    linden = next(r for r in found if r["URN"] == 654321)
    assert (linden["School"], linden["DSL name"], linden["DSL email"]) == (
        "Linden Lea Primary",
        "Ada Price",
        "ada@linden.example",
    )
    # The staff briefing's school has had no session for its pupils.
    assert briefing.booking.school.urn in {r["URN"] for r in found}


def test_presenter_code_screen_school_figures_and_public_list_are_accessible(page, visit, sign_in):
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=3))
    fb.you_said_we_did()
    sign_in(delivery.presenters.first())
    visit("/dashboard/")
    page.click("a:has-text('Show feedback code')")
    page.wait_for_selector(".app-code-screen__code")
    check(page)
    visit("/you-said-we-did/")
    staff = factories.school_staff(school=delivery.booking.school)
    sign_in(staff)
    visit(f"/reports/school/{delivery.booking.school.pk}/")


def test_dsl_reads_a_flagged_answer_and_staff_give_feedback(page, visit, sign_in):
    from schools.models import SchoolMembership

    delivery = fb.delivered(start=timezone.now() - timedelta(days=1))
    row = fb.pupil_response(delivery, text="someone hurts me", flagged=True)
    dsl = factories.MembershipFactory(
        school=delivery.booking.school, role=SchoolMembership.Role.DSL
    ).user
    sign_in(dsl)
    visit("/feedback/flagged/")  # a password only: set up an authenticator first
    assert "/accounts/" in page.url and "totp" in page.url  # (allauth asks the password again)
    assert "someone hurts me" not in page.content()
    factories.enable_mfa(dsl)
    visit("/feedback/flagged/")
    visit(f"/feedback/flagged/{row.pk}/")
    page.click("button:has-text('Mark as followed up')")
    page.wait_for_selector("text=Marked as followed up")
    check(page)
    visit(f"/feedback/teacher/delivery/{delivery.pk}/")
    page.click("button:has-text('Send feedback')")
    page.wait_for_selector(".govuk-error-summary")
    check(page)
