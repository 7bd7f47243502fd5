"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Workers are processes (the portal is CPU-light and database-bound); with
PostgreSQL connections kept open (CONN_MAX_AGE) each worker reuses its own.

The application is loaded once, in the master, before the workers are forked
(`preload_app`): a worker that is recycled or dies is replaced in milliseconds
by a fork of a process that has already imported Django, Wagtail and the
portal, instead of leaving a gap of several seconds while a new one imports
everything. Workers are recycled rarely (`max_requests`, spread by the jitter so
they never go together), and always gracefully: a worker finishes the request
it has before it goes. A new release still needs the processes restarted
(docs/deploy.md): with preload, HUP replaces workers with forks of the same code.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound; at a
# few hundred requests a second per machine, about once an hour per worker.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# The access log never records query strings (a feedback code or a token could be
# in them), and the logger replaces the secret in addresses that carry one
# (calendar tokens, pupil codes, reset and confirmation keys) by its route name.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'
logger_class = "portal.logging.GunicornLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """The master must not hold a database connection that every worker would then
    share: close any that loading the application opened."""
    from django.db import connections

    connections.close_all()
