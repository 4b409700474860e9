"""Find an API's OpenAPI document from a base URL, a document URL or a file.

Order: the source itself (it may be the document), `Link` headers with rel
`service-desc`/`describedby` (RFC 8631), then well-known paths and docs pages
probed concurrently under one overall deadline. Every miss is explained.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import Attempt, DiscoveryError, DocumentError
from .load import MAX_DOCUMENT_BYTES, Document, document_from_bytes, load_file

WELL_KNOWN_PATHS = (
    # A Gradio app's own endpoints; ranked first because the same server's
    # /openapi.json describes Gradio's internal routes instead.
    "gradio_api/openapi.json",
    "openapi.json",  # FastAPI, APIFlask, flask-smorest (OPENAPI_URL_PREFIX="/")
    "openapi.yaml",
    "openapi.yml",
    "swagger.json",
    "swagger.yaml",
    "api/openapi.json",
    "api/swagger.json",
    "v3/api-docs",  # springdoc
    "v2/api-docs",  # springfox
    "apispec_1.json",  # flasgger
    "apispec.json",
    "api-docs",
    "api-docs.json",
    "docs/openapi.json",
    "doc/openapi.json",
    "api/docs/openapi.json",
    "api/v1/openapi.json",
    "v1/openapi.json",
    "openapi/v3",
    "openapi/v2",  # Kubernetes
    "swagger/v1/swagger.json",  # ASP.NET Swashbuckle
    "swagger/doc.json",  # swaggo
    ".well-known/openapi.json",
    # flask-smorest and APIFlask under the prefixes people give OPENAPI_URL_PREFIX
    "api-docs/openapi.json",
    "apidocs/openapi.json",
    "swagger/openapi.json",
    "spec/openapi.json",
    "openapi/openapi.json",
    "api/v2/openapi.json",
    "api/v3/openapi.json",
)

DOCS_PAGES = ("docs", "redoc", "apidocs", "swagger-ui", "swagger", "doc", "api/docs", "scalar", "swagger-ui.html")

# A docs page names its document in the UI's config: SwaggerUIBundle({url: ...}),
# <redoc spec-url=...>, Scalar's data-url, or a plain link to *.json / *.yaml.
_SPEC_URL_PATTERNS = (
    re.compile(r"""\burl\s*:\s*['"]([^'"]+)['"]"""),
    re.compile(r"""spec-url\s*=\s*['"]([^'"]+)['"]"""),
    re.compile(r"""data-url\s*=\s*['"]([^'"]+)['"]"""),
    re.compile(r"""['"]([^'"\s]*(?:openapi|swagger|api-docs|apispec)[^'"\s]*\.(?:json|ya?ml))['"]"""),
)

_ACCEPT = "application/openapi+json, application/json, application/yaml;q=0.9, */*;q=0.5"


def discover_document(source: str, timeout: float = 10.0, headers: dict[str, str] | None = None) -> Document:
    """The OpenAPI document behind `source`: a file path, a document URL or a base URL.

    `headers` go with every discovery request (an API key for a protected document)."""
    if not source.startswith(("http://", "https://")):
        if Path(source).exists():
            return load_file(source)
        if "://" in source or not re.match(r"^[\w.\-]+(:\d+)?(/.*)?$", source):
            raise DocumentError(source, "no such file, and not an http(s) URL", kind="io")
        source = "http://" + source  # "127.0.0.1:5000" as people type it
    deadline = time.monotonic() + timeout
    attempts: list[Attempt] = []
    with httpx.Client(timeout=min(timeout, 10.0), follow_redirects=True, headers=headers) as client:
        document, response = _try_document(client, source, attempts)
        if document is not None:
            return document
        candidates = _link_candidates(response, source)
        candidates += [u for u in _api_catalog(client, source, attempts) if u not in candidates]
        candidates += [u for u in _probe_urls(source) if u not in candidates]
        found = _probe(client, candidates, attempts, deadline)
        if found is not None:
            return found
        pages = [urljoin(_root(source), p) for p in DOCS_PAGES]
        spec_urls = _probe_docs_pages(client, pages, attempts, deadline)
        spec_urls = [u for u in spec_urls if u not in candidates]
        found = _probe(client, spec_urls, attempts, deadline)
        if found is not None:
            return found
    raise DiscoveryError(source, attempts)


def _root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _probe_urls(source: str) -> list[str]:
    """Well-known paths under the source's own path first, then under the origin."""
    bases = []
    if urlsplit(source).path.strip("/"):
        bases.append(source.rstrip("/") + "/")
    bases.append(_root(source))
    return [urljoin(base, path) for base in bases for path in WELL_KNOWN_PATHS]


def _link_candidates(response: httpx.Response | None, source: str) -> list[str]:
    if response is None:
        return []
    found = []
    for value in response.headers.get_list("link"):
        for part in value.split(","):
            match = re.match(r"\s*<([^>]*)>(.*)", part)
            if match and re.search(r"""rel\s*=\s*"?[^";]*\b(service-desc|describedby)\b""", match.group(2)):
                found.append(urljoin(str(response.url), match.group(1)))
    return found


def _api_catalog(client: httpx.Client, source: str, attempts: list[Attempt]) -> list[str]:
    """Document URLs listed by `/.well-known/api-catalog` (RFC 9727, a linkset)."""
    url = urljoin(_root(source), ".well-known/api-catalog")
    response, failure = _fetch(client, url)
    if response is None or response.status_code >= 400:
        attempts.append(failure or Attempt(url, f"HTTP {response.status_code}"))  # type: ignore[union-attr]
        return []
    found: list[str] = []
    try:
        linkset = response.json().get("linkset", [])
        for context in linkset if isinstance(linkset, list) else []:
            for rel in ("service-desc", "describedby"):
                for link in context.get(rel, []) if isinstance(context, dict) else []:
                    if isinstance(link, dict) and isinstance(link.get("href"), str):
                        found.append(urljoin(str(response.url), link["href"]))
    except (ValueError, AttributeError):
        pass
    found += _link_candidates(response, source)
    if not found:
        attempts.append(Attempt(url, "an API catalog that lists no OpenAPI document"))
    return found


def _fetch(client: httpx.Client, url: str) -> tuple[httpx.Response | None, Attempt | None]:
    try:
        response = client.get(url, headers={"Accept": _ACCEPT})
    except httpx.ConnectError:
        return None, Attempt(url, "connection refused (nothing listening)", refused=True)
    except httpx.TimeoutException:
        return None, Attempt(url, "timed out")
    except httpx.HTTPError as exc:
        return None, Attempt(url, f"request failed: {exc}")
    return response, None


def _as_document(response: httpx.Response, url: str) -> tuple[Document | None, Attempt | None]:
    if response.status_code in (401, 403):
        return None, Attempt(url, f"HTTP {response.status_code}: the document needs credentials "
                                  "(give them with --header 'Authorization: …')")
    if response.status_code >= 400:
        return None, Attempt(url, f"HTTP {response.status_code}")
    raw = response.content
    if len(raw) > MAX_DOCUMENT_BYTES:
        return None, Attempt(url, "too large to be a document")
    try:
        return document_from_bytes(raw, url, str(response.url)), None
    except DocumentError as exc:
        return None, Attempt(url, exc.reason)


def _try_document(client: httpx.Client, url: str, attempts: list[Attempt]) -> tuple[Document | None, httpx.Response | None]:
    response, failure = _fetch(client, url)
    if response is None:
        attempts.append(failure)  # type: ignore[arg-type]
        return None, None
    document, miss = _as_document(response, url)
    if miss is not None:
        attempts.append(miss)
    return document, response


def _remaining(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


def _probe(client: httpx.Client, urls: list[str], attempts: list[Attempt], deadline: float) -> Document | None:
    """Fetch all `urls` at once; the earliest-listed hit wins (not the fastest)."""
    if not urls:
        return None
    results: dict[str, tuple[Document | None, Attempt | None]] = {}
    pool = ThreadPoolExecutor(max_workers=min(16, len(urls)))
    futures = {pool.submit(_fetch_document, client, u): u for u in urls}
    pending = set(futures)
    try:
        while pending and _remaining(deadline) > 0:
            done, pending = wait(pending, timeout=_remaining(deadline), return_when=FIRST_COMPLETED)
            for future in done:
                results[futures[future]] = future.result()
            # Stop early once a hit is found and every better-ranked URL has answered.
            for u in urls:
                if u not in results:
                    break
                if results[u][0] is not None:
                    pending = set()
                    break
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for u in urls:
        document, miss = results.get(u, (None, Attempt(u, "no answer before the discovery deadline")))
        if document is not None:
            return document
        attempts.append(miss)  # type: ignore[arg-type]
    return None


def _fetch_document(client: httpx.Client, url: str) -> tuple[Document | None, Attempt | None]:
    response, failure = _fetch(client, url)
    if response is None:
        return None, failure
    return _as_document(response, url)


def _probe_docs_pages(client: httpx.Client, pages: list[str], attempts: list[Attempt], deadline: float) -> list[str]:
    """Spec URLs named by docs pages (Swagger UI, Redoc, Scalar) that answer."""
    found: list[str] = []
    with ThreadPoolExecutor(max_workers=len(pages)) as pool:
        for page, (response, failure) in zip(pages, pool.map(lambda u: _fetch(client, u), pages), strict=True):
            if response is None:
                attempts.append(failure)  # type: ignore[arg-type]
                continue
            if response.status_code >= 400:
                attempts.append(Attempt(page, f"HTTP {response.status_code}"))
                continue
            named = spec_urls_in_page(response.text, str(response.url))
            if not named:
                attempts.append(Attempt(page, "a page that names no OpenAPI document"))
            found += [u for u in named if u not in found]
    return found


def spec_urls_in_page(html: str, page_url: str) -> list[str]:
    """Document URLs a Swagger UI, Redoc or Scalar page points at, made absolute."""
    found: list[str] = []
    for pattern in _SPEC_URL_PATTERNS:
        for match in pattern.finditer(html):
            value = match.group(1)
            if value.startswith(("data:", "javascript:", "#")) or value.endswith((".js", ".css", ".png")):
                continue
            url = urljoin(page_url, value)
            if urlsplit(url).netloc == urlsplit(page_url).netloc and url not in found:
                found.append(url)
    return found

