"""The demo's pages: home, help and standard pages, the catalogue, the library and
courses, each found by its slug and only created when missing."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale, Page, Site

from ..choices import FORMAT_AUDIENCE
from ..models import (
    HelpPage,
    HomePage,
    PartnerOrganisation,
    PartnershipSettings,
    ResourceIndexPage,
    ResourcePage,
    SessionIndexPage,
    SessionPage,
    SessionPageResource,
    StandardPage,
    Topic,
    TrainingCoursePage,
    TrainingIndexPage,
)
from .content import COURSES, PARTNERS, RESOURCES, SESSIONS, TOPICS

HELP_INTRO = (
    "<p>If something is worrying you, you do not have to deal with it on your own. "
    "Here are people you can talk to. It is always OK to ask for help.</p>"
)

PAGES = {
    "about": (
        "About the partnership",
        "<p>The partnership brings together the county council, the police, the NHS, youth "
        "services and local charities to keep children safe. Our officers and practitioners "
        "visit schools to talk about staying safe online, knife crime, exploitation and "
        "healthy relationships, and train school staff.</p>",
    ),
}


def ensure_page_tree():
    """The locale, root page and root collection Wagtail's migrations make (a flushed
    test database has none; without the collection nobody can upload)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def seed_pages():
    ensure_page_tree()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's install leaves a placeholder "Welcome" page as the site root.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title="Keeping children safe: sessions and training for schools",
                slug="home",
                intro="<p>Book online-safety, knife-crime and exploitation sessions from police "
                "schools officers and partner practitioners, train your staff, and see what "
                "pupils say.</p>",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "root_page": home,
                "site_name": "Safeguarding Partnership Portal",
            },
        )
    for slug, (title, body) in PAGES.items():
        if not home.get_children().filter(slug=slug).exists():
            _publish(home, StandardPage(title=title, slug=slug, body=body))
    # The privacy notice and accessibility statement are built by the portal
    # (portal/legal.py); an older demo's pages at those addresses would hide behind them.
    for slug in LEGAL_SLUGS:
        for page in home.get_children().filter(slug=slug).type(StandardPage):
            page.delete()
    ensure_help_page(home)
    seed_settings()
    return home


LEGAL_SLUGS = ["privacy", "accessibility", "cookies"]


def seed_settings():
    """The partnership's contacts and the data controller, for the legal pages."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    branding = PartnershipSettings.for_site(site)
    if branding.controller_name:
        return
    branding.controller_name = "Westshire County Council"
    branding.controller_address = "County Hall\nMarket Street\nWestbury\nWS1 1AA"
    branding.contact_email = branding.contact_email or "partnership@westshire.example"
    branding.data_protection_email = "dataprotection@westshire.example"
    branding.ico_registration = "Z1234567"
    branding.accessibility_checked_on = datetime.date(2026, 11, 16)
    branding.save()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_help_page(home):
    """/help/ is a HelpPage; an older demo's StandardPage at that slug is replaced."""
    existing = home.get_children().filter(slug="help").first()
    if existing is not None and existing.specific_class is HelpPage:
        return existing.specific
    if existing is not None:
        existing.delete()
    return _publish(home, HelpPage(title="Get help now", slug="help", intro=HELP_INTRO))


def _index(home, model, slug, title, intro):
    index = model.objects.child_of(home).first()
    if index is None:
        index = _publish(home, model(title=title, slug=slug, intro=intro))
    return index


def _review_date(overdue):
    today = timezone.localdate()
    return today - datetime.timedelta(days=21) if overdue else today + datetime.timedelta(days=300)


def _demo_pdf(title, filename):
    """A small real PDF so the demo's document links open."""
    # Imported here, not at the top: WeasyPrint is slow to load and only the demo needs it here.
    from weasyprint import HTML

    html = (
        f"<h1>{title}</h1><p>Westshire Safeguarding Children Partnership.</p>"
        "<p>Printed copies may be out of date: check the portal for the latest version.</p>"
    )
    return ContentFile(HTML(string=html).write_pdf(), name=filename)


def _document(title, filename):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file = _demo_pdf(title, filename)
        document.file_size = document.file.size
        document.save()
    return document


def _body(blocks):
    data = []
    for kind, value in blocks:
        data.append({"type": kind, "value": value})
    return data


def seed_catalogue(home):
    """Topics, partners, the library, the catalogue and the courses."""
    topics = {}
    for slug, name, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    partners = {}
    for name, kind, website in PARTNERS:
        partners[name], _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "website": website}
        )
    library = seed_library(home, topics, partners)
    seed_sessions(home, topics, partners, library)
    seed_courses(home, topics)


def _missing(parent, model, specs):
    """Copies of the specs whose page `parent` does not have yet (found by slug)."""
    existing = set(model.objects.child_of(parent).values_list("slug", flat=True))
    return [dict(spec) for spec in specs if spec["slug"] not in existing]


def _publish_tagged(parent, page, topics):
    parent.add_child(instance=page)
    page.topics.set(topics)
    page.save_revision().publish()


def seed_library(home, topics, partners):
    library = _index(
        home,
        ResourceIndexPage,
        "resources",
        "Resources",
        "<p>Leaflets, videos, quizzes and lesson plans about staying safe, for pupils, "
        "parents and carers, and school staff.</p>",
    )
    for spec in _missing(library, ResourcePage, RESOURCES):
        body = spec.pop("body")
        document = spec.pop("document", None)
        if document:
            doc = _document(*document)
            body = [*body, ("document", {"document": doc.pk, "description": "PDF to print"})]
        topic_slugs = spec.pop("topics")
        overdue = spec.pop("review_overdue", False)
        page = ResourcePage(
            **{**spec, "partner": partners[spec["partner"]]},
            body=_body(body),
            next_review_due=_review_date(overdue),
        )
        _publish_tagged(library, page, [topics[t] for t in topic_slugs])
    return library


def seed_sessions(home, topics, partners, library):
    catalogue = _index(
        home,
        SessionIndexPage,
        "sessions",
        "Sessions for schools",
        "<p>Assemblies, classroom workshops, staff training and parent sessions delivered "
        "free to Westshire schools by the police, the NHS, the council and local charities.</p>",
    )
    resources = {page.slug: page for page in ResourcePage.objects.child_of(library)}
    for spec in _missing(catalogue, SessionPage, SESSIONS):
        topic_slugs = spec.pop("topics")
        resource_slugs = spec.pop("resources")
        overdue = spec.pop("review_overdue", False)
        audience = FORMAT_AUDIENCE.get(spec["format"], SessionPage.Audience.PUPILS)
        page = SessionPage(
            **{**spec, "partner": partners[spec["partner"]], "audience": audience},
            next_review_due=_review_date(overdue),
        )
        page.related_resources = [
            SessionPageResource(resource=resources[slug], sort_order=n)
            for n, slug in enumerate(resource_slugs)
        ]
        _publish_tagged(catalogue, page, [topics[t] for t in topic_slugs])


def seed_courses(home, topics):
    training = _index(
        home,
        TrainingIndexPage,
        "training",
        "Training for school staff",
        "<p>Safeguarding training for designated safeguarding leads, teachers, support staff "
        "and governors, run by the partnership. Every course counts towards CPD.</p>",
    )
    for spec in _missing(training, TrainingCoursePage, COURSES):
        topic_slugs = spec.pop("topics")
        page = TrainingCoursePage(**spec, next_review_due=_review_date(False))
        _publish_tagged(training, page, [topics[t] for t in topic_slugs])
