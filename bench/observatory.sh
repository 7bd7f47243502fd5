#!/usr/bin/env bash
# Scores the portal with the MDN HTTP Observatory scanner, served as in
# production (gunicorn, production settings, HTTPS with a local certificate).
# Run by hand from the repository root after `make setup`: bash bench/observatory.sh
# The scanner's own install step downloads the HSTS preload and TLD lists from
# the internet; here it is installed without it and given small local lists
# (the portal's host is not on the preload list either way).
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'kill "${gunicorn_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --ignore-scripts --no-audit --no-fund --loglevel=error @mdn/mdn-http-observatory@1 >/dev/null
scanner=node_modules/@mdn/mdn-http-observatory
echo '{}' > $scanner/conf/hsts-preload.json
echo '["localhost"]' > $scanner/conf/tld-list.json
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" 2>/dev/null

cd "$root"
export DJANGO_SETTINGS_MODULE=portal.settings.production
export SECRET_KEY=$(openssl rand -hex 32) ALLOWED_HOSTS=localhost EMAIL_HOST=smtp.invalid
export SQLITE_PATH="$work/db.sqlite3" STATIC_ROOT="$work/static"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py seed_demo --demo-site >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn -c deploy/gunicorn.conf.py --workers 2 --bind 127.0.0.1:8443 \
  --certfile "$work/cert.pem" --keyfile "$work/key.pem" portal.wsgi 2>"$work/gunicorn.log" &
gunicorn_pid=$!
sleep 4

cd "$work"
NODE_EXTRA_CA_CERTS="$work/cert.pem" node $scanner/src/scan.js localhost:8443 > scan.json
python3 - scan.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["scan"]
print(f"grade {s['grade']}  score {s['score']}  tests passed {s['testsPassed']}/{s['testsQuantity']}")
for name, t in d["tests"].items():
    print(f"  {'pass' if t['pass'] else 'FAIL'}  {name}: {t['result']} ({t['scoreModifier']:+d})")
PY
