"""Read the DfE's Get Information about Schools (GIAS) CSV.

GIAS publishes Windows-1252 text, every field quoted, with a hundred or more
columns; we read the seven we need by name and ignore the rest. The whole file
is checked before anything is saved, so a bad row changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from cms.choices import year_group_label
from portal.models import User
from schools.models import District, School

from .errors import BookingError

COLUMNS = {
    "urn": "URN",
    "name": "EstablishmentName",
    "phase": "PhaseOfEducation (name)",
    "district": "DistrictAdministrative (name)",
    "postcode": "Postcode",
    "pupils": "NumberOfPupils",
    "status": "EstablishmentStatus (name)",
}

PHASES = {
    "not applicable": School.Phase.NOT_APPLICABLE,
    "nursery": School.Phase.NURSERY,
    "primary": School.Phase.PRIMARY,
    "middle deemed primary": School.Phase.MIDDLE,
    "middle deemed secondary": School.Phase.MIDDLE,
    "secondary": School.Phase.SECONDARY,
    "16 plus": School.Phase.SIXTEEN_PLUS,
    "all-through": School.Phase.ALL_THROUGH,
    "": School.Phase.NOT_APPLICABLE,
}

# GIAS establishment statuses; schools still open (even if proposed to close) count as open.
STATUSES = {
    "open": True,
    "open, but proposed to close": True,
    "closed": False,
    "proposed to open": False,
}


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    districts: set = field(default_factory=set)

    def __str__(self):
        return (
            f"{self.created} schools added, {self.updated} updated, {self.unchanged} unchanged "
            f"across {len(self.districts)} districts"
        )


def decode(data: bytes) -> str:
    """UTF-8 if the file is UTF-8 (with or without a byte order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def parse(text: str) -> list[dict]:
    """Return the rows as dicts of our fields, or raise ImportFailed listing every bad line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [col for col in COLUMNS.values() if col not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([f"Line 1: missing columns: {', '.join(missing)}"])
    rows, problems, seen = [], [], {}
    line = reader.line_num + 1
    for raw in reader:
        problem, row = _clean(raw)
        if not problem and row["urn"] in seen:
            problem = f"URN {row['urn']} also appears on line {seen[row['urn']]}"
        if problem:
            problems.append(f"Line {line}: {problem}")
        else:
            seen[row["urn"]] = line
            rows.append(row)
        line = reader.line_num + 1
    if problems:
        raise ImportFailed(problems)
    if not rows:
        raise ImportFailed(["The file has no schools in it."])
    return rows


def _clean(raw: dict) -> tuple[str | None, dict | None]:
    values = {key: (raw.get(col) or "").strip() for key, col in COLUMNS.items()}
    if not values["urn"].isdigit():
        return f"URN “{values['urn']}” is not a number", None
    if not values["name"]:
        return "the school has no EstablishmentName", None
    phase = PHASES.get(values["phase"].lower())
    if phase is None:
        return f"unknown phase of education “{values['phase']}”", None
    if not values["district"]:
        return "the school has no DistrictAdministrative (name)", None
    status = STATUSES.get(values["status"].lower())
    if status is None:
        return f"unknown establishment status “{values['status']}”", None
    pupils = values["pupils"]
    if pupils and not pupils.isdigit():
        return f"NumberOfPupils “{pupils}” is not a whole number", None
    return None, {
        "urn": int(values["urn"]),
        "name": values["name"][:200],
        "phase": phase,
        "district": values["district"][:100],
        "postcode": values["postcode"].upper()[:10],
        "number_of_pupils": int(pupils) if pupils else None,
        "is_open": status,
    }


def import_schools(data: bytes, *, user: User | None = None) -> ImportResult:
    """Create or update schools by URN from GIAS CSV bytes; all or nothing."""
    rows = parse(decode(data))
    result = ImportResult()
    with transaction.atomic():
        districts = {}
        existing = {s.urn: s for s in School.objects.filter(urn__in=[r["urn"] for r in rows])}
        for row in rows:
            name = row.pop("district")
            if name not in districts:
                districts[name] = District.objects.get_or_create(name=name)[0]
            row["district"] = districts[name]
            result.districts.add(name)
            school = existing.get(row["urn"])
            if school is None:
                school = School.objects.create(**row)
                log(instance=school, action="wagtail.create", user=user)
                result.created += 1
                continue
            changed = [k for k, v in row.items() if getattr(school, k) != v]
            if changed:
                for key in changed:
                    setattr(school, key, row[key])
                school.save(update_fields=changed)
                log(instance=school, action="wagtail.edit", user=user)
                result.updated += 1
            else:
                result.unchanged += 1
    return result


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
