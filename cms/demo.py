"""Demo pages: home, help, about, privacy notice and accessibility statement."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage, StandardPage

HELP_BODY = """
<h2>If you are in danger now</h2>
<p>Call <b>999</b> and ask for the police or an ambulance.</p>
<h2>Talk to someone</h2>
<ul>
<li><b>Childline</b>: call 0800 1111, free and private, any time. You can also chat online at childline.org.uk.</li>
<li><b>CEOP</b>: if someone online has made you feel worried or unsafe, you can report it to the police's child protection team at ceop.police.uk.</li>
<li><b>NSPCC helpline</b> for adults worried about a child: 0808 800 5000.</li>
<li>Your school's <b>designated safeguarding lead</b>, or any adult you trust.</li>
</ul>
"""

PAGES = {
    "help": ("Get help now", HELP_BODY),
    "about": (
        "About the partnership",
        "<p>The partnership brings together the county council, the police, the NHS, youth "
        "services and local charities to keep children safe. Our officers and practitioners "
        "visit schools to talk about staying safe online, knife crime, exploitation and "
        "healthy relationships, and train school staff.</p>",
    ),
    "privacy": (
        "Privacy notice",
        "<p>We keep the names and work email addresses of school staff, presenters and "
        "partnership staff so that they can book and deliver sessions. We never collect the "
        "names or any other personal details of pupils: pupil numbers are counts and pupil "
        "feedback is anonymous.</p>",
    ),
    "accessibility": (
        "Accessibility statement",
        "<p>This service is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 "
        "at level AA. Every page works without JavaScript. If you find a problem, please tell "
        "the partnership team.</p>",
    ),
}


def ensure_page_tree():
    """The locale and root page Wagtail's migrations make (a flushed test database has none)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


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
            home.add_child(instance=StandardPage(title=title, slug=slug, body=body))
    return home


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    seed_pages()
    return "pages"
