"""The effectiveness figures: what was delivered, who was reached, what changed.

Every figure is aggregated in the database with a fixed number of queries,
whatever the number of rows. Figures from too few responses are suppressed (so
that no pupil or teacher can be picked out and small samples do not mislead):
they carry `suppressed=True` and read "fewer than 10 responses". See
docs/reports.md for the definitions.

- `statistics`: figures with their intervals, and suppression;
- `filters`: academic years, the filters, and the rows they select;
- `figures`: `build_report`, the queries behind every figure;
- `reach`: which schools were reached, this year and ever, and their DSLs;
- `tables`: the tables shown beside each chart and exported;
- `exports`: a table as a CSV or XLSX file;
- `cache`: the figures kept for the same filters until anything they count changes.

Callers use this package's names; its modules import one another directly.
"""

from .exports import CONTENT_TYPES, EXPORT_FORMATS, table_file
from .figures import (
    COVERAGE,
    DELIVERIES,
    EVERYTHING,
    NEVER_REACHED,
    NOT_REACHED,
    REACH,
    SCHOOL_PARTS,
    TRAINING,
    Report,
    build_report,
)
from .filters import (
    Filters,
    academic_year_bounds,
    academic_year_label,
    academic_year_of,
    delivered,
    ever_delivered,
    open_schools,
    schools_in_scope,
    to_pupils,
    training_registrations,
)
from .statistics import (
    PUPIL_MINIMUM,
    TEACHER_MINIMUM,
    Figure,
    PupilFigures,
    TeacherFigures,
    mean_figure,
    share_figure,
    t_critical,
)
from .tables import TABLE_PARTS, Table, tables

__all__ = [
    "CONTENT_TYPES",
    "COVERAGE",
    "DELIVERIES",
    "EVERYTHING",
    "EXPORT_FORMATS",
    "NEVER_REACHED",
    "NOT_REACHED",
    "PUPIL_MINIMUM",
    "REACH",
    "SCHOOL_PARTS",
    "TABLE_PARTS",
    "TEACHER_MINIMUM",
    "TRAINING",
    "Figure",
    "Filters",
    "PupilFigures",
    "Report",
    "Table",
    "TeacherFigures",
    "academic_year_bounds",
    "academic_year_label",
    "academic_year_of",
    "build_report",
    "delivered",
    "ever_delivered",
    "mean_figure",
    "open_schools",
    "schools_in_scope",
    "share_figure",
    "t_critical",
    "to_pupils",
    "table_file",
    "tables",
    "training_registrations",
]
