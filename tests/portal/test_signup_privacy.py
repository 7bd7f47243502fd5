"""Sign-up tells nobody who has an account, an address someone else only claimed never
stops its owner, and names stay on one line."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from portal.models import AddedEmailAddress
from portal.retention import purge_unconfirmed_email_addresses
from schools.services.memberships import request_membership
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-42"


def sign_up(client, email, first_name="Jo", last_name="New"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": first_name,
            "last_name": last_name,
        },
    )


def hashes_while(action):
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    ) as encode:
        result = action()
    return encode.call_count, result


def test_sign_up_hashes_a_password_once_whether_or_not_the_address_has_an_account():
    existing = factories.UserFactory(email="taken@school.example")
    new_hashes, new = hashes_while(lambda: sign_up(Client(), "fresh@school.example"))
    old_hashes, old = hashes_while(lambda: sign_up(Client(), "taken@school.example"))

    assert new_hashes == old_hashes == 1
    # Both answers look the same; only the new address got an account.
    assert (new.status_code, new.url) == (old.status_code, old.url)
    assert get_user_model().objects.filter(email="fresh@school.example").exists()
    assert get_user_model().objects.filter(email="taken@school.example").get() == existing
    assert sorted(m.to[0] for m in mail.outbox) == [
        "fresh@school.example",
        "taken@school.example",
    ]


def _add_address(client, email):
    return client.post("/accounts/email/", {"action_add": "", "email": email})


def test_an_address_someone_else_added_unconfirmed_does_not_stop_its_owner_signing_up():
    squatter = factories.UserFactory()
    squatting = Client()
    squatting.force_login(squatter)
    squatting.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    _add_address(squatting, "victim@school.example")
    claimed = EmailAddress.objects.get(user=squatter, email="victim@school.example")
    assert not claimed.verified and AddedEmailAddress.objects.filter(address=claimed).exists()
    mail.outbox.clear()
    cache.clear()  # three minutes on: allauth sends one confirmation per address in three

    owner = Client()
    assert sign_up(owner, "victim@school.example", "Val", "Owner").status_code == 302
    account = get_user_model().objects.get(email="victim@school.example")
    assert account != squatter and account.first_name == "Val"
    [confirmation] = mail.outbox
    assert confirmation.to == ["victim@school.example"]

    # Confirming proves whose address it is: the other account's claim goes.
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", confirmation.body)
    owner.post(link.group(1))
    assert EmailAddress.objects.get(email="victim@school.example").user == account
    assert EmailAddress.objects.get(email="victim@school.example").verified
    assert not EmailAddress.objects.filter(user=squatter, email="victim@school.example").exists()


def test_an_address_confirmed_by_another_account_still_counts_as_taken():
    holder = factories.UserFactory()
    EmailAddress.objects.create(user=holder, email="second@school.example", verified=True)
    sign_up(Client(), "second@school.example")
    assert not get_user_model().objects.filter(email="second@school.example").exists()
    assert [m.to for m in mail.outbox] == [["second@school.example"]]  # "you have an account"


def test_further_addresses_nobody_confirms_are_removed_after_three_days():
    person = factories.UserFactory()
    now = timezone.now()
    stale = EmailAddress.objects.create(user=person, email="old@school.example")
    AddedEmailAddress.objects.create(address=stale, added_at=now - timedelta(days=4))
    recent = EmailAddress.objects.create(user=person, email="new@school.example")
    AddedEmailAddress.objects.create(address=recent, added_at=now - timedelta(days=1))
    undated = EmailAddress.objects.create(user=person, email="undated@school.example")
    confirmed = EmailAddress.objects.create(user=person, email="ok@school.example", verified=True)

    assert purge_unconfirmed_email_addresses(now) == 2
    remaining = set(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    assert {recent.email, confirmed.email, person.email} <= remaining
    assert not remaining & {stale.email, undated.email}
    assert purge_unconfirmed_email_addresses(now) == 0


@pytest.mark.parametrize(
    "name", ["Ann\nSmith", "Ann\r\nBcc: all@school.example", "Ann\tSmith", "Ann\u2028Smith"]
)
def test_names_with_line_breaks_or_control_characters_are_refused_with_a_message(name):
    response = sign_up(Client(), "ann@school.example", first_name=name)
    assert response.status_code == 200
    assert "Enter this on one line" in response.text
    assert not get_user_model().objects.filter(email="ann@school.example").exists()


def test_the_school_search_and_the_place_of_a_visit_are_one_line():
    from schools.forms.bookings import ScheduleForm
    from schools.forms.memberships import SchoolSearchForm

    search = SchoolSearchForm({"q": "Oak\nfield"})
    assert not search.is_valid() and "Enter this on one line" in str(search.errors)
    place = ScheduleForm({"slot": "", "place": "Main hall\r\nX-Header: 1"}, slots=[])
    assert not place.is_valid() and "Enter this on one line" in str(place.errors["place"])


def test_asks_to_join_reaches_the_dsl_even_for_a_name_saved_before_the_check(
    school, django_capture_on_commit_callbacks
):
    school_factories.dsl(school, email="dsl@school.example")
    newcomer = factories.UserFactory(first_name="Ann\nBcc: x@example.com", last_name="Smith")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_membership(user=newcomer, school=school, role="teacher")
    [message] = mail.outbox
    assert message.to == ["dsl@school.example"]
    assert message.subject == f"Ann Bcc: x@example.com Smith asks to join {school.name}"
