"""Which schools were reached: coverage by district, the open schools not reached
this year, and those never reached in any year with their DSLs to contact.

A school is reached when a session for pupils was delivered there (filters.to_pupils):
a staff briefing or a parents' evening alone does not reach its pupils.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, QuerySet

from schools.models import District, School, SchoolMembership

from .filters import Filters, delivered, ever_delivered, schools_in_scope, to_pupils


def reached(filters: Filters) -> Exists:
    """Whether a school had a delivery for pupils matching the filters: an EXISTS that
    PostgreSQL answers per school through the booking, delivery and register
    indexes (a few index probes each). (An IN inside a count's filter ran as a
    subplan that scanned every delivery per school: minutes at national scale.)"""
    return Exists(to_pupils(delivered(filters)).filter(booking__school=OuterRef("pk")))


def ever_reached(filters: Filters) -> Exists:
    """As `reached`, in any academic year."""
    return Exists(to_pupils(ever_delivered(filters)).filter(booking__school=OuterRef("pk")))


def reach_part(filters: Filters, _limit: int | None) -> dict:
    return {"schools_reached": schools_in_scope(filters).filter(reached(filters)).count()}


def coverage_part(filters: Filters, _limit: int | None) -> dict:
    """Schools reached, open schools and coverage by district: the schools in scope
    counted in the database by district, open or closed, and reached or not (at most
    four rows a district), so nothing here grows with the number of schools."""
    rows = (
        schools_in_scope(filters)
        .annotate(reached=reached(filters))
        .values_list("district__name", "is_open", "reached")
        .annotate(schools=Count("id"))
        .order_by("district__name")
    )
    totals, reached_open, schools_reached = {}, Counter(), 0
    for district, is_open, was_reached, schools in rows:
        schools_reached += schools if was_reached else 0
        if is_open:
            totals[district] = totals.get(district, 0) + schools
            reached_open[district] += schools if was_reached else 0
    open_schools = sum(totals.values())
    return {
        "schools_reached": schools_reached,
        "open_schools": open_schools,
        "coverage": [
            {
                "district__name": name,
                "total": total,
                "reached": reached_open[name],
                "share": reached_open[name] / total,
            }
            for name, total in totals.items()
        ],
        "not_reached_count": open_schools - sum(reached_open.values()),
    }


def not_reached_part(filters: Filters, limit: int | None) -> dict:
    """The open schools not reached this year, by district and name; only the first
    `limit` when given (their number is part of the coverage)."""
    return {"not_reached": _open_schools_without(filters, reached(filters), limit)}


def never_reached_part(filters: Filters, limit: int | None) -> dict:
    """The open schools whose pupils no session has reached in any year; only the
    first `limit` when given, with how many there are in all."""
    schools = _open_schools_without(filters, ever_reached(filters), limit)
    if limit is None:
        return {"never_reached": schools, "never_reached_count": len(schools)}
    # Counted whether or not the page is full, so the page's queries are the same.
    count = _open(filters).filter(~ever_reached(filters)).count()
    return {"never_reached": schools, "never_reached_count": count}


def _open(filters: Filters) -> QuerySet[School]:
    return schools_in_scope(filters).filter(is_open=True).order_by("district__name", "name", "pk")


def _open_schools_without(filters: Filters, test: Exists, limit: int | None) -> list[School]:
    """The open schools in scope for which `test` is false, by district and name.

    The first few: PostgreSQL probes the schools in that order until it has them
    (a few hundred probes for a page). All of them: the test is in the select list,
    so that it is one probe per school, as for the coverage; as a NOT EXISTS in the
    WHERE clause PostgreSQL made it an anti-join that hashed every delivery of the
    year, three times slower at national scale.
    """
    open_schools = _open(filters)
    if limit is not None:
        rows = open_schools.filter(~test).values_list(*SCHOOL_COLUMNS)[:limit]
    else:
        tested = open_schools.annotate(reached=test)
        rows = (row[:-1] for row in tested.values_list(*SCHOOL_COLUMNS, "reached") if not row[-1])
    districts, schools = {}, []
    for pk, name, urn, phase, district_id, district_name, is_open in rows:
        district = districts.setdefault(district_id, District(pk=district_id, name=district_name))
        # As .only() would load it: the other fields are deferred, not defaulted.
        # from_db takes the values in the model's field order, whatever LOADED says.
        loaded = {"id": pk, "name": name, "urn": urn, "phase": phase}
        loaded |= {"district_id": district_id, "is_open": is_open}
        school = School.from_db(School.objects.db, LOADED, [loaded[f] for f in LOADED])
        School.district.field.set_cached_value(school, district)
        schools.append(school)
    return schools


LOADED = tuple(
    f.attname
    for f in School._meta.concrete_fields
    if f.attname in {"id", "name", "urn", "phase", "district_id", "is_open"}
)
SCHOOL_COLUMNS = ("pk", "name", "urn", "phase", "district_id", "district__name", "is_open")

# SQLite allows a few thousand values in one query; PostgreSQL many more.
CONTACT_BATCH = 500


def dsl_contacts(school_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """Each school's approved designated safeguarding leads, as (name, email), by
    name. Personal data: read fresh for every page and download, never kept in the
    figures cache, so a DSL who leaves or changes address is shown so at once."""
    ids = list(school_ids)
    contacts: dict[int, list[tuple[str, str]]] = {}
    for first in range(0, len(ids), CONTACT_BATCH):
        rows = (
            SchoolMembership.objects.filter(
                school_id__in=ids[first : first + CONTACT_BATCH],
                role=SchoolMembership.Role.DSL,
                status=SchoolMembership.Status.APPROVED,
                user__is_active=True,
            )
            .order_by("school_id", "user__last_name", "user__first_name", "user__email")
            .values_list("school_id", "user__first_name", "user__last_name", "user__email")
        )
        for school_id, first_name, last_name, email in rows:
            name = f"{first_name} {last_name}".strip() or email
            contacts.setdefault(school_id, []).append((name, email))
    return contacts
