"""Report figures kept in the cache, and thrown away by any change they depend on.

The country-wide figures cost the database most of a second, and coordinators
move back and forth between filters and downloads. So each part of a report
(figures.py: deliveries, reach, coverage, schools not reached, training) is
kept for the filters it was made for, for at most PORTAL_REPORTS_CACHE_SECONDS:
the page and its downloads share them.

Never stale. Every entry carries the version it was made under and is served
only under the current one. Saving or deleting any row the figures are made from
(SOURCES) replaces the versions it affects at once and again when the
transaction commits: a request that read the version before the change was
committed can only store an entry that is never served, and a request that reads
it afterwards sees the change in the database. Writes that skip the models' save
and delete (bulk loads, queryset updates of these rows) call `invalidate()`
themselves, as `rebuild_feedback_totals` and the demo data do; a migration
replaces every version.

There are three versions, one for each kind of figure, so that a pupil answering
(which changes the delivery figures only) does not throw away the coverage by
district or the training figures.

On by default only with Redis: with a cache per process, a change made through
one web worker would leave the others serving the old figures. For the same
reason nothing is kept or read while Redis cannot be reached
(portal/shared_cache.py): the figures are built for each request.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from portal import shared_cache

DELIVERIES = "deliveries"
SCHOOLS = "schools"
TRAINING = "training"
ALL = (DELIVERIES, SCHOOLS, TRAINING)

logger = logging.getLogger(__name__)

VERSION_KEY = "reports:version:"
ENTRY_KEY = "reports:figures:"

# The rows every figure is made from, and the versions a change to one replaces.
# Deliveries follow the district, school, topic, session, format and presenter
# filters; schools reached follow the deliveries; training follows the district.
SOURCES = {
    "schools.District": (SCHOOLS,),
    "schools.School": ALL,
    "schools.Booking": (DELIVERIES, SCHOOLS),
    "schools.Delivery": (DELIVERIES, SCHOOLS),
    "schools.DeliveryAssignment": (DELIVERIES, SCHOOLS),
    "training.DeliveryRegister": (DELIVERIES, SCHOOLS),
    "training.DeliveryFeedbackTotals": (DELIVERIES,),
    "training.TeacherFeedback": (DELIVERIES, TRAINING),
    "training.TrainingEvent": (TRAINING,),
    "training.Registration": (TRAINING,),
    "cms.SessionPage": (DELIVERIES, SCHOOLS),
    "cms.Topic": (DELIVERIES, SCHOOLS),
    "cms.TrainingCoursePage": (TRAINING,),
}


def seconds() -> int:
    """How long an entry lives at most; 0 turns the cache off."""
    return getattr(settings, "PORTAL_REPORTS_CACHE_SECONDS", 0)


def invalidate(versions: Iterable[str] = ALL) -> None:
    """Make the figures under these versions stale (every figure by default)."""
    cache.set_many({VERSION_KEY + name: secrets.token_hex(8) for name in versions}, timeout=None)


def invalidate_now_and_on_commit(versions: Iterable[str] = ALL) -> None:
    invalidate(versions)
    # Robust: once the change is committed, a failed second replacement is logged,
    # not turned into an error for the person who made the change.
    transaction.on_commit(partial(invalidate, versions), robust=True)


def fetch(wanted: dict[str, tuple], build: Callable[[str], dict]) -> dict[str, dict]:
    """The figures of each part wanted, from the cache when current, else built.

    `wanted` maps each part to the version it is kept under and everything else
    its figures depend on (the filters); `build(part)` makes a part's figures.
    The versions are read before anything is built, so a change committed while
    building replaces them and what was built is never served.
    """
    if not seconds():
        return {part: build(part) for part in wanted}
    keys = {part: _key(part, depends) for part, (_version, *depends) in wanted.items()}
    names = {VERSION_KEY + version for version, *_depends in wanted.values()}
    found = cache.get_many([*names, *keys.values()]) if shared_cache.is_shared() else {}
    if not shared_cache.is_shared():
        # Redis cannot be reached (portal.shared_cache): build, keep nothing.
        return {part: build(part) for part in wanted}
    versions = {name: _current(found, name) for name in names}
    figures, new = {}, {}
    for part, (version_name, *_depends) in wanted.items():
        version = versions[VERSION_KEY + version_name]
        entry = found.get(keys[part])
        if version is not None and entry is not None and entry[0] == version:
            figures[part] = entry[1]
            continue
        figures[part] = build(part)
        if version is not None:
            new[keys[part]] = (version, figures[part])
    if new:
        cache.set_many(new, seconds())
    return figures


def _key(part: str, depends: Iterable[object]) -> str:
    return ENTRY_KEY + hashlib.sha256(repr((part, *depends)).encode()).hexdigest()


def _current(found: dict, name: str) -> str | None:
    version = found.get(name)
    if version is None:
        cache.add(name, secrets.token_hex(8), timeout=None)
        version = cache.get(name)
    return version


def _changed(sender: type, versions: Iterable[str], **_kwargs: object) -> None:
    invalidate_now_and_on_commit(versions)


def _migrated(**_kwargs: object) -> None:
    """A migration may have changed rows without a signal. A cache that cannot be
    reached must not stop the migration: its entries expire within
    PORTAL_REPORTS_CACHE_SECONDS."""
    try:
        invalidate()
    except Exception:
        logger.exception("Report figures in the cache could not be replaced after migrating.")


def connect_signals() -> None:
    for label, versions in SOURCES.items():
        model = apps.get_model(label)
        receiver = partial(_changed, versions=versions)
        # (m2m_changed names the link table as its sender, never these models:
        # the models whose links matter, such as a session's topics, are saved
        # with them.)
        for signal in (post_save, post_delete):
            signal.connect(
                receiver, sender=model, weak=False, dispatch_uid=f"reports.cache.{label}"
            )
    post_migrate.connect(_migrated, dispatch_uid="reports.cache.migrated")
    # A change made while Redis was away could not replace the versions there.
    shared_cache.reconnected.connect(
        lambda **_kwargs: invalidate(), weak=False, dispatch_uid="reports.cache.reconnected"
    )
