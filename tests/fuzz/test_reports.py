"""The reports' filters and exports: query strings only, nothing is ever written."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.models import SessionPage
from tests.factories import cms as cms_factories
from training.forms.reports import ReportFilterForm, SchoolReportFilterForm, year_choices

from . import strategies as s
from .checks import (
    Outcomes,
    assert_sound,
    get,
    querydict,
    segment,
    shows_error,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db

SLUGS = ["summary", "coverage", "not-reached", "pupil-confidence", "teacher-ratings", "sessions"]
FORMATS = ["csv", "xlsx"]


def _years():
    return s.integer(st.sampled_from([str(year) for year, _ in year_choices()]))


def _check_filtered_page(outcomes, response, form):
    assert_sound(response)
    assert response.status_code == 200
    if form.is_valid():
        assert not shows_error(response)
        outcomes["accepted"] += 1
    else:
        assert shows_error(response), "a filter that was not used says why"
        outcomes["refused"] += 1


def _check_export(response, fmt, slug, slugs):
    assert_sound(response)
    if fmt in FORMATS and slug in slugs:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
    else:
        assert response.status_code == 404


@fuzzes("training:reports", "training:reports_export")
def test_report_filters_and_exports(people, session_page, past_delivery):
    outcomes = Outcomes()
    topic = cms_factories.topic()
    ids = [people.school_a.district_id, topic.pk, session_page.pk, people.presenter.pk]

    @s.FUZZ
    @given(
        query=s.form(
            {
                "year": _years(),
                "district": st.sampled_from(["", str(people.school_a.district_id)]),
                "topic": st.sampled_from(["", str(topic.pk)]),
                "session": st.sampled_from(["", str(session_page.pk)]),
                "format": st.sampled_from(["", *SessionPage.Format.values]),
                "presenter": st.sampled_from(["", str(people.presenter.pk)]),
            },
            extra=ids,
        ),
        slug=s.path_segment(st.sampled_from(SLUGS)),
        fmt=s.path_segment(st.sampled_from(FORMATS)),
    )
    def run(query, slug, fmt):
        with outcomes.attempt(people.coordinator) as attempt:
            page = attempt.get("/reports/", query)
            form = ReportFilterForm(querydict(query)) if query else ReportFilterForm()
            if query:
                _check_filtered_page(outcomes, page, form)
            export = attempt.get(f"/reports/export/{segment(slug)}.{segment(fmt)}", query)
            _check_export(export, fmt, slug, SLUGS)
            assert attempt.changes() == {}

    baseline = {"year": str(year_choices()[0][0])}
    fields = ["year", "district", "topic", "session", "presenter"]
    cases = s.sharp(baseline, integer=fields, text=["format", *fields])
    run = s.with_cases(run, [{"query": c, "slug": "summary", "fmt": "csv"} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:school_reports", "training:school_reports_export")
def test_school_report_filters_and_exports(people, past_delivery):
    outcomes = Outcomes()
    school_slugs = ["summary", "pupil-confidence", "teacher-ratings", "sessions"]

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.staff_a), st.just(people.staff_b)),
        pk=s.mostly(st.just(people.school_a.pk), s.ids(people.school_b)),
        query=s.form({"year": _years()}),
        slug=s.path_segment(st.sampled_from(school_slugs)),
        fmt=s.path_segment(st.sampled_from(FORMATS)),
    )
    def run(who, pk, query, slug, fmt):
        with outcomes.attempt(who) as attempt:
            page = attempt.get(f"/reports/school/{pk}/", query)
            export = get(
                attempt.client, f"/reports/school/{pk}/export/{segment(slug)}.{segment(fmt)}", query
            )
            members = {(people.staff_a, people.school_a.pk), (people.staff_b, people.school_b.pk)}
            allowed = (who, int(pk)) in members
            if not allowed:
                assert_sound(page)
                assert page.status_code in (403, 404)
                assert export.status_code in (403, 404)
                outcomes["refused"] += 1
            else:
                form = SchoolReportFilterForm(querydict(query))
                if query:
                    _check_filtered_page(outcomes, page, form)
                _check_export(export, fmt, slug, school_slugs)
            assert attempt.changes() == {}

    run()
    outcomes.require("accepted", "refused")
