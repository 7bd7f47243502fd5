"""Days schools are closed beyond weekends and bank holidays: the local authority's
school holidays and INSET days, and a school's own INSET days."""

from django.db import models

from portal.validators import one_line

from .schools import School


class ClosedDays(models.Model):
    """A run of days (one day or a whole holiday) when schools do not take visits.

    Without a school it is the local authority's (term holidays, shared INSET days);
    with one it is that school's own INSET day or closure.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "School holiday"
        INSET = "inset", "INSET day"
        CLOSURE = "closure", "Other closure"

    name = models.CharField(
        max_length=100, help_text="For example: Christmas holidays.", validators=[one_line]
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    first_day = models.DateField()
    last_day = models.DateField()
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closed_days",
        help_text="Leave empty for every school in the local authority.",
    )

    class Meta:
        ordering = ["first_day"]
        verbose_name = "closed days"
        verbose_name_plural = "closed days"
        indexes = [models.Index(fields=["first_day", "last_day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="closed_days_end_on_or_after_start",
            )
        ]

    def __str__(self):
        if self.first_day == self.last_day:
            return f"{self.name}: {self.first_day:%-d %B %Y}"
        return f"{self.name}: {self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"
