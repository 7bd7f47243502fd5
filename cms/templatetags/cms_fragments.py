"""`{% fragment "name" %}...{% endfragment %}`: a part of a page rendered once and
kept under the page cache's version (cms/page_cache.py), so it goes stale the
moment any content changes.

Only for parts that hold nothing about the visitor and depend on nothing but
the site's content (settings, snippets, pages): the key is the name and the
site, never the context. With the page cache off, the part is rendered every
time.
"""

from django import template

from cms import page_cache

register = template.Library()


@register.tag
def fragment(parser, token):
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError('Use {% fragment "name" %}') from None
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name.strip("\"'"), nodelist)


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        name = ("fragment", self.name)
        html = page_cache.get_fragments(request, [name]).get(name)
        if html is None:
            html = str(self.nodelist.render(context))
            page_cache.set_fragments(request, {name: html})
        return html
