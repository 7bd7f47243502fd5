"""Calendar addresses."""

from wagtail.log_actions import log

from portal.models import User
from schools.models import PresenterProfile, School, new_calendar_token


def reset_calendar_token(
    owner: School | PresenterProfile, *, by: User
) -> School | PresenterProfile:
    """A new secret address; the old one stops working at once."""
    owner.calendar_token = new_calendar_token()
    owner.save(update_fields=["calendar_token"])
    log(instance=owner, action="schools.calendar.reset", user=by)
    return owner
