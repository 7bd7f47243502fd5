"""The class-code poster: the code screen as one A4 page a teacher can print, with a
QR code that opens the survey; only for the delivery's presenters and coordinators."""

import io
import shutil
import subprocess
from datetime import timedelta

import pypdf
import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests import factories
from tests.factories import feedback as fb
from training.services import feedback as services

pytestmark = pytest.mark.django_db

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"


@pytest.fixture
def delivery():
    return fb.delivered(start=timezone.now() - timedelta(hours=1))


def poster(client, delivery):
    return client.get(reverse("training:feedback_code_poster", args=[delivery.pk]))


def test_the_poster_is_one_a4_page_with_the_code_and_where_to_type_it(client, delivery):
    client.force_login(delivery.presenters.get())
    response = poster(client, delivery)
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )
    text = " ".join(reader.pages[0].extract_text().split())
    code = services.feedback_code_for(delivery).code
    assert code in text
    assert "http://testserver/feedback/" in text
    assert "Tell us what you thought" in text
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.skipif(not shutil.which(PDFTOPPM), reason="poppler-utils (pdftoppm) is not installed")
def test_the_posters_qr_code_opens_the_survey(client, delivery, tmp_path):
    client.force_login(delivery.presenters.get())
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(poster(client, delivery).content)
    subprocess.run(  # noqa: S603 (fixed arguments, poppler from Debian)
        [PDFTOPPM, "-r", "100", "-png", "-singlefile", pdf, tmp_path / "page"], check=True
    )
    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    code = services.feedback_code_for(delivery).code
    assert [r.text for r in results] == [f"http://testserver/feedback/{code}/"]


def test_only_the_deliverys_presenters_and_coordinators_get_the_poster(client, delivery):
    client.force_login(factories.presenter())
    assert poster(client, delivery).status_code == 403
    client.force_login(factories.coordinator())
    assert poster(client, delivery).status_code == 200


def test_the_code_page_offers_the_poster(client, delivery):
    client.force_login(delivery.presenters.get())
    page = client.get(reverse("training:show_feedback_code", args=[delivery.pk])).text
    assert reverse("training:feedback_code_poster", args=[delivery.pk]) in page
