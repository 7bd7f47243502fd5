"""PDFs with WeasyPrint: the URL fetcher it may use, and one font set-up per process.

WeasyPrint loads images and stylesheets through a URL fetcher. Ours allows only
this project's own static and media files (and data: URIs) and refuses anything
else, so text typed by a person can never make the server fetch an address.

One FontConfiguration is kept for the whole process: reusing it makes each
certificate several times faster and keeps memory flat in a long-running worker
(a fresh one per document grows memory with every document).
"""

import functools
import logging
import mimetypes
import posixpath
import ssl
import threading
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import get_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Each step of every document is logged at INFO: too chatty for a worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Archival (PDF/A-3) at level A: tagged for screen readers, text in Unicode.
PDF_VARIANT = "pdf/a-3a"

_font_config = None
_font_config_lock = threading.Lock()
_render_lock = threading.Lock()


def font_config():
    global _font_config
    with _font_config_lock:
        if _font_config is None:
            _font_config = FontConfiguration()
        return _font_config


_NO_CONNECTIONS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class RefusedURL(ValueError):
    pass


class ProjectFilesFetcher(URLFetcher):
    """Serves `<base>/static/...` and `<base>/media/...` from the project's own files."""

    def __init__(self, base_url=None):
        # Never used to connect (other hosts are refused before any request), but
        # WeasyPrint would otherwise load the system's certificates for every
        # document, a third of a bare document's time.
        super().__init__(
            allowed_protocols=("data", "http", "https", "file"), ssl_context=_NO_CONNECTIONS
        )
        self.base_url = (base_url or project_base_url()).rstrip("/")

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._file(Path(unquote(urlsplit(url).path)))
        if url.startswith(self.base_url + "/"):
            path = unquote(urlsplit(url).path)
            return self._site_path(path, url)
        raise RefusedURL(f"Refused to load {url}: only the portal's own files are allowed.")

    def _site_path(self, path, url):
        clean = posixpath.normpath(path)
        if clean != path.rstrip("/") or ".." in clean.split("/"):
            raise RefusedURL(f"Refused to load {url}.")
        if clean.startswith(settings.STATIC_URL):
            name = clean.removeprefix(settings.STATIC_URL)
            found = finders.find(name)
            if not found and settings.STATIC_ROOT:
                candidate = Path(settings.STATIC_ROOT) / name
                found = str(candidate) if candidate.is_file() else None
            if not found:
                raise RefusedURL(f"No static file {name}.")
            return self._respond(url, Path(found).read_bytes(), name)
        if clean.startswith(settings.MEDIA_URL):
            name = clean.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name) as f:  # refuses names outside the storage
                return self._respond(url, f.read(), name)
        raise RefusedURL(f"Refused to load {url}: not a static or media file.")

    def _file(self, path):
        resolved = path.resolve()
        roots = [Path(settings.MEDIA_ROOT), *map(Path, settings.STATICFILES_DIRS)]
        if settings.STATIC_ROOT:
            roots.append(Path(settings.STATIC_ROOT))
        if not any(resolved.is_relative_to(root.resolve()) for root in roots):
            raise RefusedURL(f"Refused to load {path}: outside the static and media folders.")
        return self._respond(resolved.as_uri(), resolved.read_bytes(), resolved.name)

    @staticmethod
    def _respond(url, body, name):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def project_base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@functools.cache
def stylesheet(template_name):
    """A stylesheet from the templates folder, parsed once per process."""
    source = get_template(template_name).template.source
    return CSS(string=source, font_config=font_config(), url_fetcher=ProjectFilesFetcher())


def render_pdf(html, *, stylesheets=(), variant=PDF_VARIANT):
    """PDF bytes for an HTML string (already escaped by the template engine).

    `stylesheets` are template names of CSS files, parsed once and reused.
    """
    document = HTML(
        string=html, base_url=project_base_url() + "/", url_fetcher=ProjectFilesFetcher()
    )
    sheets = [stylesheet(name) for name in stylesheets]
    # WeasyPrint is not safe to run in two threads at once with one font configuration.
    with _render_lock, warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for every PDF/A document and leaves
        # the file to be closed by the garbage collector (harmless, but a warning).
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
        return document.write_pdf(
            font_config=font_config(), stylesheets=sheets, pdf_variant=variant
        )
