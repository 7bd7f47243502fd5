"""Wagtail's admin widgets without inline scripts.

Wagtail starts each chooser (page, snippet, document, image, task) with an inline
`<script>new SnippetChooser("id_partner", {...})</script>` written after the
widget, which the portal's `script-src 'self'` blocks, so the chooser never opens.
Here the widget writes the same call as data instead:

    <span hidden data-portal-init="SnippetChooser" data-portal-init-args='["id_partner", {...}]'>

and `portal/static/portal/admin-choosers.js`, served from our own origin, makes
the call. The markup and the options are Wagtail's own, so a Wagtail upgrade that
changes them changes nothing here; one that renames a constructor is caught by
the browser tests (the chooser stops opening).

Also: Wagtail's "chosen" views look the id up as it came in the address, so a
non-numeric one (`/admin/snippets/choose/cms/topic/chosen/x/`) raised a
ValueError and answered 500. An id the model's key cannot hold now answers 404.
"""

import json

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.html import format_html
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser


def init_marker(constructor, *args):
    """A hidden element asking admin-choosers.js to run `new constructor(...args)`."""
    return format_html(
        '<span hidden data-portal-init="{}" data-portal-init-args="{}"></span>',
        constructor,
        json.dumps(args),
    )


def _render_chooser(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render with the set-up as data instead of a script."""
    if not attrs or "id" not in attrs:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute")
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    if isinstance(self, AdminTaskChooser):
        marker = init_marker("createTaskChooser", attrs["id"])
    else:
        options = self.get_js_init_options(attrs["id"], name, value_data)
        marker = init_marker(self.js_constructor, attrs["id"], options)
    return format_html("{}{}", widget_html, marker)


def _valid_key(model, value):
    try:
        model._meta.pk.to_python(value)
    except ValidationError as error:
        raise Http404("No such item.") from error


_chosen_get = ChosenViewMixin.get
_chosen_multiple_get = ChosenMultipleViewMixin.get


def _get_chosen(self, request, pk):
    _valid_key(self.model_class, unquote(str(pk)))
    return _chosen_get(self, request, pk)


def _get_chosen_multiple(self, request):
    for pk in request.GET.getlist("id"):
        _valid_key(self.model_class, pk)
    return _chosen_multiple_get(self, request)


def install():
    """Called once from PortalConfig.ready()."""
    BaseChooser.render = _render_chooser
    ChosenViewMixin.get = _get_chosen
    ChosenMultipleViewMixin.get = _get_chosen_multiple
