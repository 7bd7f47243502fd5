"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Workers are processes (the portal is CPU-light and database-bound); with
PostgreSQL connections kept open (CONN_MAX_AGE) each worker reuses its own.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The access log never records query strings (a feedback code or a token could be in them).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
