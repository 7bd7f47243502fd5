"""The certificate PDF: what it says, its QR code, accessibility and archival
settings, and the URL fetcher that keeps WeasyPrint to the project's own files."""

import io
import shutil
import subprocess

import pypdf
import pytest
import zxingcpp
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tests.factories import certificates as cf
from tests.factories import cms as cms_factories
from tests.factories import core
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training import pdf
from training.services.certificates import issuing, printing

pytestmark = pytest.mark.django_db
PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"


@pytest.fixture
def certificate(coordinator):
    trainer = core.presenter(first_name="Sarah", last_name="O'Connell")
    course = cms_factories.course_page(title="Keeping children safe in education", cpd_hours=6)
    event = tf.event(course=course, trainers=[trainer])
    holder = core.school_staff(first_name="Amélie", last_name="Okafor-Jones")
    return issuing.issue_certificate(cf.attendee(event_=event, user=holder), by=coordinator)


def read_pdf(certificate):
    with certificate.pdf.open("rb") as f:
        return pypdf.PdfReader(io.BytesIO(f.read()))


def page_image(certificate, tmp_path, dpi=150):
    """The page as poppler draws it (an independent renderer, as a phone camera sees it)."""
    source = tmp_path / "certificate.pdf"
    with certificate.pdf.open("rb") as f:
        source.write_bytes(f.read())
    subprocess.run(  # noqa: S603 (fixed arguments, poppler from Debian)
        [PDFTOPPM, "-png", "-r", str(dpi), "-singlefile", source, tmp_path / "page"], check=True
    )
    with Image.open(tmp_path / "page.png") as image:
        return image.copy()


def test_pdf_says_holder_course_date_hours_trainer_number_and_code(certificate):
    text = read_pdf(certificate).pages[0].extract_text()
    assert "Amélie Okafor-Jones" in text
    assert "Keeping children safe in education" in text
    assert certificate.held_on.strftime("%-d %B %Y") in text
    assert "CPD hours 6" in text
    assert "Sarah O'Connell" in text
    assert certificate.number in text
    assert certificate.display_code in text


def test_pdf_is_one_a4_landscape_page(certificate):
    reader = read_pdf(certificate)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        297,
        210,
    )


def test_qr_code_decodes_to_the_verification_address(certificate, tmp_path):
    results = zxingcpp.read_barcodes(page_image(certificate, tmp_path))
    assert [r.text for r in results] == [
        f"http://testserver/certificates/verify/{certificate.code}/"
    ]


def test_pdf_is_tagged_titled_in_english_and_archival(certificate):
    reader = read_pdf(certificate)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert certificate.number in reader.metadata.title
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="A"' in xmp
    assert "/OutputIntents" in root


def test_school_certificate_says_school_session_date_and_pupils_reached(coordinator):
    delivery = cf.recorded_delivery(pupils=57)
    certificate = issuing.issue_participation_certificate(delivery, by=coordinator)
    text = read_pdf(certificate).pages[0].extract_text()
    assert delivery.booking.school.name in text
    assert delivery.booking.session.title in text
    assert "Pupils reached 57" in text
    assert "Certificate of participation" in text


def test_text_a_person_typed_is_printed_as_text_never_as_markup(coordinator):
    holder = core.school_staff(first_name='<img src="http://evil.example/x.png">', last_name="<b>")
    certificate = issuing.issue_certificate(cf.attendee(user=holder), by=coordinator)
    html = printing.certificate_html(certificate)
    assert "&lt;img src=&quot;http://evil.example/x.png&quot;&gt;" in html
    assert '<img src="http://evil.example' not in html
    assert (
        '<img src="http://evil.example/x.png"> <b>' in read_pdf(certificate).pages[0].extract_text()
    )


def test_branding_logo_and_signature_come_from_partnership_settings(coordinator):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.models import Site

    from cms.models import PartnershipSettings

    cms_factories.home_page()

    def image(title, colour):
        buffer = io.BytesIO()
        Image.new("RGB", (300, 100), colour).save(buffer, "PNG")
        return WagtailImage.objects.create(
            title=title, file=ContentFile(buffer.getvalue(), f"{title}.png")
        )

    branding = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    branding.partnership_name = "Northshire Partnership"
    branding.signatory_name = "Dr Priya Shah"
    branding.signatory_role = "Independent scrutineer"
    branding.logo = image("logo", "#12436d")
    branding.signature = image("signature", "#0b0c0c")
    branding.save()

    certificate = issuing.issue_certificate(cf.attendee(), by=coordinator)
    reader = read_pdf(certificate)
    text = reader.pages[0].extract_text()
    assert "NORTHSHIRE PARTNERSHIP" in text.upper()
    assert "Dr Priya Shah" in text and "Independent scrutineer" in text
    images = reader.pages[0].images
    assert len(images) == 2  # logo and signature, loaded through the URL fetcher


# ---------------------------------------------------------------- URL fetcher


@pytest.fixture
def fetcher():
    return pdf.ProjectFilesFetcher(base_url="http://testserver")


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/x.png",
        "https://testserver.evil.example/static/css/main.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://testserver/media/../../../etc/passwd",
        "http://testserver/static/../portal/settings/base.py",
        "http://testserver/admin/",
        "ftp://testserver/static/css/main.css",
    ],
)
def test_fetcher_refuses_anything_but_the_projects_own_files(fetcher, url):
    with pytest.raises(Exception):  # noqa: B017 (any refusal will do)
        fetcher.fetch(url)


def test_fetcher_serves_static_media_and_data_uris(fetcher):
    assert fetcher.fetch("http://testserver/static/css/main.css").read().startswith(b"")
    name = default_storage.save("original_images/dot.png", ContentFile(b"\x89PNG-ish"))
    response = fetcher.fetch(f"http://testserver/media/{name}")
    assert response.read() == b"\x89PNG-ish"
    assert response.content_type == "image/png"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_a_refused_image_does_not_reach_the_network(coordinator, monkeypatch):
    """Even if a template asked for an outside address, nothing is fetched."""
    opened = []
    monkeypatch.setattr(
        "urllib.request.OpenerDirector.open", lambda *a, **k: opened.append(a) or None
    )
    html = '<html lang="en"><title>t</title><img src="http://evil.example/x.png" alt="x"></html>'
    assert pdf.render_pdf(html).startswith(b"%PDF-")
    assert opened == []


def test_one_font_configuration_is_reused_for_every_document():
    assert pdf.font_config() is pdf.font_config()
