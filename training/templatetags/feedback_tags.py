from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def percent(value):
    return "" if value is None else f"{value:.0%}"


@register.filter
def as_percent(value):
    """0-1 to a whole number 0-100 (for bar widths)."""
    return round((value or 0) * 100)
