"""Demo county: six districts, about sixty schools, their staff, presenters and a
year of bookings in every state. Idempotent: running it again changes nothing.

Sessions come from the catalogue (`SessionPage.objects.live()`); with none
published there are schools, staff and presenters but no bookings.
"""

from cms.models import SessionPage

from .bookings import seed_bookings
from .closures import seed_closed_days
from .memberships import seed_memberships
from .presenters import PRESENTERS, seed_presenters
from .schools import seed_schools

__all__ = [
    "PRESENTERS",
    "seed",
    "seed_bookings",
    "seed_closed_days",
    "seed_memberships",
    "seed_presenters",
    "seed_schools",
]


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    schools = seed_schools()
    seed_closed_days()
    seed_memberships()
    sessions = list(SessionPage.objects.live().filter(bookable=True).order_by("pk"))
    presenters = seed_presenters(sessions)
    bookings = seed_bookings(sessions, presenters)
    return f"{schools} schools, {len(presenters)} presenters, {bookings} bookings"
