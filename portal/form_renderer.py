"""GOV.UK Frontend markup for the portal's own forms, and for them only.

portal/form_templates/ holds versions of Django's form, field and widget
templates with GOV.UK classes. Only GovukFormRenderer looks there. Forms opt
in through GovukForm (or GovukFormMixin); allauth's pages opt in through the
`govuk_form` tag in allauth/elements/fields.html. Every other form, the
Wagtail admin's editing forms and listing filters included, keeps
FORM_RENDERER and so Django's and Wagtail's own markup.
"""

from pathlib import Path

import django.forms
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

TEMPLATES_DIR = Path(__file__).resolve().parent / "form_templates"
DJANGO_FORM_TEMPLATES_DIR = Path(django.forms.__file__).resolve().parent / "templates"


class GovukFormRenderer(DjangoTemplates):
    """Django's templates renderer, with the GOV.UK templates found first.

    An engine of its own, so a template name such as
    "django/forms/widgets/input.html" means the GOV.UK version here and
    Django's everywhere else. Includes inside those templates resolve the
    same way, so a radio option reaches the GOV.UK input too.
    """

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [TEMPLATES_DIR, DJANGO_FORM_TEMPLATES_DIR],
                "NAME": "govukforms",
                "OPTIONS": {},
            }
        )


# One instance, so the engine and its cached templates are built once.
GOVUK_RENDERER = GovukFormRenderer()


class GovukFormMixin:
    default_renderer = GOVUK_RENDERER


class GovukForm(GovukFormMixin, forms.Form):
    """Base for every form a person fills in on the portal's own pages."""
