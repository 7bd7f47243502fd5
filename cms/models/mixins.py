"""Fields and behaviour shared by several page types."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from ..permissions import IndexPagePermissionTester


class MultipleChoiceJSONField(models.JSONField):
    """A list of values from a fixed set, stored as a JSON list and edited as checkboxes.

    A JSON list works the same on SQLite and PostgreSQL; `json_list_contains`
    (cms.choices) filters on it on both.
    """

    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.options}
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise ValidationError(f"Not a choice: {', '.join(map(str, unknown))}.")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.options,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=self.help_text,
        )

    def labels(self, values):
        names = dict(self.options)
        return [names[v] for v in values or [] if v in names]


class ReviewMixin(models.Model):
    """Content a coordinator checks again by a date, so advice and contacts stay current."""

    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When this content must be checked again. The review report lists "
        "content past this date.",
    )

    class Meta:
        abstract = True

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


class ContributedIndexMixin:
    """An index presenters add pages under but do not edit themselves
    (cms.permissions.IndexPagePermissionTester)."""

    def permissions_for_user(self, user):
        return IndexPagePermissionTester(user, self)
