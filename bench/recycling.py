"""Does gunicorn drop requests while it recycles workers? Run by hand, against the
production layout (gunicorn, PostgreSQL, Redis):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/faults REDIS_URL=redis://127.0.0.1:6379/14 \\
      .venv/bin/python bench/recycling.py [--config deploy/gunicorn.conf.py] [--seconds 60]

Creates the database `<name>_bench` beside the one named (dropped afterwards) and
uses the Redis database named, which must be empty (emptied afterwards). Loads
the demo, serves it with gunicorn exactly as the given configuration says
(workers, preload, max_requests: nothing overridden but the address), and runs
wrk for --seconds (default 60) at --connections (default 16) over the public
pages in turn (home, catalogue, a session, library, a resource, help) after a
short warm-up. Prints requests per second, p50/p99/p99.9 and the slowest
request, errors (socket errors and non-2xx/3xx answers), and how many workers
gunicorn recycled and booted during the measured run.

To compare configurations, run it once with the configuration of an earlier
commit (`git show REV:deploy/gunicorn.conf.py > /tmp/before.conf.py`) and once
with the current one. It stops by itself: wrk runs for the time given, and
gunicorn, the database and the Redis database are cleaned up in any case.
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import pages  # noqa: E402  (bench/pages.py: building the site, parsing wrk)

WRK_PAGES = """
paths = {%s}
n = 0
request = function()
  n = n + 1
  return wrk.format(nil, paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("p999 %%d\\nmax %%d\\n", latency:percentile(99.9), latency.max))
end
"""


def prepare(work):
    url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not url.startswith("postgres") or not redis_url:
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: see the docstring.")
    import psycopg
    import redis

    if redis.Redis.from_url(redis_url).dbsize():
        raise SystemExit(f"The Redis database {redis_url} is not empty: choose another.")
    name = f"{urlsplit(url).path.lstrip('/') or 'postgres'}_bench"
    with psycopg.connect(pages._with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    bench_url = pages._with_database(url, name)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "SECRET_KEY": secrets.token_hex(32),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "DATABASE_URL": bench_url,
        }
    )
    return bench_url, redis_url


def start_gunicorn(work, config, port):
    log = open(work / "gunicorn.log", "a")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [str(pages.VENV_BIN / "gunicorn"), "-c", str(config), "--bind", f"127.0.0.1:{port}"]
        + ["portal.wsgi"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return pages.wait_until_serving(process, port, work / "gunicorn.log", seconds=90)


def run_wrk(script, port, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["--latency", "-s", str(script), f"http://127.0.0.1:{port}/"]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    measured = pages.parse_wrk(output)
    measured["p999"] = int(re.search(r"^p999 (\d+)$", output, re.M).group(1)) / 1000
    measured["max"] = int(re.search(r"^max (\d+)$", output, re.M).group(1)) / 1000
    return measured


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / "deploy" / "gunicorn.conf.py"))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8302)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `scripts/system-deps bench` as root.")

    work = Path(tempfile.mkdtemp(prefix="recycling-bench-"))
    bench_url = redis_url = None
    try:
        bench_url, redis_url = prepare(work)
        site = [path for name, path in pages.build_site() if name != "floor"]
        print(pages.machine())
        script = work / "pages.lua"
        script.write_text(WRK_PAGES % ", ".join(f'"{path}"' for path in site))
        gunicorn = start_gunicorn(work, args.config, args.port)
        try:
            run_wrk(script, args.port, 5, args.connections)  # warm-up
            before = (work / "gunicorn.log").read_text()
            print(f"Load average at the start (1, 5, 15 min): {os.getloadavg()}", flush=True)
            result = run_wrk(script, args.port, args.seconds, args.connections)
            print(f"Load average at the end (1, 5, 15 min): {os.getloadavg()}")
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        log = (work / "gunicorn.log").read_text()
        recycled = log.count("Autorestarting worker") - before.count("Autorestarting worker")
        booted = log.count("Booting worker") - before.count("Booting worker")
        print(f"\nconfig: {args.config}")
        print(
            "| rps | p50 ms | p99 ms | p99.9 ms | slowest ms | errors | requests "
            "| workers recycled | workers booted |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
            f"| {result['p999']:.1f} | {result['max']:.1f} | {result['errors']} "
            f"| {result['requests']} | {recycled} | {booted} |"
        )
    finally:
        if bench_url:
            pages.drop_postgres_database(bench_url)
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url).flushdb()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
