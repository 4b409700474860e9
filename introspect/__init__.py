"""apiface's API side: discover, load, model and call an HTTP API from its OpenAPI
document. Usable on its own; never imports gradio."""

from __future__ import annotations

__version__ = "0.1.0"

from .build import build_api, default_base_url
from .discover import discover_document
from .errors import (
    ApifaceError,
    ApiTimeout,
    ApiUnreachable,
    Attempt,
    CallError,
    DiscoveryError,
    DocumentError,
    InvalidValues,
    UnsupportedDocument,
)
from .execute import Call, Result, build_request, send
from .load import Document, load_file, load_url
from .model import (
    JSON,
    Api,
    Content,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Schema,
    SecurityScheme,
    Server,
    ServerVariable,
    Variant,
)
from .source import load_api

__all__ = [
    "Api",
    "ApiTimeout",
    "ApiUnreachable",
    "ApifaceError",
    "Attempt",
    "Call",
    "CallError",
    "Content",
    "DiscoveryError",
    "Document",
    "DocumentError",
    "InvalidValues",
    "JSON",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "Result",
    "Schema",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "UnsupportedDocument",
    "Variant",
    "build_api",
    "build_request",
    "default_base_url",
    "discover_document",
    "load_api",
    "load_file",
    "load_url",
    "send",
]
