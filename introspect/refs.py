"""Follow `$ref`s: within the document, to sibling files, and to same-origin URLs.

Only what the model uses is resolved (a `$ref` inside an unused extension is never
touched). External documents are bounded in number and size.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from .errors import DocumentError
from .load import MAX_DOCUMENT_BYTES, fetch_url, parse_document

MAX_EXTERNAL_DOCUMENTS = 50


def _split(ref: str) -> tuple[str, str]:
    location, _, pointer = ref.partition("#")
    return location, pointer


def walk_pointer(data: Any, pointer: str, where: str) -> Any:
    """The value at a JSON pointer (RFC 6901), or DocumentError naming the pointer."""
    if pointer in ("", "/"):
        return data
    node = data
    for token in pointer.lstrip("/").split("/"):
        token = unquote(token).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise DocumentError(where, f"$ref target not found (no {token!r})", pointer=pointer,
                                kind="ref")
    return node


class Resolver:
    """Looks up `$ref`s relative to the document they appear in."""

    def __init__(self, root: dict[str, Any], root_url: str | None, timeout: float = 10.0) -> None:
        self.root = root
        self.root_url = root_url or ""
        self.timeout = timeout
        self._documents: dict[str, Any] = {self.root_url: root}
        self._client: httpx.Client | None = None

    def key(self, ref: str, base: str) -> str:
        """A canonical name for a ref: "#/pointer" in the root, "url#/pointer" elsewhere."""
        location, pointer = _split(ref)
        url = urljoin(base, location) if location else base
        url = url.split("#", 1)[0]
        if url == self.root_url:
            return f"#{pointer}"
        # Beside the root document: a short key relative to it ("schemas/user.json#/X").
        folder = self.root_url.rsplit("/", 1)[0] + "/"
        return f"{url[len(folder):] if url.startswith(folder) else url}#{pointer}"

    def lookup(self, ref: str, base: str) -> tuple[Any, str]:
        """The target of `ref` as written in the document at `base`, and the target's base."""
        location, pointer = _split(ref)
        url = (urljoin(base, location) if location else base).split("#", 1)[0]
        document = self._document(url, ref)
        return walk_pointer(document, pointer, url or "the document"), url

    def lookup_key(self, key: str) -> tuple[Any, str]:
        """The target of a canonical key made by `key`."""
        return self.lookup(key, self.root_url)

    def _document(self, url: str, ref: str) -> Any:
        if url in self._documents:
            return self._documents[url]
        if len(self._documents) > MAX_EXTERNAL_DOCUMENTS:
            raise DocumentError(url, f"too many referenced documents (over {MAX_EXTERNAL_DOCUMENTS})",
                                kind="ref")
        scheme = urlsplit(url).scheme
        root = urlsplit(self.root_url)
        if scheme == "file" and root.scheme == "file":
            path = unquote(urlsplit(url).path)
            try:
                with open(path, "rb") as handle:
                    raw = handle.read(MAX_DOCUMENT_BYTES + 1)
            except OSError as exc:
                raise DocumentError(url, f"cannot read the file referenced by {ref!r}", kind="ref") from exc
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise DocumentError(url, "referenced file is too large", kind="ref")
            data = parse_document(raw, url)
        elif scheme in ("http", "https") and urlsplit(url).netloc == root.netloc and root.scheme == scheme:
            # Same origin only: a document must not make apiface fetch from elsewhere.
            if self._client is None:
                self._client = httpx.Client(timeout=self.timeout, follow_redirects=False)
            data, _ = fetch_url(url, self._client)
        else:
            raise DocumentError(url or ref, f"$ref {ref!r} points outside the document's origin; "
                                "only sibling files and same-origin URLs are followed", kind="ref")
        self._documents[url] = data
        return data

    @property
    def only_root(self) -> bool:
        """True when no other document was read to resolve references."""
        return len(self._documents) == 1

    def close(self) -> None:
        """Close the HTTP client used for same-origin references."""
        if self._client is not None:
            self._client.close()
