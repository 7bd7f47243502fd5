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

import weasyprint  # noqa: E402
from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from cms.models import PartnershipSettings  # noqa: E402
from training import pdf  # noqa: E402
from training.models import Certificate  # noqa: E402
from training.services.certificates.printing import certificate_pdf  # noqa: E402

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


def floor_pdf(c, font_config, url_fetcher=None):
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
    return HTML(string=html, url_fetcher=url_fetcher).write_pdf(font_config=font_config)


def interleaved(items, ours, floor):
    """Render each item with `ours` then with `floor`, alternately, so that whatever
    else the machine is doing slows both alike. Returns CPU milliseconds of each
    (this process only: other processes on a shared machine do not count) and the
    wall-clock milliseconds, per item, and the results."""
    cpu, wall, results = [0.0, 0.0], [0.0, 0.0], [[], []]
    for item in items:
        for i, fn in enumerate((ours, floor)):
            c, w = time.process_time(), time.perf_counter()
            results[i].append(fn(item))
            cpu[i] += time.process_time() - c
            wall[i] += time.perf_counter() - w
    n = len(items)
    return [x * 1000 / n for x in cpu], [x * 1000 / n for x in wall], results


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

    singles = [
        interleaved(
            [one], lambda c: certificate_pdf(c, branding), lambda c: floor_pdf(c, floor_fonts)
        )
        for _ in range(20)
    ]
    single_cpu = [statistics.median(s[0][i] for s in singles) for i in (0, 1)]
    single_wall = [statistics.median(s[1][i] for s in singles) for i in (0, 1)]

    event = list(certificates(ATTENDEES))
    rss_before = rss_mb()
    event_cpu, event_wall, (pdfs, floor_pdfs) = interleaved(
        event, lambda c: certificate_pdf(c, branding), lambda c: floor_pdf(c, floor_fonts)
    )
    rss_after_event = rss_mb()

    # The ZIP: each PDF rendered and added to the archive, as the background task does.
    archives = [io.BytesIO(), io.BytesIO()]
    with (
        zipfile.ZipFile(archives[0], "w", zipfile.ZIP_DEFLATED) as ours_zip,
        zipfile.ZipFile(archives[1], "w", zipfile.ZIP_DEFLATED) as floor_zip,
    ):
        zip_cpu, zip_wall, _ = interleaved(
            event,
            lambda c: ours_zip.writestr(c.filename, certificate_pdf(c, branding)),
            lambda c: floor_zip.writestr(c.filename, floor_pdf(c, floor_fonts)),
        )
    buffer = archives[0]

    # The floor again without WeasyPrint's default URL fetcher, which loads the
    # system's CA certificates for every document: how much of the floor that is.
    started = time.process_time()
    for c in event[:20]:
        floor_pdf(c, floor_fonts, url_fetcher=pdf.ProjectFilesFetcher())
    per_lean_floor = (time.process_time() - started) * 1000 / 20

    # What reusing the FontConfiguration saves: 20 documents with a fresh one each.
    started = time.process_time()
    for c in event[:20]:
        floor_pdf(c, FontConfiguration())
    per_fresh = (time.process_time() - started) * 1000 / 20

    print(
        f"Machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}"
    )
    print(f"{'':36}{'CPU ms':>8}{'floor':>8}{'ratio':>7}{'wall ms':>9}{'floor':>8}")
    rows = [
        ("one certificate (median of 20)", single_cpu, single_wall),
        (f"{ATTENDEES}-attendee event, separate PDFs", event_cpu, event_wall),
        (f"{ATTENDEES}-attendee event, one ZIP", zip_cpu, zip_wall),
    ]
    for label, (c, cf), (w, wf) in rows:
        print(f"{label:36}{c:8.1f}{cf:8.1f}{c / cf:7.2f}{w:9.1f}{wf:8.1f}")
    print(
        f"floor without the default fetcher's CA loading: {per_lean_floor:.1f} CPU ms each "
        f"(certificate / that: {event_cpu[0] / per_lean_floor:.2f})"
    )
    print(f"floor with a fresh FontConfiguration per document: {per_fresh:.1f} CPU ms each")
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
