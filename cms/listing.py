"""One page of the catalogue or the library: its cards, the count and the page links.

Parts of it are kept in the cache under the page cache's version
(cms/page_cache.py), so they are thrown away with every stored page the moment
any content changes:

- each card, rendered once: a card is on many pages (every filter combination
  and results page it appears in);
- the filter form, for each set of values it shows;
- each page of results (ids, titles, the count, the cards and the form), for
  each filter combination and page number.

So a page not yet stored (an address with a tracking parameter, a filter
combination seen before at another address) is put together from kept parts
without a query of its own, and a new filter combination or results page only
renders the cards no other page has shown. Nothing kept holds anything about
the visitor.

Without the page cache (PORTAL_PAGE_CACHE_SECONDS = 0, or no shared cache)
nothing is kept and every card is rendered afresh. The ids, titles and count
then come from one query (a window count beside the page's rows), and only the
pages whose cards are rendered are loaded.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

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


def listing(request, form, pages, *, key, card_template, card_name, load):
    """The context for one page of results shown as cards, with their filter form.

    `pages()` returns the filtered queryset; it is called only when this page
    of results is not kept. `key` tells this list from another (the index
    page's id). `card_template` renders one page, known in it as `card_name`;
    `load` takes a queryset of the pages whose cards are not kept and returns it
    with whatever those cards show fetched alongside.
    """
    form_digest = _form_digest(form)
    results_name = ("results", key, _digest(form_digest, request.GET.get("page", "")))
    kept = page_cache.get_fragments(request, [results_name]).get(results_name)
    if kept is None:
        results, form_html = _render(
            request, form, form_digest, pages(), card_template, card_name, load
        )
        cards = [(card.pk, card.title, card.html) for card in results]
        kept = (results.number, results.paginator.count, cards, form_html)
        page_cache.set_fragments(request, {results_name: kept})
    number, count, cards, form_html = kept
    if form.is_bound and not form.is_valid():
        # Values no filter has (an unknown topic): explained on the page, which
        # is not stored, since such addresses have no end.
        page_cache.never_store(request)

    paginator = Paginator((), PAGE_SIZE)
    paginator.count = count
    # Each card's HTML and the form's come from their templates.
    cards = [Card(pk, title, mark_safe(html)) for pk, title, html in cards]  # noqa: S308
    return {
        "form": form,
        "form_html": mark_safe(form_html),  # noqa: S308
        "results": Page(cards, number, paginator),
        "result_count": count,
        # The page links keep the filters and nothing else from the address
        # (a stored page is shared by addresses with other parameters).
        "filter_query": urlencode(
            [(name, form.data.getlist(name)) for name in form.fields if name in form.data],
            doseq=True,
        ),
        "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        if paginator.num_pages > 1
        else [],
    }


def _render(request, form, form_digest, pages, card_template, card_name, load):
    """This page of results with each card's HTML, and the form's HTML, from the
    kept cards and form where there are some."""
    results = _results_page(request, pages)
    form_name = ("filter-form", form_digest)
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
        Card(card.pk, card.title, str(found[card_names[card.pk]]))
        for card in results
        if card_names[card.pk] in found
    ]
    return results, str(found[form_name])


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
    return _digest(type(form).__name__, given)


def _digest(*parts):
    """A short key part for values of any length from the query string."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class CardListingMixin:
    """An index page that lists its live children as cards, filtered by a form of
    GET parameters (the catalogue and the library): one page of results from
    `listing`, in the page's context.

    A page sets `filter_form_class` (a cms.filters.FilterForm), the card's
    template and the name a page has in it, and, where cards show related
    records, `load_cards` to fetch them alongside.
    """

    filter_form_class = None
    card_template = ""
    card_name = ""

    def listed_pages(self):
        """This index's live children (of its one subpage type), by title."""
        model = self.allowed_subpage_models()[0]
        return model.objects.child_of(self).live().order_by("title")

    def load_cards(self, pages):
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = self.filter_form_class(request.GET or None)
        context.update(
            listing(
                request,
                form,
                lambda: form.filter_pages(self.listed_pages()),
                key=self.pk,
                card_template=self.card_template,
                card_name=self.card_name,
                load=self.load_cards,
            )
        )
        return context
