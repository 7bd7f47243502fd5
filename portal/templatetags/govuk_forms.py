from django import template

from portal.form_renderer import GOVUK_RENDERER

register = template.Library()


@register.simple_tag
def govuk_form(form):
    """Render a form built elsewhere (allauth's) with the GOV.UK templates.

    The form and each of its bound fields hold their own renderer, and allauth's
    views may have made the bound fields already, so all of them are switched.
    """
    form.renderer = GOVUK_RENDERER
    for bound_field in form:
        bound_field.renderer = GOVUK_RENDERER
    return form.render()


CHOICE_GROUPS = ("radioselect", "checkboxselectmultiple")


@register.filter
def error_anchor(bound_field):
    """The id the error summary links to for a field: GOV.UK links to the box to
    correct, so the first option of a group of radios or checkboxes, and the first
    wrong box of a date input (which says so itself)."""
    own = getattr(bound_field, "error_anchor", None)
    if own:
        return own
    if bound_field.widget_type in CHOICE_GROUPS:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id
