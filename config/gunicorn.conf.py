"""gunicorn settings for running the portal in production: ``gunicorn -c config/gunicorn.conf.py``.

Sync workers, one request at a time per process, several processes. The pages are CPU-bound
Python (the GIL makes threads in one process take turns), and a sync worker takes a
connection only when it is free, so the kernel hands each new request to an idle process.
Threaded workers with keep-alive pin a client's connection to one process: under load some
processes queue requests while others idle, which showed as multi-second stalls in the list
benchmark (docs/benchmarks.md). Keep-alive belongs to the reverse proxy in front.
"""

import multiprocessing
import os

bind = os.environ.get("ZJTX_BIND", "127.0.0.1:8000")
worker_class = "sync"
# Two per core: while one process waits on PostgreSQL another computes. The usual "plus one"
# was slower on 2 cores shared with PostgreSQL (list benchmark: ≈ 15 % less throughput with 5
# processes than with 4, alternating runs; docs/benchmarks.md).
workers = int(os.environ.get("ZJTX_WEB_WORKERS", multiprocessing.cpu_count() * 2))
timeout = int(os.environ.get("ZJTX_WEB_TIMEOUT", 120))
# A long-running process slowly grows; recycle it now and then, staggered.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("ZJTX_ACCESS_LOG") or None
loglevel = os.environ.get("ZJTX_LOG_LEVEL", "warning")


def post_worker_init(worker: object) -> None:
    # Warm each worker before it accepts requests, not on some user's first page view.
    from portal.core.warmup import warm

    warm()
