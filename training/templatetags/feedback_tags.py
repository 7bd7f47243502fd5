from django import template
from django.utils.html import format_html, format_html_join

from training.services.reports.cells import as_text

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


@register.simple_tag
def chart_bar(label, percent, value):
    """One bar of a CSS-only chart (widths are classes in steps of 1%). A tag, not an
    included template: a national report draws hundreds of bars."""
    return format_html(
        '<li class="app-chart__row"><span class="app-chart__label">{}</span>'
        '<span class="app-chart__track" aria-hidden="true">'
        '<span class="app-chart__bar app-chart__bar--{}"></span></span>'
        '<span class="app-chart__value">{}</span></li>',
        label,
        percent or 0,
        value,
    )


@register.simple_tag
def table_rows(table):
    """A report table's rows, the first cell of each its row header. A tag, not
    template loops: a national report shows hundreds of rows."""
    return format_html_join(
        "\n",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>{}</tr>',
        (
            (
                as_text(row[0]),
                format_html_join(
                    "", '<td class="govuk-table__cell">{}</td>', ((as_text(c),) for c in row[1:])
                ),
            )
            for row in table.page_rows
        ),
    )
