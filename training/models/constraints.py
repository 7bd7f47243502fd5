"""Database rules shared by several training models."""

from django.db import models


def exactly_one_of(name: str, subjects: dict[str, dict]) -> models.CheckConstraint:
    """A row is about exactly one of `subjects` (foreign key names): that one is set,
    with the extra conditions given for it, and every other one is empty.

    ``exactly_one_of("x", {"delivery": {}, "event": {}})`` is feedback on a school
    delivery or on a training event, never both and never neither.
    """
    condition = models.Q()
    for subject, extra in subjects.items():
        empty = {f"{other}__isnull": True for other in subjects if other != subject}
        condition |= models.Q(**{f"{subject}__isnull": False}, **empty, **extra)
    return models.CheckConstraint(condition=condition, name=name)
