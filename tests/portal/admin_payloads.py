"""Formula-like text written into every text field a person can set, so the
exports' guard is tried on every column they could reach.

Every local text field of every model in the portal's own apps (and the user
model) is covered without naming it, so a field added later is tried too; from
Wagtail's models, the text its reports show: page titles, log entry labels,
redirect paths and search terms.
"""

from itertools import count, cycle

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from portal.spreadsheets import FORMULA_STARTS

PORTAL_APPS = ("portal", "cms", "schools", "training")
# Structure the portal reads, not text a person types: tree paths and slugs,
# secrets and hashes.
NOT_TEXT = {"password", "path", "url_path", "slug", "calendar_token", "pairing_hash"}
WAGTAIL_TEXT = {
    Page: ["title", "draft_title"],
    ModelLogEntry: ["label"],
    PageLogEntry: ["label"],
    Redirect: ["old_path"],
    Query: ["query_string"],
}


def _text_fields(model):
    return [
        field.name
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in NOT_TEXT
    ]


def _models():
    found = {
        model: _text_fields(model)
        for name in PORTAL_APPS
        for model in apps.get_app_config(name).get_models()
    }
    found[get_user_model()] = _text_fields(get_user_model())
    found.update(WAGTAIL_TEXT)
    return {model: fields for model, fields in found.items() if fields and not model._meta.proxy}


def write_formula_payloads():
    """Give each text field of each row a value starting =, +, -, @, tab or CR in
    turn (unique, within the field's length); return how many were written."""
    starts = cycle(FORMULA_STARTS)
    numbers = count(1)
    written = 0
    for model, fields in _models().items():
        for pk in model._base_manager.values_list("pk", flat=True):
            values = {}
            for name in fields:
                limit = model._meta.get_field(name).max_length or 200
                values[name] = f'{next(starts)}{next(numbers)}HYPERLINK("http://evil.example")'[
                    :limit
                ]
            model._base_manager.filter(pk=pk).update(**values)
            written += len(values)
    return written
