"""Pages and snippets. Pages are added under the home page's index pages, made on demand."""

import itertools

from wagtail.models import Page, Site

from cms.choices import FORMAT_AUDIENCE
from cms.demo import ensure_page_tree
from cms.models import (
    HelpPage,
    HomePage,
    PartnerOrganisation,
    ResourceIndexPage,
    ResourcePage,
    SessionIndexPage,
    SessionPage,
    Topic,
    TrainingCoursePage,
    TrainingIndexPage,
)

_counter = itertools.count(1)


def home_page():
    home = HomePage.objects.first()
    if home is None:
        ensure_page_tree()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Home", slug=f"home-{next(_counter)}")
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    return home


def _index(model, slug, title):
    index = model.objects.first()
    if index is None:
        index = home_page().add_child(instance=model(title=title, slug=slug))
    return index


def session_index():
    return _index(SessionIndexPage, "sessions", "Sessions")


def training_index():
    return _index(TrainingIndexPage, "training", "Training")


def resource_index():
    return _index(ResourceIndexPage, "resources", "Resources")


def help_page():
    page = HelpPage.objects.first()
    if page is None:
        page = home_page().add_child(instance=HelpPage(title="Get help now", slug="help"))
        page.save_revision().publish()
    return page


def topic(name=None):
    n = next(_counter)
    name = name or f"Topic {n}"
    return Topic.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")[:90] + f"-{n}"}
    )[0]


def partner(name=None, kind=PartnerOrganisation.Kind.POLICE):
    name = name or f"Partner {next(_counter)}"
    return PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def session_page(*, topics=(), publish=True, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Session {n}")
    fields.setdefault("slug", f"session-{n}")
    fields.setdefault("summary", "A session about staying safe.")
    fields.setdefault("format", SessionPage.Format.ASSEMBLY)
    fields.setdefault(
        "audience", FORMAT_AUDIENCE.get(fields["format"], SessionPage.Audience.PUPILS)
    )
    fields.setdefault("min_year", 7)
    fields.setdefault("max_year", 11)
    fields.setdefault("max_audience", 200)
    fields.setdefault("minimum_notice_days", 10)
    page = SessionPage(**fields)
    session_index().add_child(instance=page)
    if topics:
        page.topics.set(topics)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return SessionPage.objects.get(pk=page.pk)


def course_page(*, publish=True, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Course {n}")
    fields.setdefault("slug", f"course-{n}")
    fields.setdefault("summary", "Training for school staff.")
    fields.setdefault("cpd_hours", 3)
    page = TrainingCoursePage(**fields)
    training_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return TrainingCoursePage.objects.get(pk=page.pk)


def resource_page(*, topics=(), publish=True, **fields):
    """A published resource for pupils aged 11 to 13, unless told otherwise."""
    n = next(_counter)
    fields.setdefault("title", f"Resource {n}")
    fields.setdefault("slug", f"resource-{n}")
    fields.setdefault("summary", "What to do if something online worries you.")
    fields.setdefault("audiences", ["11-13"])
    fields.setdefault("resource_type", ResourcePage.Type.LEAFLET)
    page = ResourcePage(**fields)
    resource_index().add_child(instance=page)
    if topics:
        page.topics.set(topics)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return ResourcePage.objects.get(pk=page.pk)
