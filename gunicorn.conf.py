"""gunicorn's settings for dienhinh (read from the working directory: ``gunicorn config.wsgi``).

Every value comes from the environment, so a deployment tunes it without editing this file;
the defaults are what the load test measured best on the project's 2-core machines
(docs/benchmarks.md, "Load test"; docs/operations.md, "Web server").
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# WEB_CONCURRENCY is gunicorn's own variable; the command line (-w) still wins.
workers = _int("WEB_CONCURRENCY", 3)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
# A worker is replaced after this many requests (with jitter, so they do not all restart at
# once): memory a long-lived worker accumulates is given back.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Load the application (and config.warmup: every view, the catalogs, the templates) once in the
# master; workers are forked with it. GUNICORN_PRELOAD=0 loads it in each worker instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip() not in {"0", "false", "no", "off"}


def when_ready(server) -> None:  # in the master, before the workers are forked
    if preload_app:
        from config.warmup import warm_up

        warm_up()
