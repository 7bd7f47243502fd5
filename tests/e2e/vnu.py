"""The W3C Nu HTML Checker (vnu-jar from npm, run with Debian's Java).

`make test` installs both: vnu-jar is a devDependency in package.json and
scripts/system-deps installs default-jre-headless. Where either is missing the
checks are skipped with the reason, never under CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_reason():
    if not VNU.exists():
        return "vnu-jar is not installed; run `npm ci`"
    if not shutil.which("java"):
        return (
            "Java is not installed, so the W3C Nu HTML Checker cannot run; "
            "`make test` as root installs it (scripts/system-deps: default-jre-headless)"
        )
    return None


def require_vnu():
    reason = missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"The HTML checker must run under CI: {reason}")
        pytest.skip(reason)


def html_errors(pages, folder):
    """Markup errors in each page, as {address: ["line N: message", ...]}, checked in
    one run of the checker (starting Java once costs more than checking a page).

    `pages` maps an address to the HTML the server sent for it.
    """
    files = {}
    for number, (address, html) in enumerate(pages.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = address
    result = subprocess.run(  # noqa: S603 (fixed arguments: Debian's java and the npm jar)
        [
            shutil.which("java"),
            "-Xss4m",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            *[str(folder / name) for name in files],
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        url = message.get("url", "")
        address = files.get(Path(url).name, url)
        errors.setdefault(address, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
        )
    return errors
