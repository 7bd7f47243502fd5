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
