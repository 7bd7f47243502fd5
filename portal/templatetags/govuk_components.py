"""`{% scroll_region "Bookings" %}<table>...</table>{% endscroll_region %}`: a wide table
in its own labelled, keyboard-focusable scrolling region (components/scroll_region.html),
so on a narrow screen the table scrolls sideways and the page never does."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.tag
def scroll_region(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            'Use {% scroll_region "label" %}...{% endscroll_region %}'
        )
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return render_to_string(
            "components/scroll_region.html",
            {"label": self.label.resolve(context), "content": self.nodelist.render(context)},
        )
