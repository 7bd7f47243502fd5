"""One page of the catalogue or the library: its cards, the count and the page links.

A card is rendered once and kept in the cache under the page cache's version
(cms/page_cache.py), so it is thrown away with every stored page the moment
anything on it changes. The catalogue has a stored page for each filter
combination and results page; a card is on many of them, and a visit to one
not yet stored (another filter, an address with a tracking parameter, the
second page) reuses the cards the others rendered. The filter form is kept the
same way, for each set of values it shows. Cards and the filter form hold
nothing about the visitor.

Without the page cache (PORTAL_PAGE_CACHE_SECONDS = 0, or no shared cache)
nothing is kept, and every card is rendered afresh.

The ids, titles and the count come from one query (a window count beside the
page's rows); only cards not in the cache are loaded as pages and rendered.
"""

import hashlib
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from . import page_cache

PAGE_SIZE = 20
# Page numbers above this take Paginator's own path (a count first), never an OFFSET.
MAX_PAGE = 10_000


@dataclass
class Card:
    """One result: its page's id and title, and the card's HTML."""

    pk: int
    title: str
    html: str = ""


def listing(request, pages, form, *, card_template, card_name, load):
    """The context for one page of `pages` (a filtered queryset) shown as cards.

    `card_template` renders one page, known in it as `card_name`; `load` takes
    a queryset of the pages whose cards are not in the cache and returns it
    with whatever those cards show fetched alongside.
    """
    results = _results_page(request, pages)
    form_name = ("filter-form", _form_digest(form))
    card_names = {card.pk: ("card", card_template, card.pk) for card in results}
    found = page_cache.get_fragments(request, [form_name, *card_names.values()])

    rendered = {}
    missing = [pk for pk, name in card_names.items() if name not in found]
    if missing:
        template = get_template(card_template)
        for page in load(pages.model.objects.filter(pk__in=missing)):
            rendered[card_names[page.pk]] = template.render({card_name: page, "request": request})
    if form_name not in found:
        rendered[form_name] = str(form)
    page_cache.set_fragments(request, rendered)
    found.update(rendered)
    # A page unpublished between the two queries has no card: it is left out.
    results.object_list = [
        Card(card.pk, card.title, mark_safe(found[card_names[card.pk]]))  # noqa: S308 (its template's HTML)
        for card in results
        if card_names[card.pk] in found
    ]

    query = request.GET.copy()
    query.pop("page", None)
    paginator = results.paginator
    return {
        "form": form,
        "form_html": mark_safe(found[form_name]),  # noqa: S308 (the form's own HTML)
        "results": results,
        "result_count": paginator.count,
        "filter_query": query.urlencode(),
        "page_range": paginator.get_elided_page_range(results.number, on_each_side=2, on_ends=1)
        if paginator.num_pages > 1
        else [],
    }


def _results_page(request, pages):
    """The requested page of results as Cards (ids and titles), as Paginator.get_page
    would choose it.

    The usual case, no page number or one within range, costs one query: the
    rows come with the total beside them. A number past the end or below 1
    falls back to Paginator's own count and slice.
    """
    paginator = Paginator(pages, PAGE_SIZE)
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1  # as Paginator.get_page
    if 1 <= number <= MAX_PAGE:
        bottom = (number - 1) * PAGE_SIZE
        rows = list(
            pages.annotate(total_found=Window(Count("pk"))).values_list(
                "pk", "title", "total_found"
            )[bottom : bottom + PAGE_SIZE]
        )
        if rows or number == 1:
            paginator.count = rows[0][2] if rows else 0
            return Page([Card(pk, title) for pk, title, _total in rows], number, paginator)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = [
        Card(pk, title) for pk, title in page.object_list.values_list("pk", "title")
    ]
    return page


def _form_digest(form):
    """What the filter form shows: its class and the values given for its fields.

    A filter form is bound to any query string, but with none of its own fields
    given it shows what the unbound form shows (filters have no initial values
    and none is required), so `?page=2` or a tracking parameter share its entry.
    """
    given = sorted((name, form.data.getlist(name)) for name in form.fields if name in form.data)
    return hashlib.sha256(f"{type(form).__name__}:{given}".encode()).hexdigest()
