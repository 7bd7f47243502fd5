"""How fast are certificates? Run by hand: `.venv/bin/python bench/certificates.py`.

Times one certificate, then a 200-attendee event as separate PDFs and as one ZIP,
against the floor: a bare WeasyPrint document of the same size (one A4 landscape
page with the same words, no styling, no QR code, no PDF/A, no tags) rendered in
the same run with the same reused FontConfiguration. Prints milliseconds per
certificate, the ratio to the floor and peak memory. Needs no database: the
certificates are built in memory and rendered by the same code the service uses.
"""

import io
import os
import platform
import resource
import statistics
import sys
import time
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from cms.models import PartnershipSettings  # noqa: E402
from training import pdf  # noqa: E402
from training.models import Certificate  # noqa: E402
from training.services.certificates import certificate_pdf  # noqa: E402

ATTENDEES = 200
FIRST = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Priya", "Mohammed", "Zofia", "Kwame"]
LAST = ["Smith", "Jones", "Okafor", "Nowak", "Patel", "O'Connell", "Williams", "Khan", "Evans"]

FLOOR_HTML = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Certificate {number}</title><style>@page {{ size: A4 landscape; }}</style></head><body>
<p>{issuer}</p><h1>Certificate of attendance</h1><p>This certifies that</p><p>{holder}</p>
<p>attended the training course</p><p>{title}</p><p>Date {date}</p><p>CPD hours {hours}</p>
<p>Trainer {trainer}</p><p>School {school}</p><p>Authorised signatory</p>
<p>Certificate number {number}</p><p>Verification code {code}</p><p>{url}</p></body></html>"""


def certificates(n):
    for i in range(n):
        c = Certificate(
            pk=i + 1,
            number=f"CERT-2026-{i + 1:06d}",
            kind=Certificate.Kind.TRAINING,
            holder_name=f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
            title="Designated safeguarding lead: refresher training",
            held_on=date(2026, 11, 25),
            cpd_hours=Decimal("6"),
            trainer="Sarah O'Connell",
            school_name=f"Westshire Academy {i % 60}",
            issuer="Westshire Safeguarding Children Partnership",
        )
        c.code = f"{i:04d}ABCDEFGHJKMNPQRS"[:20]
        yield c


def floor_pdf(c, font_config):
    html = FLOOR_HTML.format(
        issuer=c.issuer,
        holder=c.holder_name,
        title=c.title,
        date=c.held_on,
        hours=c.cpd_hours,
        trainer=c.trainer,
        school=c.school_name,
        number=c.number,
        code=c.display_code,
        url=c.get_absolute_verify_url(),
    )
    return HTML(string=html).write_pdf(font_config=font_config)


def timed(label, fn, items):
    started = time.perf_counter()
    results = [fn(item) for item in items]
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed / len(items), results


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    branding = PartnershipSettings(
        partnership_name="Westshire Safeguarding Children Partnership",
        signatory_name="Priya Shah",
        signatory_role="Partnership business manager",
    )
    floor_fonts = FontConfiguration()
    one = next(certificates(1))
    # Warm both paths once (font loading, template compilation): a worker is warm.
    certificate_pdf(one, branding)
    floor_pdf(one, floor_fonts)

    singles = []
    for _ in range(20):
        singles.append(timed("one", lambda c: certificate_pdf(c, branding), [one])[0])
    floor_singles = [
        timed("floor", lambda c: floor_pdf(c, floor_fonts), [one])[0] for _ in range(20)
    ]

    event = list(certificates(ATTENDEES))
    rss_before = rss_mb()
    per_cert, pdfs = timed("event", lambda c: certificate_pdf(c, branding), event)
    rss_after_event = rss_mb()
    per_floor, floor_pdfs = timed("floor", lambda c: floor_pdf(c, floor_fonts), event)

    started = time.perf_counter()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for c in event:
            archive.writestr(c.filename, certificate_pdf(c, branding))
    per_zip = (time.perf_counter() - started) * 1000 / ATTENDEES
    started = time.perf_counter()
    floor_buffer = io.BytesIO()
    with zipfile.ZipFile(floor_buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for c in event:
            archive.writestr(c.filename, floor_pdf(c, floor_fonts))
    per_floor_zip = (time.perf_counter() - started) * 1000 / ATTENDEES

    # What reusing the FontConfiguration saves: 20 documents with a fresh one each.
    fresh_started = time.perf_counter()
    for c in event[:20]:
        html = HTML(
            string=FLOOR_HTML.format(
                **dict.fromkeys(
                    [
                        "issuer",
                        "holder",
                        "title",
                        "date",
                        "hours",
                        "trainer",
                        "school",
                        "number",
                        "code",
                        "url",
                    ],
                    c.holder_name,
                )
            )
        )
        html.write_pdf(font_config=FontConfiguration())
    per_fresh = (time.perf_counter() - fresh_started) * 1000 / 20

    median_one, median_floor = statistics.median(singles), statistics.median(floor_singles)
    print(
        f"Machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, WeasyPrint {pdf.HTML.__module__ and __import__('weasyprint').__version__}"
    )
    print(f"{'':38}{'ms each':>9}{'floor ms':>10}{'ratio':>7}")
    print(
        f"{'one certificate (median of 20)':38}{median_one:9.1f}{median_floor:10.1f}{median_one / median_floor:7.2f}"
    )
    print(
        f"{f'{ATTENDEES}-attendee event, separate PDFs':38}{per_cert:9.1f}{per_floor:10.1f}{per_cert / per_floor:7.2f}"
    )
    print(
        f"{f'{ATTENDEES}-attendee event, one ZIP':38}{per_zip:9.1f}{per_floor_zip:10.1f}{per_zip / per_floor_zip:7.2f}"
    )
    print(f"floor with a fresh FontConfiguration per document: {per_fresh:.1f} ms each")
    print(
        f"sizes: certificate {statistics.mean(map(len, pdfs)) / 1024:.0f} KiB, "
        f"floor {statistics.mean(map(len, floor_pdfs)) / 1024:.0f} KiB, "
        f"ZIP of {ATTENDEES} {len(buffer.getvalue()) / 1024 / 1024:.1f} MiB"
    )
    print(
        f"peak memory (max RSS): {rss_mb():.0f} MiB; growth over the {ATTENDEES} certificates: "
        f"{rss_after_event - rss_before:.0f} MiB"
    )


if __name__ == "__main__":
    main()
