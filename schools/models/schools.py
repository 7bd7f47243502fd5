"""Districts and schools, as published in the DfE's Get Information about Schools."""

from django.db import models
from django.db.models import Q

from .calendars import new_calendar_token


class District(models.Model):
    name = models.CharField(max_length=100, unique=True)
    # A point near the district's middle on the British National Grid, in metres: the
    # term planner's estimate of where a school is when it has no place of its own.
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchoolQuerySet(models.QuerySet):
    def matching(self, query):
        """Open schools whose name has `query` in it, whose postcode is or starts with
        it, or whose URN it is."""
        condition = Q(name__icontains=query) | Q(postcode__iexact=query)
        condition |= Q(postcode__istartswith=query)
        compact = query.replace(" ", "")
        if compact.isdecimal():  # not isdigit(): int() refuses digits such as "²"
            condition |= Q(urn=int(compact))
        return self.filter(condition, is_open=True)


class School(models.Model):
    """A school as published in the DfE's Get Information about Schools (GIAS)."""

    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE = "middle", "Middle"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SIXTEEN_PLUS = "16_plus", "16 plus"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    urn = models.PositiveIntegerField(
        "URN", unique=True, help_text="Unique reference number from GIAS."
    )
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.NOT_APPLICABLE)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools")
    postcode = models.CharField(max_length=10, blank=True)
    number_of_pupils = models.PositiveIntegerField(null=True, blank=True)
    is_open = models.BooleanField("open", default=True)
    # Ordnance Survey grid reference of the site, in metres, from GIAS (for distances).
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.urn})"

    @property
    def year_groups_taught(self) -> range | None:
        """The year groups (0 for Reception, 1 to 13) a school of this phase teaches,
        or None when the phase does not say (special schools, pupil referral units)."""
        return PHASE_YEAR_GROUPS.get(self.phase)


# The ages each GIAS phase teaches, as year groups (0 is Reception). Middle schools
# vary (5-9, 8-12, 9-13), so theirs is the widest span any of them teaches.
PHASE_YEAR_GROUPS = {
    School.Phase.NURSERY: range(0, 1),
    School.Phase.PRIMARY: range(0, 7),
    School.Phase.MIDDLE: range(1, 10),
    School.Phase.SECONDARY: range(7, 14),
    School.Phase.ALL_THROUGH: range(0, 14),
    School.Phase.SIXTEEN_PLUS: range(12, 14),
}
