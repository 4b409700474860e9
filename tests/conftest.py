"""Session servers: the echo FastAPI app, a flask-smorest app, the bundled demo API."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# Each run starts with an empty model cache of its own, so tests exercise the builder.
os.environ["APIFACE_CACHE_DIR"] = tempfile.mkdtemp(prefix="apiface-cache-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.running import serve_asgi, serve_wsgi  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "specs"


@pytest.fixture(scope="session")
def echo_url() -> Iterator[str]:
    from tests.servers.echo_fastapi import create_app

    with serve_asgi(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def smorest_url() -> Iterator[str]:
    from tests.servers.smorest_app import create_app

    with serve_wsgi(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def demo_url() -> Iterator[str]:
    from ui.demo import create_demo_app

    with serve_asgi(create_demo_app()) as url:
        yield url
