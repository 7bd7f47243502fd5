"""Import schools from the DfE's Get Information about Schools (GIAS).

The file is read and filtered in schools.services.gias. Here the rows kept are
compared with the schools we hold, as a plan (added, changed, closed,
unchanged) that a coordinator can look at before it is applied; the command
line plans and applies at once. Applying is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from cms.choices import year_group_label
from portal.models import User
from schools.models import District, School

from .errors import BookingError
from .gias import Filters, ImportFailed, decode, read_rows, select

__all__ = ["ImportFailed", "ImportPlan", "ImportResult", "decode", "import_schools", "plan_import"]

# What the import sets on a school, in the order a change is described.
FIELDS = (
    "name",
    "phase",
    "district",
    "postcode",
    "number_of_pupils",
    "is_open",
    "easting",
    "northing",
)


@dataclass
class ImportPlan:
    """What applying the rows would do; JSON-safe (stored between preview and confirm)."""

    added: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {"urn", "name", "changes": {f: [old, new]}}
    unchanged: int = 0
    outside_area: int = 0
    other_types: int = 0
    districts: int = 0

    @property
    def closed(self) -> list[dict]:
        """Changed schools that were open and the file says are not."""
        return [c for c in self.changed if c["changes"].get("is_open") == [True, False]]

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "outside_area": self.outside_area,
            "other_types": self.other_types,
            "districts": self.districts,
        }

    def same_changes(self, other: ImportPlan) -> bool:
        return (self.added, self.changed) == (other.added, other.changed)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    outside_area: int = 0
    other_types: int = 0
    districts: int = 0

    def __str__(self):
        text = (
            f"{self.created} schools added, {self.updated} updated, {self.unchanged} unchanged "
            f"across {self.districts} districts ({self.closed} closed)"
        )
        skipped = []
        if self.outside_area:
            skipped.append(f"{self.outside_area} outside the chosen local authorities")
        if self.other_types:
            skipped.append(f"{self.other_types} of other establishment types")
        return text + (f"; rows skipped: {', '.join(skipped)}" if skipped else "")


def _current(school: School) -> dict:
    values = {name: getattr(school, name) for name in FIELDS if name != "district"}
    return {**values, "district": school.district.name}


def plan_import(rows: list[dict], filters: Filters) -> ImportPlan:
    """Compare the rows the filters keep with the schools held; ImportFailed if any
    kept row is wrong (every problem listed with its line number)."""
    selection = select(rows, filters)
    if selection.problems:
        raise ImportFailed(selection.problems)
    plan = ImportPlan(
        outside_area=selection.outside_area,
        other_types=selection.other_types,
        districts=len({row["district"] for row in selection.rows}),
    )
    held = School.objects.select_related("district").in_bulk(
        [row["urn"] for row in selection.rows], field_name="urn"
    )
    for row in selection.rows:
        school = held.get(row["urn"])
        if school is None:
            plan.added.append(row)
            continue
        current = _current(school)
        changes = {f: [current[f], row[f]] for f in FIELDS if f in row and current[f] != row[f]}
        if changes:
            plan.changed.append({"urn": row["urn"], "name": row["name"], "changes": changes})
        else:
            plan.unchanged += 1
    return plan


def apply_plan(plan: ImportPlan, *, user: User | None = None) -> ImportResult:
    """Make the plan's additions and changes, each logged in the school's history.
    The caller holds the transaction."""
    result = ImportResult(
        unchanged=plan.unchanged,
        closed=len(plan.closed),
        outside_area=plan.outside_area,
        other_types=plan.other_types,
        districts=plan.districts,
    )
    districts = {}

    def district(name):
        if name not in districts:
            districts[name] = District.objects.get_or_create(name=name)[0]
        return districts[name]

    for row in plan.added:
        school = School.objects.create(**{**row, "district": district(row["district"])})
        log(instance=school, action="wagtail.create", user=user)
        result.created += 1
    held = School.objects.select_for_update().in_bulk(
        [c["urn"] for c in plan.changed], field_name="urn"
    )
    for change in plan.changed:
        school = held[change["urn"]]
        for name, (_old, new) in change["changes"].items():
            setattr(school, name, district(new) if name == "district" else new)
        school.save(update_fields=list(change["changes"]))
        log(instance=school, action="wagtail.edit", user=user)
        result.updated += 1
    return result


def import_schools(
    data: bytes, *, authorities=(), types=(), user: User | None = None
) -> ImportResult:
    """Create or update schools by URN from GIAS CSV bytes, keeping only the local
    authorities and establishment types given (all when none); all or nothing."""
    plan = plan_import(read_rows(data), Filters.of(authorities, types))
    with transaction.atomic():
        return apply_plan(plan, user=user)


def check_year_groups_taught(school: School, year_groups: list[int]) -> None:
    """A school books only for year groups it teaches: a secondary cannot book a
    Reception to Year 2 assembly, nor a primary a sixth-form session."""
    taught = school.year_groups_taught
    if taught is None or set(year_groups) <= set(taught):
        return
    first, last = year_group_label(taught[0]), year_group_label(taught[-1])
    raise BookingError(
        f"{school.name} is a {school.get_phase_display().lower()} school, which teaches "
        f"{first} to {last}. Choose year groups it teaches, or a session for them.",
        code="wrong_phase",
        field="year_groups",
    )
