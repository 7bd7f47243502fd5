"""Search and the catalogue's filters: /search/, /sessions/, /resources/, /training/.

Filters are GET parameters: any value must give the page (200), with a message
on the form for a value that is not a choice, and write nothing.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.filters import ResourceFilterForm, SearchForm, SessionFilterForm
from cms.models import AUDIENCE_CHOICES, KEY_STAGES, SessionPage
from tests.factories import cms as cms_factories

from . import strategies as s
from .checks import (
    Outcomes,
    assert_sound,
    querydict,
    shows_error,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db

PAGES = s.integer(st.sampled_from(["1", "2", "last"]))


@pytest.fixture
def catalogue(db):
    topic = cms_factories.topic("Online safety")
    cms_factories.session_page(title="Staying safe online", topics=[topic])
    cms_factories.resource_page(title="Online worries leaflet", topics=[topic])
    cms_factories.course_page(title="Online safety for staff")
    return topic


def _filters(topic, *names):
    fields = {
        "q": st.sampled_from(["online", "safe", "knife crime"]),
        "topic": st.sampled_from(["", topic.slug]),
        "key_stage": st.sampled_from(["", *KEY_STAGES]),
        "format": st.sampled_from(["", *SessionPage.Format.values]),
        "age": st.sampled_from(["", *(value for value, _ in AUDIENCE_CHOICES)]),
        "page": PAGES,
    }
    return s.form({name: fields[name] for name in names})


def _check(outcomes, response, form):
    assert_sound(response)
    assert response.status_code == 200
    if form.is_valid():
        outcomes["accepted"] += 1
    else:
        assert shows_error(response), "a filter that was not used says why"
        outcomes["refused"] += 1


@fuzzes("cms:search")
def test_search_survives_any_query(people, catalogue):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        query=_filters(catalogue, "q", "topic", "key_stage", "format", "age"),
        who=st.sampled_from([None, people.staff_a]),
    )
    def run(query, who):
        with outcomes.attempt(who) as attempt:
            response = attempt.get("/search/", query)
            _check(outcomes, response, SearchForm(querydict(query)))
            assert attempt.changes() == {}

    baseline = {"q": "online", "topic": catalogue.slug}
    cases = s.sharp(baseline, text=["q", "topic", "key_stage", "format", "age"])
    run = s.with_cases(run, [{"query": c, "who": None} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("page:/sessions/", "page:/resources/", "page:/training/")
@pytest.mark.parametrize(
    ("path", "names", "form_class"),
    [
        ("/sessions/", ("topic", "key_stage", "format", "page"), SessionFilterForm),
        ("/resources/", ("topic", "age", "page"), ResourceFilterForm),
        ("/training/", ("topic", "page"), None),
    ],
)
def test_catalogue_filters_survive_any_query(catalogue, path, names, form_class):
    outcomes = Outcomes()

    @s.FUZZ
    @given(query=_filters(catalogue, *names))
    def run(query):
        with outcomes.attempt() as attempt:
            response = attempt.get(path, query)
            if form_class is None:
                assert_sound(response)
                assert response.status_code == 200
                outcomes["accepted"] += 1
            else:
                _check(outcomes, response, form_class(querydict(query)))
            assert attempt.changes() == {}

    run()
    outcomes.require("accepted", *(["refused"] if form_class else []))
