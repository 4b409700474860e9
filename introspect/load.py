"""Read an API document from a file or URL and parse it (JSON or YAML)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from .cache import load_cached
from .errors import DocumentError

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Refuse bigger documents: the largest real ones (GitHub, Kubernetes) are ~13 MB."""


def _yaml_loader() -> type:
    # libyaml's C loader is ~4x faster on big documents; fall back when absent.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[valid-type, misc]
        """Safe loader that keeps dates as strings, as JSON would."""

    _Loader.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return _Loader


_YAML_LOADER = _yaml_loader()


@dataclass(frozen=True)
class Document:
    """A parsed document and where it came from."""

    data: dict[str, Any]
    source: str
    """A URL, or a file path as given."""
    url: str | None = None
    """The absolute URL (http or file) the document was read from, for relative refs."""
    digest: str = ""
    """sha256 of the raw bytes, to cache the model built from it."""
    warnings: tuple[str, ...] = field(default=())
    model: Any = None
    """The Api already built from this very document (from the cache), if any."""

    @property
    def version(self) -> str:
        """The document's `openapi` or `swagger` version string ("" if neither)."""
        return str(self.data.get("openapi") or self.data.get("swagger") or "")


def parse_document(raw: bytes | str, where: str) -> Any:
    """Parse JSON (tried first: fast) or YAML text; DocumentError names `where`."""
    text = raw.decode("utf-8-sig", errors="replace") if isinstance(raw, bytes) else raw
    stripped = text.lstrip()
    json_error: json.JSONDecodeError | None = None
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError as exc:
            json_error = exc  # may still be YAML (flow style); report both if not
    if stripped.lower().startswith(("<!doctype", "<html")):
        raise DocumentError(where, "this is an HTML page, not an OpenAPI document", kind="not-openapi")
    try:
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as exc:
        reason = f"not valid JSON ({json_error})" if json_error else f"not valid JSON or YAML ({exc})"
        raise DocumentError(where, reason, kind="parse") from exc


def check_openapi(data: Any, where: str) -> dict[str, Any]:
    """Return `data` if it looks like an OpenAPI or Swagger document, else DocumentError."""
    if not isinstance(data, dict):
        raise DocumentError(where, "not an OpenAPI document (the top level is not an object)",
                            kind="not-openapi")
    if "openapi" not in data and "swagger" not in data:
        raise DocumentError(where, "not an OpenAPI document (no `openapi` or `swagger` field)",
                            kind="not-openapi")
    return data


def load_file(path: str | Path, use_cache: bool = True) -> Document:
    """Read a local JSON or YAML document (its model from the cache when known)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read the file ({exc.strerror or exc})",
                            kind="io") from exc
    return document_from_bytes(raw, str(path), p.resolve().as_uri(), use_cache)


def document_from_bytes(raw: bytes, source: str, url: str, use_cache: bool = True) -> Document:
    """Parse and check a document, unless the model of these very bytes is cached."""
    digest = hashlib.sha256(raw).hexdigest()
    cached = load_cached(digest) if use_cache else None
    if cached is not None:
        return Document({"openapi": cached.spec_version}, source, url, digest, model=cached)
    data = check_openapi(parse_document(raw, source), source)
    return Document(data, source, url, digest)


def fetch_url(url: str, client: httpx.Client) -> tuple[Any, bytes]:
    """GET a document URL and parse it; DocumentError on any failure."""
    try:
        response = client.get(url, headers={"Accept": "application/json, application/yaml;q=0.9, */*;q=0.5"})
    except httpx.ConnectError as exc:
        raise DocumentError(url, "nothing answered (is the API running?)", kind="io") from exc
    except httpx.TimeoutException as exc:
        raise DocumentError(url, "timed out", kind="io") from exc
    except httpx.HTTPError as exc:
        raise DocumentError(url, f"request failed ({exc})", kind="io") from exc
    if response.status_code >= 400:
        raise DocumentError(url, f"HTTP {response.status_code}", kind="io")
    raw = response.content
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(url, f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB", kind="io")
    return parse_document(raw, url), raw


def load_url(url: str, timeout: float = 10.0, use_cache: bool = True) -> Document:
    """Fetch and parse a document at a URL."""
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        _, raw = fetch_url(url, client)
    return document_from_bytes(raw, url, url, use_cache)
