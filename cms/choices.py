"""The words content is described and filtered by: year groups and key stages,
RSHE themes, session formats and the audiences of library resources, and the
filter on a list of them.

Below the page models and the filters alike, so both can use them.
"""

from django.db import models

# Year groups as numbers: 0 is Reception, 1-13 are Years 1 to 13.
YEAR_GROUP_CHOICES = [(0, "Reception")] + [(n, f"Year {n}") for n in range(1, 14)]

# Key stages as inclusive year ranges, used to filter and describe sessions.
KEY_STAGES = {
    "ks1": ("Key stage 1", 0, 2),
    "ks2": ("Key stage 2", 3, 6),
    "ks3": ("Key stage 3", 7, 9),
    "ks4": ("Key stage 4", 10, 11),
    "ks5": ("Key stage 5", 12, 13),
}


# The statutory relationships, sex and health education (RSHE) themes a session
# can cover, from the Department for Education's guidance (primary relationships
# education, secondary RSE and health education). Fixed here so that every
# session maps to the same words schools use in their RSHE plans.
RSHE_THEMES = [
    ("families", "Families and people who care for me"),
    ("caring_friendships", "Caring friendships"),
    ("respectful_relationships", "Respectful relationships"),
    ("online_relationships", "Online relationships"),
    ("online_media", "Online and media"),
    ("being_safe", "Being safe"),
    ("intimate_relationships", "Intimate and sexual relationships, including sexual health"),
    ("mental_wellbeing", "Mental wellbeing"),
    ("internet_safety", "Internet safety and harms"),
    ("drugs_alcohol_tobacco", "Drugs, alcohol and tobacco"),
    ("health_prevention", "Health and prevention"),
    ("first_aid", "Basic first aid"),
]


def year_group_label(year):
    return dict(YEAR_GROUP_CHOICES)[year]


def key_stage_label(min_year, max_year):
    """The key stages a year range touches, e.g. "Key stage 3 and Key stage 4"."""
    names = [
        name for name, first, last in KEY_STAGES.values() if first <= max_year and last >= min_year
    ]
    return " and ".join(names)


class SessionFormat(models.TextChoices):
    ASSEMBLY = "assembly", "Assembly"
    WORKSHOP = "workshop", "Classroom workshop"
    STAFF_TRAINING = "staff_training", "Staff training"
    PARENT_SESSION = "parent_session", "Parent session"


class SessionAudience(models.TextChoices):
    """Who a session is for. Only pupil sessions count pupils reached, have a pupil
    feedback code and feed the pupil figures; the others count the adults there."""

    PUPILS = "pupils", "Pupils"
    STAFF = "staff", "School staff"
    PARENTS = "parents", "Parents and carers"


# Who is counted at a session of each audience, in words ("up to 40 parents and carers").
AUDIENCE_NOUNS = {
    SessionAudience.PUPILS: "pupils",
    SessionAudience.STAFF: "staff",
    SessionAudience.PARENTS: "parents and carers",
}


# The audience a format is always for; assemblies and workshops may be for anyone.
FORMAT_AUDIENCE = {
    SessionFormat.STAFF_TRAINING: SessionAudience.STAFF,
    SessionFormat.PARENT_SESSION: SessionAudience.PARENTS,
}


# Pupils by age band, then adults. The keys are the values of ?age= on /resources/.
PUPIL_AGE_BANDS = [
    ("4-7", "Pupils aged 4 to 7"),
    ("8-10", "Pupils aged 8 to 10"),
    ("11-13", "Pupils aged 11 to 13"),
    ("14-16", "Pupils aged 14 to 16"),
    ("16-18", "Pupils aged 16 to 18"),
]
AUDIENCE_CHOICES = [
    *PUPIL_AGE_BANDS,
    ("parents", "Parents and carers"),
    ("staff", "School staff"),
]
PUPIL_AUDIENCES = {key for key, _label in PUPIL_AGE_BANDS}


def json_list_contains(field, value):
    """A filter for rows whose JSON list `field` holds the string `value`.

    Matches the quoted value in the list's JSON text, which works on every
    database (JSONField's `contains` lookup does not exist on SQLite).
    """
    return models.Q(**{f"{field}__icontains": f'"{value}"'})
