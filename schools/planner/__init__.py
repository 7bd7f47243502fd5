"""The term planner: a plain problem in, proposed visits and reasons out.

Nothing here imports Django, so the planner can be tested and benchmarked without
the web. `schools.services.plans` builds a `Problem` from the database and turns a
`Plan` into offers. See problem.py for the shapes and docs/planning.md for the
rules and the objective.
"""

from schools.planner.problem import (
    Aim,
    Plan,
    Presenter,
    Problem,
    ProposedVisit,
    School,
    Session,
    Unplaced,
    Visit,
)

__all__ = [
    "Aim",
    "Plan",
    "Presenter",
    "Problem",
    "ProposedVisit",
    "School",
    "Session",
    "Unplaced",
    "Visit",
]
