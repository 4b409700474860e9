"""Checks: of a document against the OpenAPI spec, and of a value against its schema.

Spec problems (openapi-spec-validator) are warnings, never a refusal: real documents
often break the letter of the spec (Slack's 2.0 type arrays, TGI's `'null'` types)
and still describe a usable API. Values a person typed into a JSON editor are checked
against the operation's schema (jsonschema, which openapi-core validates with) so
that every mistake is named before anything is sent.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import urlsplit

from .load import Document, load_file, load_url
from .model import Schema


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


def to_json_schema(api: Any, schema: Schema, defs: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's schema as JSON Schema (2020-12) for checking a request value.

    Lenient where real documents are loose: oneOf is checked as anyOf (overlapping
    variants are common), readOnly properties are never required of a request, and
    `format` is not asserted."""
    top = defs is None
    defs = {} if defs is None else defs
    if schema.ref is not None:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", schema.ref)
        if name not in defs and schema.ref in api.schemas:
            defs[name] = {}  # placeholder first: recursive schemas end here
            defs[name] = to_json_schema(api, api.schemas[schema.ref], defs)
        out: dict[str, Any] = {"$ref": f"#/$defs/{name}"} if name in defs else {}
        if schema.nullable and out:
            out = {"anyOf": [out, {"type": "null"}]}
    else:
        out = _plain_json_schema(api, schema, defs)
    if top and defs:
        out = {**out, "$defs": defs}
    return out


def _plain_json_schema(api: Any, schema: Schema, defs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if schema.types:
        out["type"] = [*schema.types, "null"] if schema.nullable else list(schema.types)
    if schema.enum is not None:
        out["enum"] = [*schema.enum, None] if schema.nullable else list(schema.enum)
    for key, name in (("min_length", "minLength"), ("max_length", "maxLength"), ("min_items", "minItems"),
                      ("max_items", "maxItems")):
        if getattr(schema, key) is not None:
            out[name] = getattr(schema, key)
    if schema.minimum is not None:
        out["exclusiveMinimum" if schema.exclusive_minimum else "minimum"] = schema.minimum
    if schema.maximum is not None:
        out["exclusiveMaximum" if schema.exclusive_maximum else "maximum"] = schema.maximum
    if schema.properties:
        writable = {n: p for n, p in schema.properties.items() if not api.resolve(p).read_only}
        out["properties"] = {n: to_json_schema(api, p, defs) for n, p in writable.items()}
        required = [n for n in schema.required if n in writable]
        if required:
            out["required"] = required
    elif schema.required:
        out["required"] = list(schema.required)
    if isinstance(schema.additional_properties, Schema):
        out["additionalProperties"] = to_json_schema(api, schema.additional_properties, defs)
    elif schema.additional_properties is False:
        out["additionalProperties"] = False
    if schema.items is not None:
        out["items"] = to_json_schema(api, schema.items, defs)
    if schema.prefix_items:
        out["prefixItems"] = [to_json_schema(api, s, defs) for s in schema.prefix_items]
    if schema.variants:
        variants = [to_json_schema(api, v.schema_, defs) for v in schema.variants]
        if schema.nullable:
            variants.append({"type": "null"})
        out["anyOf"] = variants
    return out


def value_problems(api: Any, schema: Schema, value: Any, limit: int = 20) -> list[str]:
    """Where `value` breaks `schema`, each as `place: reason`; [] when it fits."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        validator = Draft202012Validator(to_json_schema(api, schema))
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    except (SchemaError, re.error, RecursionError):
        return []  # a schema the checker cannot use checks nothing, rather than block the call
    found = []
    for error in errors[:limit]:
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        found.append(f"{place or 'the value'}: {error.message[:200]}")
    return found
