"""Spec validation (openapi-spec-validator): problems are warnings, never a refusal.

Real documents often break the letter of the spec (Slack's 2.0 type arrays, TGI's
`'null'` types) and still describe a usable API, so apiface loads them anyway and
reports what the validator found, each with the place in the document.
"""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import urlsplit

from .load import Document, load_file, load_url


def spec_warnings(document: Document, limit: int = 25) -> list[str]:
    """Up to `limit` validation problems of `document`, each naming its JSON path."""
    from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = document.version
    validator_cls: Any = (OpenAPIV31SpecValidator if version.startswith("3.1") else
                          OpenAPIV30SpecValidator if version.startswith("3.") else OpenAPIV2SpecValidator)
    found = []
    try:
        errors = validator_cls(document.data, base_uri=document.url or "").iter_errors()
        for error in itertools.islice(errors, limit):
            where = getattr(error, "json_path", "") or "/".join(str(p) for p in getattr(error, "path", ()))
            message = str(getattr(error, "message", error)).split("\n", 1)[0]
            found.append(f"{where or '$'}: {message[:300]}")
    except Exception as exc:  # the validator itself failing is one more warning, not a crash
        found.append(f"the validator could not finish: {type(exc).__name__}: {str(exc)[:200]}")
    return found


def check_source(source: str, limit: int = 25) -> list[str]:
    """Read the document at `source` again (a URL or file) and validate it."""
    if urlsplit(source).scheme in ("http", "https"):
        document = load_url(source, use_cache=False)
    else:
        document = load_file(source, use_cache=False)
    return spec_warnings(document, limit)
