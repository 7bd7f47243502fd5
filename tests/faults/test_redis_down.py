"""Redis unreachable (tests/faults/conftest.py points the production cache at a closed
port): every public, pupil and sign-in page still answers, nothing a pupil or a
person signing up sends is lost, the limits keep counting in each process, and
/healthz names the fault without taking the portal out of the load balancer."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from cms.models import PartnershipSettings
from portal import ratelimit
from tests import factories
from tests.factories import certificates, cms
from tests.factories import feedback as fb
from tests.factories import training as training_factories
from training.models import PupilResponse
from training.services import feedback as feedback_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_down")]


@pytest.fixture
def world():
    cms.home_page()
    cms.help_page()
    PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    course = cms.course_page(title="Safeguarding basics")
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2))
    return {
        "session": cms.session_page(title="Staying safe online"),
        "resource": cms.resource_page(title="Sharing photos"),
        "course": course,
        "event": training_factories.event(course=course),
        "code": feedback_services.feedback_code_for(delivery).code,
        "delivery": delivery,
        "certificate": certificates.school_certificate(),
        "person": factories.UserFactory(),
    }


def public_addresses(world):
    return [
        "/",
        "/help/",
        "/sessions/",
        "/sessions/?format=assembly&utm_source=mail",
        world["session"].url,
        "/resources/",
        world["resource"].url,
        "/training/",
        world["course"].url,
        f"/training/events/{world['event'].pk}/",
        "/search/?q=safe",
        "/you-said-we-did/",
        "/certificates/verify/",
        f"/certificates/verify/{world['certificate'].code}/",
        # Pupils
        "/feedback/",
        f"/feedback/{world['code']}/",
        # Signing in and up
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]


def test_every_public_pupil_and_sign_in_page_answers(client, world):
    for _visit in range(2):  # the second time as a repeat visitor
        for address in public_addresses(world):
            response = client.get(address)
            assert response.status_code == 200, address


def test_healthz_names_the_cache_and_stays_in_service(client, world):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_a_pupils_answers_are_kept(client, world):
    code = world["code"]
    entered = client.post("/feedback/", {"code": code})
    assert entered.status_code == 302 and entered.url == f"/feedback/{code}/"
    answered = client.post(
        f"/feedback/{code}/",
        {
            "stage": "after",
            "retrospective_before": "2",
            "after_confidence": "4",
            "knows_who_to_talk_to": "yes",
        },
    )
    assert answered.status_code == 200
    assert PupilResponse.objects.filter(delivery=world["delivery"], after_confidence=4).exists()


def test_people_sign_in_and_sign_up(client, world):
    person = world["person"]
    signed_in = client.post(
        "/accounts/login/", {"login": person.email, "password": factories.PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get("/dashboard/").status_code == 200

    newcomer = Client()
    signed_up = newcomer.post(
        "/accounts/signup/",
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@school.example",
            "password1": "a-long-new-password-42",
            "password2": "a-long-new-password-42",
        },
    )
    assert signed_up.status_code == 302
    assert EmailAddress.objects.filter(email="ada@school.example", verified=False).exists()
    assert [m.to for m in mail.outbox] == [["ada@school.example"]]


def test_coordinators_reports_are_built_without_the_cache(client, world):
    client.force_login(factories.coordinator())
    for _ in range(2):  # computed twice: nothing is kept while the cache is away
        page = client.get("/reports/", follow=True)
        assert page.status_code == 200
        assert "Effectiveness" in page.text


def test_pupil_code_limits_keep_counting_in_each_process(client, world):
    for _ in range(ratelimit.PUPIL_WRONG_CODES):
        client.post("/feedback/", {"code": "AAAAAA"})
    assert client.post("/feedback/", {"code": "CCCCCC"}).status_code == 429


def test_sign_in_limits_keep_counting_in_each_process(client, world):
    person = world["person"]
    for _ in range(5):
        client.post("/accounts/login/", {"login": person.email, "password": "wrong-guess"})
    refused = client.post(
        "/accounts/login/", {"login": person.email, "password": factories.PASSWORD}
    )
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.text
    assert get_user_model().objects.get(pk=person.pk).last_login is None
