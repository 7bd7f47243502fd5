"""Calendar addresses and the working-day arithmetic of reminders."""

from datetime import date, timedelta

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


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday) before `day`."""
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
