"""Search over sessions, resources and courses, with the catalogue's filters."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .filters import SearchForm, filter_courses, filter_resources, filter_sessions
from .models import ResourcePage, SessionPage, TrainingCoursePage

MAX_RESULTS = 50


def _ranked(model, query, narrowed):
    """Pages of `model` matching `query` (Wagtail search), narrowed by the filters, best first.

    Wagtail's search ranks; the ORM applies the same filters as the catalogue,
    so search and catalogue can never disagree about what a filter means.
    """
    ranked_ids = [page.pk for page in model.objects.live().search(query)[:MAX_RESULTS]]
    pages = {page.pk: page for page in narrowed(model.objects.filter(pk__in=ranked_ids))}
    return [pages[pk] for pk in ranked_ids if pk in pages]


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    query = form.value("q").strip()
    key_stage, format_, age = form.value("key_stage"), form.value("format"), form.value("age")
    groups = []
    if query:
        # A filter that does not describe a kind of page leaves that kind out:
        # a key stage or format means sessions; an age or audience means resources.
        if not age:
            groups.append(
                (
                    "Sessions",
                    _ranked(
                        SessionPage,
                        query,
                        lambda qs: filter_sessions(qs, form).select_related("partner"),
                    ),
                )
            )
        if not (key_stage or format_):
            groups.append(
                ("Resources", _ranked(ResourcePage, query, lambda qs: filter_resources(qs, form)))
            )
        if not (key_stage or format_ or age):
            groups.append(
                (
                    "Training courses",
                    _ranked(TrainingCoursePage, query, lambda qs: filter_courses(qs, form)),
                )
            )
    return render(
        request,
        "cms/search.html",
        {
            "form": form,
            "query": query,
            "groups": groups,
            "result_count": sum(len(pages) for _name, pages in groups),
        },
    )
