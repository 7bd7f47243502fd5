"""Term plans: the planner's input built from the database (problem), the run the
task worker does (runs), starting and adjusting a plan (solving), its offers to
schools (offers) and the coverage it would give (coverage)."""

from .coverage import Reach, plan_coverage
from .offers import accept_offer, ask_another_date, decline_offer, offer_visit, send_offers
from .problem import AimChoice, aim_schools, build_problem, open_days, problem_for_plan
from .solving import change_visit, plan_again, start_plan

__all__ = [
    "AimChoice",
    "Reach",
    "accept_offer",
    "aim_schools",
    "ask_another_date",
    "build_problem",
    "change_visit",
    "decline_offer",
    "offer_visit",
    "open_days",
    "plan_again",
    "plan_coverage",
    "problem_for_plan",
    "send_offers",
    "start_plan",
]
