"""``tingwu serve --workers N``: a pre-forking server, so the workers share the start-up heap.

uvicorn's own ``--workers`` spawns fresh interpreters, each importing and building everything again
(~455,000 objects: the schema, SQLAlchemy's metadata, pypinyin's dictionaries). Here the parent
builds the app once, collects and freezes the collector (``gc.freeze()``: the start-up objects are
never scanned, so their pages stay shared copy-on-write), binds the socket, then forks N workers that
each run uvicorn on the shared socket. No database connection is opened before the fork: each worker
opens its own pool on first use (pool size per worker: see docs/deployment.md).
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import sys

import uvicorn


def default_workers(*, production: bool, events_cross_processes: bool = True) -> int:
    """Production: one worker per core; development: one. One as well when live events cannot cross processes
    (SQLite without Redis: a subscription in one worker would never hear a call made in another)."""
    return (os.cpu_count() or 1) if production and events_cross_processes else 1


def serve_forked(app, *, host: str, port: int, workers: int, log_level: str = "info", log_config: dict | None = None) -> None:
    """Serve ``app`` with ``workers`` forked processes on one listening socket; returns when all have stopped."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    gc.collect()  # start-up garbage is not frozen for good
    gc.freeze()
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            logging = {"log_config": log_config} if log_config is not None else {}
            config = uvicorn.Config(app, log_level=log_level, lifespan="on", **logging)
            try:
                uvicorn.Server(config).run(sockets=[sock])
            finally:
                os._exit(0)
        children.append(pid)

    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    status = 0
    for child in children:
        while True:
            try:
                _, code = os.waitpid(child, 0)
                code = os.waitstatus_to_exitcode(code)
                # uvicorn re-raises the signal it stopped on once it has shut down cleanly.
                if stopping and code in (-signal.SIGTERM, -signal.SIGINT):
                    code = 0
                status = status or code
                break
            except InterruptedError:
                continue
    sock.close()
    if status:
        sys.exit(status)
