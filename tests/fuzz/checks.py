"""Sending hostile requests and judging the answers.

Every answer must be below 500 and never show injected markup unescaped. A
refused submission leaves every table exactly as it was (no partial write) and
says why: a GOV.UK error on the form, an error banner after a redirect, or a
plain 4xx page. An accepted one changes exactly the rows it should.
"""

import functools
import json
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote_from_bytes

from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from .strategies import MARKUP

# Tables a submission may write. Sessions and sign-in activity are left out:
# signing in writes them on purpose.
TRACKED_APPS = ("portal", "schools", "training", "account", "mfa")
EXTRA_MODELS = ("auth.Group", "wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry")
# Bookkeeping of the outbox, not data a request changes: the email itself is
# checked through the outbox (like the task results, which are not tracked either).
UNTRACKED_MODELS = ("portal.SentEmail",)

ERROR_MARKS = (b"govuk-error-summary", b"govuk-error-message")
BANNER_ERRORS = (b">There is a problem<", b">Important<")
CLEAN_REFUSALS = {400, 403, 404, 405, 410, 429}


def _quote(value):
    if not isinstance(value, str | bytes):
        value = str(value)
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(raw, safe="")


def encode(pairs):
    """Form or query encoding of (name, value) pairs. Lone surrogates go out as the
    invalid UTF-8 bytes a broken client would send."""
    return "&".join(f"{_quote(name)}={_quote(value)}" for name, value in pairs)


def segment(value):
    """A value as one part of an address."""
    return _quote(value)


def post(client, path, pairs, *, as_json=False):
    if as_json:
        body = json.dumps(dict(pairs))
        return client.post(path, body, content_type="application/json")
    return client.post(path, encode(pairs), content_type="application/x-www-form-urlencoded")


def get(client, path, pairs=()):
    query = encode(pairs)
    return client.get(f"{path}?{query}" if query else path)


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@contextmanager
def isolated():
    """One hypothesis example: fresh rate limits and outbox, and every write undone
    afterwards, so the test's own objects are the same for every example."""
    cache.clear()
    mail.outbox = []
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Database state ----------------------------------------------------------------


def _tracked():
    models = []
    for label in TRACKED_APPS:
        models += apps.get_app_config(label).get_models(include_auto_created=True)
    models += [apps.get_model(label) for label in EXTRA_MODELS]
    return [m for m in models if m._meta.label not in UNTRACKED_MODELS]


def _row(model):
    """SQL for one row of `model` as a single value that changes when any column does."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return "md5(t::text)"
    columns = [f"quote(t.{quote(f.column)})" for f in model._meta.concrete_fields]
    return " || '|' || ".join(columns)


@functools.cache
def _snapshot_sql(vendor):
    quote = connection.ops.quote_name
    models = _tracked()
    cast = "::text" if vendor == "postgresql" else ""  # one type for every table's key
    selects = [
        f"SELECT %s, t.{quote(m._meta.pk.column)}{cast}, {_row(m)} "  # noqa: S608 (names from the models)
        f"FROM {quote(m._meta.db_table)} t"
        for m in models
    ]
    return " UNION ALL ".join(selects), [m._meta.label for m in models]


def state():
    """Every row of every tracked table, by table and primary key, read in one query
    (the suite takes thousands of snapshots)."""
    sql, labels = _snapshot_sql(connection.vendor)
    rows = {label: {} for label in labels}
    with connection.cursor() as cursor:
        cursor.execute(sql, labels)
        for label, pk, row in cursor.fetchall():
            rows[label][pk] = row
    return rows


@dataclass(frozen=True)
class Change:
    added: int = 0
    removed: int = 0
    changed: int = 0


def diff(before, after):
    """What changed, table by table; tables with no change are left out."""
    changes = {}
    for label, rows in after.items():
        old = before[label]
        change = Change(
            added=len(rows.keys() - old.keys()),
            removed=len(old.keys() - rows.keys()),
            changed=sum(1 for pk in rows.keys() & old.keys() if rows[pk] != old[pk]),
        )
        if change != Change():
            changes[label] = change
    return changes


def without_totals(changes):
    """The changes, less the delivery's feedback totals, which an answer adds or updates."""
    changes = dict(changes)
    totals = changes.pop("training.DeliveryFeedbackTotals", None)
    assert totals in (None, Change(added=1), Change(changed=1)), totals
    return changes


def logged(n=1):
    """`n` new entries in Wagtail's audit log."""
    return {"wagtailcore.ModelLogEntry": Change(added=n)}


# Answers ------------------------------------------------------------------------


def assert_sound(response):
    """True of every answer, accepted or not."""
    assert response.status_code < 500, response.status_code
    content = response.content if not response.streaming else b""
    assert MARKUP.encode() not in content, "injected markup shown unescaped"
    assert b"<script>alert(1)" not in content, "injected script shown unescaped"


def shows_error(response):
    return any(mark in response.content for mark in ERROR_MARKS)


def assert_refused(response, before, client=None):
    """Nothing written, and the person is told why."""
    assert_sound(response)
    changes = diff(before, state())
    assert changes == {}, f"refused ({response.status_code}) but wrote {changes}"
    status = response.status_code
    if status in (301, 302, 303):
        assert client is not None, f"refused with a redirect to {response.url}"
        if "/accounts/login/" in response.url:
            return "sign-in"
        page = client.get(response.url)
        assert_sound(page)
        assert any(mark in page.content for mark in BANNER_ERRORS), (
            f"refused with a redirect to {response.url} that says nothing"
        )
        return "banner"
    if status in (200, 400) or (status in CLEAN_REFUSALS and shows_error(response)):
        assert shows_error(response), f"refused ({status}) without a message on the form"
        return "form"
    assert status in CLEAN_REFUSALS, status
    return status


class Attempt:
    """One example's request: its client, every table as it was before, the answer,
    and the judgement on it (counted in the test's Outcomes)."""

    def __init__(self, outcomes, client):
        self.outcomes = outcomes
        self.client = client
        self.before = state()
        self.response = None

    def post(self, path, pairs, *, as_json=False):
        self.response = post(self.client, path, pairs, as_json=as_json)
        return self.response

    def get(self, path, pairs=()):
        self.response = get(self.client, path, pairs)
        return self.response

    def snapshot(self):
        """Take the tables as they are now: what was done before (opening a page
        first) is not judged."""
        self.before = state()

    def changes(self):
        """What the request wrote, table by table."""
        return diff(self.before, state())

    def accepted(self, *expected, adjust=None):
        self.outcomes.accepted(self.response, self.before, *expected, adjust=adjust)

    def refused(self):
        self.outcomes.refused(self.response, self.before, self.client)


@contextmanager
def attempt_as(user=None, *, sign_in=client_for, outcomes=None):
    """One example inside `isolated()`, with a client signed in as `user` by
    `sign_in` (anonymous without a user)."""
    with isolated():
        yield Attempt(outcomes, sign_in(user))


class Outcomes(Counter):
    """What the examples of one test came to, so a test can insist that both the
    accepted and the refused paths were exercised.

    Each example is one attempt, isolated from the others, ending in one of two
    judgements, which also count it:

        with outcomes.attempt(user) as attempt:
            response = attempt.post(path, data)
            if <the example was accepted>:
                attempt.accepted({"schools.Booking": Change(added=1), **logged()})
                ...what else the accepted write must show...
            else:
                attempt.refused()
    """

    def attempt(self, user=None, *, sign_in=client_for):
        """One example, judged and counted here (see `attempt_as`)."""
        return attempt_as(user, sign_in=sign_in, outcomes=self)

    def accepted(self, response, before, *expected, adjust=None):
        """A sound answer that wrote exactly one of `expected` (table label -> Change,
        every other table untouched). `adjust` rewrites the changes first, for writes
        that may or may not happen with the expected ones (see `without_totals`)."""
        assert expected, "say what an accepted example writes"
        assert_sound(response)
        changes = diff(before, state())
        if adjust is not None:
            changes = adjust(changes)
        wanted = " or ".join(map(str, expected))
        assert changes in expected, (
            f"accepted ({response.status_code}): wrote {changes}, not {wanted}"
        )
        self["accepted"] += 1

    def refused(self, response, before, client=None):
        """Nothing written and the person told why, counted by how (see `assert_refused`)."""
        self[assert_refused(response, before, client)] += 1

    def require(self, *kinds):
        """Each kind came up at least once; "refused" is any kind of refusal."""
        refused = sum(n for kind, n in self.items() if kind != "accepted")
        missing = [k for k in kinds if not (refused if k == "refused" else self[k])]
        assert not missing, f"no example was {missing}: {dict(self)}"


def querydict(pairs):
    """The pairs as Django will read them, for asking a form what it makes of them."""
    from django.http import QueryDict

    return QueryDict(encode(pairs))
