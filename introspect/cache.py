"""The model of a document, kept on disk by the document's hash.

Reopening the same document skips parsing and building: OpenAI's 3 MB YAML takes
about a second to parse and a twentieth of that to unpickle. Set APIFACE_CACHE_DIR
to move the cache, or to "off" to disable it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

_MODEL_CODE = ("model.py", "build.py", "schemas.py", "refs.py", "load.py", "media.py")


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A hash of the code that builds models: a changed builder never reads old entries."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _MODEL_CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where models are kept, or None when caching is off."""
    setting = os.environ.get("APIFACE_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "apiface"


def _path(digest: str) -> Path | None:
    folder = cache_dir()
    if folder is None or not digest:
        return None
    return folder / f"{digest}-{_code_digest()}.pickle"


def load_cached(digest: str) -> Any | None:
    """The Api built earlier from a document with this hash, or None."""
    path = _path(digest)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own file, written by store_model
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None  # a stale or broken entry is rebuilt, never fatal


def store_model(digest: str, api: Any) -> None:
    """Keep `api` for the next time the same document is opened (best effort)."""
    path = _path(digest)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(api, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic: a reader never sees half a file
    except OSError:
        pass  # a read-only or full disk only costs speed
