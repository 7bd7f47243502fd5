"""PostgreSQL's own guard against double-booking a presenter (added by migration 0002).

Each assignment's busy time runs from the start of the visit to its end plus
the travel buffer (`busy_until`); no two of one presenter's busy times overlap.
SQLite has no exclusion constraints: there the service's checks are the guard.
"""

EXCLUSION = "presenter_never_in_two_places"
EXCLUSION_DEFINITION = (
    "EXCLUDE USING gist (presenter_id WITH =, "
    'tstzrange("start", COALESCE(busy_until, "end"), \'[)\') WITH &&)'
)
