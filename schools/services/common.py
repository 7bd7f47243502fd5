"""What the schools services share: the local time zone and sending after commit."""

from collections.abc import Callable
from functools import partial
from zoneinfo import ZoneInfo

from django.db import transaction

LONDON = ZoneInfo("Europe/London")


def after_commit(func: Callable, *args, **kwargs) -> None:
    """Run `func` once the current transaction commits (emails, tasks), never before."""
    transaction.on_commit(partial(func, *args, **kwargs))
