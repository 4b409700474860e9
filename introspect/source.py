"""One call from a source (base URL, document URL or file) to an Api model."""

from __future__ import annotations

from .build import build_api
from .discover import discover_document
from .model import Api


def load_api(source: str, timeout: float = 10.0, headers: dict[str, str] | None = None) -> Api:
    """Find, read and model the API behind `source` (`headers` for a protected document)."""
    return build_api(discover_document(source, timeout=timeout, headers=headers))
