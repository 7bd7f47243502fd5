"""Read the DfE's Get Information about Schools (GIAS) "edubasealldata" CSV.

GIAS publishes the whole country in one file: Windows-1252 text, every field
quoted, line breaks inside quoted fields, a hundred or more columns. We keep,
for every row, only the columns we use (never the head teacher's name and the
other columns about people), so what is stored between an upload and its
confirmation holds nothing personal.

Rows outside the chosen local authorities, or of establishment types not
chosen, are counted and skipped before they are checked: the national file
has rows we would refuse (schools with no district, for example) that a
county never needs. The rows kept are checked all or nothing.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from schools.models import School

COLUMNS = {
    "urn": "URN",
    "name": "EstablishmentName",
    "phase": "PhaseOfEducation (name)",
    "district": "DistrictAdministrative (name)",
    "postcode": "Postcode",
    "pupils": "NumberOfPupils",
    "status": "EstablishmentStatus (name)",
}
# Read when present: the filters need the first three, the planner the last two.
OPTIONAL_COLUMNS = {
    "la_code": "LA (code)",
    "la_name": "LA (name)",
    "type": "TypeOfEstablishment (name)",
    "easting": "Easting",
    "northing": "Northing",
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


def decode(data: bytes) -> str:
    """UTF-8 if the file is UTF-8 (with or without a byte order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def read_rows(data: bytes) -> list[dict]:
    """Every row of the file as a dict of the columns we use (strings, stripped),
    with its line number in the file ("line"); ImportFailed if columns are missing.

    A plain csv.reader picking columns by position: the national file has about
    50,000 rows of 130 columns, and a dict of every column for each row would
    take several times as long."""
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise ImportFailed(
            ["The file is not a CSV file from GIAS (it is neither UTF-8 nor Windows-1252)."]
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    present = next(reader, [])
    missing = [col for col in COLUMNS.values() if col not in present]
    if missing:
        raise ImportFailed([f"Line 1: missing columns: {', '.join(missing)}"])
    wanted = {**COLUMNS, **{k: c for k, c in OPTIONAL_COLUMNS.items() if c in present}}
    positions = [(key, present.index(col)) for key, col in wanted.items()]
    rows = []
    line = reader.line_num + 1
    try:
        for raw in reader:
            if not any(raw):
                line = reader.line_num + 1
                continue  # a blank line, as csv.DictReader skips
            row = {key: (raw[i] if i < len(raw) else "").strip() for key, i in positions}
            row["line"] = line
            rows.append(row)
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed([f"Line {line}: the file cannot be read as CSV ({error})"]) from error
    if not rows:
        raise ImportFailed(["The file has no schools in it."])
    return rows


@dataclass
class Filters:
    """Local authorities (by name or code) and establishment types to keep; empty keeps all."""

    authorities: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()

    @classmethod
    def of(cls, authorities=(), types=()) -> Filters:
        return cls(
            frozenset(a.strip().lower() for a in authorities if a.strip()),
            frozenset(t.strip().lower() for t in types if t.strip()),
        )

    def in_area(self, row: dict) -> bool:
        if not self.authorities:
            return True
        names = {row.get("la_name", "").lower(), row.get("la_code", "").lower()}
        return bool(names & self.authorities)

    def of_type(self, row: dict) -> bool:
        return not self.types or row.get("type", "").lower() in self.types


@dataclass
class Selection:
    rows: list[dict]
    outside_area: int = 0
    other_types: int = 0
    problems: list[str] = field(default_factory=list)


def select(rows: list[dict], filters: Filters) -> Selection:
    """The rows the filters keep, checked; rows they skip are only counted."""
    selection = Selection(rows=[])
    seen = {}
    for raw in rows:
        if not filters.in_area(raw):
            selection.outside_area += 1
            continue
        if not filters.of_type(raw):
            selection.other_types += 1
            continue
        problem, row = clean(raw)
        if not problem and row["urn"] in seen:
            problem = f"URN {row['urn']} also appears on line {seen[row['urn']]}"
        if problem:
            selection.problems.append(f"Line {raw['line']}: {problem}")
        else:
            seen[row["urn"]] = raw["line"]
            selection.rows.append(row)
    if not selection.problems and not selection.rows:
        selection.problems.append("No schools in the file match the local authorities and types.")
    return selection


def clean(raw: dict) -> tuple[str | None, dict | None]:
    """One row as School field values, or the reason it cannot be imported."""
    if not raw["urn"].isdigit():
        return f"URN “{raw['urn']}” is not a number", None
    if not raw["name"]:
        return "the school has no EstablishmentName", None
    phase = PHASES.get(raw["phase"].lower())
    if phase is None:
        return f"unknown phase of education “{raw['phase']}”", None
    if not raw["district"]:
        return "the school has no DistrictAdministrative (name)", None
    status = STATUSES.get(raw["status"].lower())
    if status is None:
        return f"unknown establishment status “{raw['status']}”", None
    numbers = {}
    for key, column in (
        ("pupils", "NumberOfPupils"),
        ("easting", "Easting"),
        ("northing", "Northing"),
    ):
        value = raw.get(key)
        if value and not value.isdigit():
            return f"{column} “{value}” is not a whole number", None
        if value is not None:  # a file without the column leaves the field as it is
            numbers[key] = int(value) if value else None
    return None, {
        "urn": int(raw["urn"]),
        "name": raw["name"][:200],
        "phase": phase.value,
        "district": raw["district"][:100],
        "postcode": raw["postcode"].upper()[:10],
        "number_of_pupils": numbers["pupils"],
        "is_open": status,
        **{key: numbers[key] for key in ("easting", "northing") if key in numbers},
    }


def authorities_in(rows: list[dict]) -> list[dict]:
    """The local authorities named in the file, with their number of rows, by name."""
    counts = Counter((row.get("la_name", ""), row.get("la_code", "")) for row in rows)
    return [
        {"name": name, "code": code, "count": count}
        for (name, code), count in sorted(counts.items())
        if name or code
    ]


def types_in(rows: list[dict]) -> list[dict]:
    counts = Counter(row.get("type", "") for row in rows)
    return [{"name": name, "count": count} for name, count in sorted(counts.items()) if name]
