"""Joining a school, deciding requests to join, and the secret calendar addresses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schools.forms.memberships import SchoolSearchForm
from schools.models import SchoolMembership

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    attempt_as,
    logged,
    querydict,
    segment,
    shows_error,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db


@fuzzes("schools:join")
def test_school_search_survives_any_query(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(s.form({"q": st.sampled_from(["Oakfield", "WS1 1AA", str(people.school_a.urn), "ws1"])}))
    def run(query):
        with outcomes.attempt(people.outsider) as attempt:
            response = attempt.get("/schools/join/", query)
            assert_sound(response)
            assert attempt.changes() == {}
            assert response.status_code == 200
            if SchoolSearchForm(querydict(query)).is_valid():
                outcomes["searched"] += 1
            else:
                assert shows_error(response), "a refused search says why"
                outcomes["error"] += 1

    run()
    outcomes.require("searched", "error")


@fuzzes("schools:join_school")
def test_asking_to_join_a_school(people):
    outcomes = Outcomes()
    urns = [people.school_a.urn, people.school_b.urn, 0, 2**31, 10**30]

    @s.FUZZ
    @given(
        urn=st.sampled_from(urns),
        data=s.form({"role": st.sampled_from(SchoolMembership.Role.values)}),
        as_json=st.booleans(),
    )
    def run(urn, data, as_json):
        with outcomes.attempt(people.staff_b) as attempt:
            response = attempt.post(f"/schools/join/{urn}/", data, as_json=as_json)
            if response.status_code == 302 and response.url == "/dashboard/":
                assert urn == people.school_a.urn
                membership = SchoolMembership.objects.get(user=people.staff_b, school__urn=urn)
                assert membership.status == SchoolMembership.Status.PENDING
                assert membership.role == dict(data)["role"]
                attempt.accepted({"schools.SchoolMembership": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:decide_membership")
def test_deciding_a_request_to_join(people):
    outcomes = Outcomes()
    pending = people.pending_membership
    others = [people.staff_a.school_memberships.get(), people.staff_b.school_memberships.get()]

    @s.FUZZ
    @given(
        who=s.mostly(
            st.sampled_from([people.dsl_a, people.coordinator]),
            st.sampled_from([people.staff_b, people.pending_a]),
        ),
        pk=s.mostly(st.just(pending.pk), s.ids(*others)),
        data=s.form({"decision": st.sampled_from(["approve", "reject"])}),
    )
    def run(who, pk, data):
        with outcomes.attempt(who) as attempt:
            attempt.post(f"/schools/requests/{pk}/", data)
            pending.refresh_from_db()
            if pending.status != SchoolMembership.Status.PENDING:
                decision = [value for name, value in data if name == "decision"][-1]
                expected = {"approve": "approved", "reject": "rejected"}[decision]
                assert pending.status == expected
                assert pending.decided_by == who
                attempt.accepted({"schools.SchoolMembership": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:calendar_reset")
def test_resetting_a_calendar_address(people):
    outcomes = Outcomes()
    school_a = people.school_a

    @s.FUZZ
    @given(
        who=st.sampled_from([people.staff_a, people.presenter, people.staff_b, people.outsider]),
        data=s.form(
            {"school": st.sampled_from([str(school_a.urn), ""])},
            extra=[people.school_b.urn, school_a.pk],
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post("/calendar/reset/", data)
            if response.status_code == 302 and response.url == "/dashboard/":
                attempt.accepted(
                    {"schools.School": Change(changed=1), **logged()},
                    {"schools.PresenterProfile": Change(changed=1), **logged()},
                    {"schools.PresenterProfile": Change(added=1), **logged()},
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:calendar_feed")
def test_calendar_feeds_answer_only_their_own_token(people):
    token = people.school_a.calendar_token

    @s.FUZZ
    @given(s.path_segment(st.just(token)))
    def run(value):
        with attempt_as() as attempt:
            response = attempt.get(f"/calendar/{segment(value)}.ics")
            assert_sound(response)
            assert attempt.changes() == {}
            if value == token:
                assert response.status_code == 200
                assert b"BEGIN:VCALENDAR" in response.content
            else:
                assert response.status_code == 404

    run()
