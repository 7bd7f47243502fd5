"""How fast are the public pages? Run by hand: `make bench`, or

    .venv/bin/python bench/pages.py                    # SQLite in a temporary folder
    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/pages.py

Needs wrk (`scripts/system-deps bench` installs it). Builds its own database (a
SQLite file in a temporary folder, or with DATABASE_URL a new PostgreSQL
database beside the one named, dropped afterwards), migrates, loads the demo
(`seed_demo`), collects the static files, and adds the floor: a bare
`wagtailcore.Page` at /bench-floor/, rendered with Wagtail's own minimal
template through the same middleware, routing and process as every other page.

Then serves it with gunicorn as deployed (deploy/gunicorn.conf.py, base
settings with DEBUG off) with 2 workers on 127.0.0.1:8301 (--port), and runs
wrk against each page after a warm-up, once for each page cache mode (--modes):

- cold: the page cache off (PAGE_CACHE_SECONDS=0). Every page, and every part
  of a page kept beside the stored pages (cms/listing.py), is rendered afresh:
  what the first visitor after a publish pays.
- miss: the page cache on, every request to an address not yet stored (wrk
  adds a parameter never used before, as a tracking link does). Parts kept by
  earlier requests are reused: for the catalogue and library, the page of
  results for the same filters and page number (cms/listing.py). Stored pages
  live 10 seconds here, so the run does not fill the cache with pages nobody
  asks for again.
- hit: the page cache on as deployed with REDIS_URL (600 seconds): repeat
  visits, served from the cache.

For each mode it prints requests per second, p50 and p99 latency, errors
(socket errors and non-2xx/3xx answers) and the ratio to the floor (floor rps /
page rps; the aim is 1.5 or less), the workers' CPU time per request (steadier
than rps when other work shares the machine) and its ratio to the floor's, and
the SQL queries each page makes for a first and a second anonymous visit
(Django's test client; in miss mode the second is to a new address). Two differences from production, both
stated: plain HTTP on loopback (no TLS redirect or HSTS), and workers are not
recycled during the run.

The floor is not a cached page type: it is rendered every time in every mode.
Without REDIS_URL each worker keeps its own cache (a local memory cache),
which is enough for the measurement.
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
PORT = 8301
# PAGE_CACHE_SECONDS for each mode; see the docstring.
MODES = {"cold": "0", "miss": "10", "hit": "600"}
MODE_TITLES = {
    "cold": "cold: page cache off, every page and part rendered afresh",
    "miss": "miss: page cache on, every request to a new address",
    "hit": "hit: page cache on, repeat visits",
}
WRK_NEW_ADDRESS = """
init = function(args) run = args[1] end
n = 0
request = function()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "utm_id=" .. run .. "-" .. n)
end
"""
FLOOR_SLUG = "bench-floor"


def prepare_environment(work):
    """Environment for this process and gunicorn: base settings as in production."""
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
    }
    created = None
    if url := os.environ.get("DATABASE_URL"):
        created = create_postgres_database(url)
        env["DATABASE_URL"] = created
    else:
        env["SQLITE_PATH"] = str(work / "db.sqlite3")
    os.environ.update(env)
    return created


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_postgres_database(url):
    import psycopg

    name = f"{urlsplit(url).path.lstrip('/') or 'postgres'}_pages_bench"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_database(url, name)


def drop_postgres_database(bench_url):
    import psycopg

    name = urlsplit(bench_url).path.lstrip("/")
    with psycopg.connect(_with_database(bench_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_site():
    """Migrate, seed the demo, add the floor page; return [(name, path)]."""
    import django
    from django.core.management import call_command

    django.setup()
    from wagtail.models import Page

    from cms.models import HomePage, ResourcePage, SessionPage

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--demo-site", stdout=quiet)
        call_command("collectstatic", interactive=False, verbosity=0)
    home = HomePage.objects.get()
    if not home.get_children().filter(slug=FLOOR_SLUG).exists():
        home.add_child(instance=Page(title="Floor", slug=FLOOR_SLUG))
    session = SessionPage.objects.live().order_by("title").first()
    resource = ResourcePage.objects.live().order_by("title").first()
    return [
        ("floor", f"/{FLOOR_SLUG}/"),
        ("home", "/"),
        ("catalogue", "/sessions/"),
        ("session", session.url),
        ("library", "/resources/"),
        ("resource", resource.url),
        ("help", "/help/"),
    ]


def count_queries(pages, mode):
    """Queries for a first and a second anonymous visit to each page, in this process.

    The second visit is to the same address, except in miss mode: to a new one.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from cms import page_cache

    counts = {}
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=int(MODES[mode])):
        page_cache.invalidate()  # entries left in Redis by an earlier run are never served
        for name, path in pages:
            second = f"{path}?utm_id={secrets.token_hex(4)}" if mode == "miss" else path
            visits = []
            for address in (path, second):
                with CaptureQueriesContext(connection) as queries:
                    response = Client().get(address)
                assert response.status_code == 200, (address, response.status_code)
                visits.append(len(queries))
            counts[name] = tuple(visits)
    connection.close()
    return counts


def start_gunicorn(work, mode):
    log = open(work / "gunicorn.log", "a")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--max-requests",
            "0",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, "PAGE_CACHE_SECONDS": MODES[mode]},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return wait_until_serving(process, PORT, work / "gunicorn.log", seconds=60)


def wait_until_serving(process, port, log_path, *, seconds):
    """The started server once /healthz answers; stopped, with its log named, if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {log_path}")


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output):
    def find(pattern, default=None):
        match = re.search(pattern, output)
        return match.groups() if match else default

    socket = find(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
    return {
        "rps": float(find(r"Requests/sec:\s+([\d.]+)")[0]),
        "p50": _ms(find(r"\s50%\s+([\d.]+\w+)")[0]),
        "p99": _ms(find(r"\s99%\s+([\d.]+\w+)")[0]),
        "requests": int(find(r"(\d+) requests in")[0]),
        "errors": sum(int(n) for n in socket or ())
        + int(find(r"Non-2xx or 3xx responses: (\d+)", ("0",))[0]),
    }


def workers_cpu_seconds(master):
    """User and system CPU time of gunicorn's workers: unlike requests per second,
    little moved by other work on a shared machine."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    ticks = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(path, seconds, connections, master, *, script=None):
    url = f"http://127.0.0.1:{PORT}{path}"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script), url, "--", secrets.token_hex(4)]
    else:
        command.append(url)
    cpu_before = workers_cpu_seconds(master)
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    measured = parse_wrk(result.stdout)
    cpu = workers_cpu_seconds(master) - cpu_before
    measured["cpu_ms"] = cpu * 1000 / max(measured["requests"], 1)
    return measured


def print_table(title, pages, results, queries):
    floor = results["floor"]
    print(f"\n{title}\n")
    print(
        "| page | rps | p50 ms | p99 ms | floor rps / rps | CPU ms / request | CPU / floor's "
        "| errors | queries (first, repeat) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, _path in pages:
        r = results[name]
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{floor['rps'] / r['rps']:.2f} | {r['cpu_ms']:.2f} | "
            f"{r['cpu_ms'] / floor['cpu_ms']:.2f} | {r['errors']} | "
            f"{queries[name][0]}, {queries[name][1]} |"
        )


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "?")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if "MemTotal" in line)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"SQLite {connection.Database.sqlite_version}"
    from django.conf import settings

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    connection.close()
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB, "
        f"Python {sys.version.split()[0]}, {database}, cache {cache}"
    )


def measure(work, pages, args, mode):
    gunicorn = start_gunicorn(work, mode)
    script = None
    if mode == "miss":
        script = work / "new_address.lua"
        script.write_text(WRK_NEW_ADDRESS)
    try:
        results = {}
        for name, path in pages:
            wrk(path, args.warmup, args.connections, gunicorn, script=script)
            results[name] = wrk(path, args.seconds, args.connections, gunicorn, script=script)
            print(f"{mode:5} {name:10} {path:45} {results[name]['rps']:8.0f} rps", flush=True)
        return results
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def main():
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per page")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per page")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's port on 127.0.0.1")
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help=f"page cache modes, comma-separated, from {', '.join(MODES)} (see above)",
    )
    args = parser.parse_args()
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown mode: {', '.join(sorted(unknown))}")
    PORT = args.port
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `scripts/system-deps bench` as root.")

    work = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    created = None
    try:
        created = prepare_environment(work)
        pages = build_site()
        print(machine())
        print(f"Load average at the start (1, 5, 15 min): {os.getloadavg()}")
        tables = []
        for mode in modes:
            queries = count_queries(pages, mode)
            tables.append((MODE_TITLES[mode], measure(work, pages, args, mode), queries))
        for title, results, queries in tables:
            print_table(title, pages, results, queries)
        print(f"\nLoad average at the end (1, 5, 15 min): {os.getloadavg()}")
    finally:
        if created:
            drop_postgres_database(created)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
