"""Start an ASGI or WSGI app on a free loopback port in a thread; stop it after."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from werkzeug.serving import make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not start")


@contextmanager
def _running(port: int, run: Callable[[], Any], stop: Callable[[], Any]) -> Iterator[str]:
    """Run `run` in a thread until it answers on `port`; `stop` it on the way out."""
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    _wait(url)
    try:
        yield url
    finally:
        stop()
        thread.join(timeout=10)


@contextmanager
def serve_asgi(app: Any) -> Iterator[str]:
    """Run an ASGI app under uvicorn; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    with _running(port, server.run, lambda: setattr(server, "should_exit", True)) as url:
        yield url


@contextmanager
def serve_wsgi(app: Any) -> Iterator[str]:
    """Run a WSGI app (Flask) under werkzeug's threaded server; yields its base URL."""
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    with _running(port, server.serve_forever, server.shutdown) as url:
        yield url
