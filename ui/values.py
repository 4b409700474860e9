"""Component values → a Call, and the checks that come before sending.

Pure Python (no gradio). Every problem is collected, not just the first, so the
form can say everything that needs fixing at once.
"""

from __future__ import annotations

import base64
import json
import math
import mimetypes
from pathlib import Path
from typing import Any

from introspect import JSON, Call, InvalidValues
from introspect.media import body_kind
from introspect.validate import value_problems

from .form import Field, FormPlan

_OMIT = object()


def choice_label(value: JSON) -> str:
    """How an enum value shows in a dropdown (JSON text for non-strings)."""
    return value if isinstance(value, str) else json.dumps(value)


def to_call(plan: FormPlan, values: list[Any], connection_headers: dict[str, str] | None = None,
            check: bool = True) -> Call:
    """The Call for `values` (one per field, in plan order); InvalidValues lists every problem.

    `connection_headers` are sent with every call; a header field left empty takes
    its value from there, so a required API-version or key header need not be
    typed into every form. With `check`, JSON typed into an editor is checked against
    the operation's schema, every mismatch named."""
    supplied = {name.lower() for name in connection_headers or {}}
    problems: dict[str, str] = {}
    call = Call(media_type=plan.media_type)
    body: dict[str, JSON] = {}
    body_seen = False
    for field, raw in zip(plan.fields, values, strict=True):
        try:
            value = convert(field, raw)
        except ValueError as exc:
            problems[field.name] = str(exc)
            continue
        if value is _OMIT:
            if field.required and not (field.location == "header" and field.name.lower() in supplied):
                problems[field.name] = "required: please fill it in"
            continue
        if check and field.kind == "json" and plan.api is not None:
            mismatches = value_problems(plan.api, field.schema, value)
            if mismatches:
                problems[field.name] = "does not match the document: " + "; ".join(mismatches[:5])
                continue
        if field.location == "path":
            call.path[field.name] = value
        elif field.location == "query":
            call.query[field.name] = value
        elif field.location == "header":
            call.headers[field.name] = value
        elif field.location == "cookie":
            call.cookies[field.name] = value
        elif field.location == "body" and field.kind in ("file", "files"):
            if body_kind(plan.media_type or "") == "multipart":
                call.files[field.name] = value if isinstance(value, list) else [value]
            else:  # bytes inside JSON or a form travel as base64 text
                parts = value if isinstance(value, list) else [value]
                encoded = [base64.b64encode(part[1]).decode("ascii") for part in parts]
                body[field.name] = encoded if isinstance(value, list) else encoded[0]
            body_seen = True
        elif field.location == "body":
            body[field.name] = value
            body_seen = True
        elif field.location == "body-raw" and field.kind == "file":
            call.body, call.has_body = value[1], True
        else:  # the whole body
            call.body, call.has_body = value, True
    if problems:
        raise InvalidValues(problems)
    given = {name.lower() for name in call.headers}
    call.headers.update({k: v for k, v in (connection_headers or {}).items() if k.lower() not in given})
    if body_seen or (plan.operation.body is not None and plan.operation.body.required
                     and any(f.location == "body" for f in plan.fields)):
        call.body, call.has_body = body, True
    if call.files and not isinstance(call.body, dict):
        call.body = {}
    return call


def convert(field: Field, raw: Any) -> Any:
    """One component value as the JSON value to send, or _OMIT; ValueError if wrong."""
    kind = field.kind
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and kind not in ("text", "textarea", "password")):
        return _OMIT
    if kind == "combo":  # a listed value or any text the person typed
        value = raw if isinstance(raw, str) else str(raw)
    elif kind in ("text", "textarea", "password"):
        if raw == "":
            return _OMIT
        value: Any = raw
        if not field.schema.types and raw.lstrip()[:1] in ("{", "["):
            try:
                value = json.loads(raw)  # an untyped field given JSON means JSON
            except json.JSONDecodeError:
                value = raw
    elif kind == "dropdown":
        value = _choice(field, field.choices, raw)
    elif kind == "multiselect":
        if not raw:
            return _OMIT
        value = [_choice(field, field.choices, r) for r in raw]
    elif kind == "checkbox":
        value = bool(raw)
    elif kind == "tristate":
        value = {"true": True, "false": False}.get(str(raw).lower(), _OMIT)
    elif kind in ("number", "integer", "slider"):
        value = _number(field, raw)
    elif kind == "list":
        value = _list(field, raw)
        if not value:
            return _OMIT
    elif kind == "json":
        try:
            value = json.loads(raw) if isinstance(raw, str) else raw
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    elif kind in ("image-base64", "file-base64"):
        value = encode_file_base64(raw)
    elif kind == "file":
        value = read_upload(raw)
    elif kind in ("files", "images-base64"):
        paths = raw if isinstance(raw, list) else [raw]
        if not paths:
            return _OMIT
        read = read_upload if kind == "files" else encode_file_base64
        value = [read(p) for p in paths]
    else:
        value = raw
    if not field.required and field.has_default and value == field.default:
        return _OMIT  # the API applies its own default; send only what the person changed
    return value


def _choice(field: Field, choices: tuple[JSON, ...], raw: Any) -> JSON:
    if raw in ("", None):
        return _OMIT
    for choice in choices:
        if choice_label(choice) == raw or choice == raw:
            return choice
    if field.has_default and choice_label(field.default) == raw:
        return field.default
    raise ValueError(f"{raw!r} is not one of the allowed values")


def _number(field: Field, raw: Any) -> float | int:
    try:
        number = float(raw)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{raw!r} is not a number") from exc
    if math.isnan(number) or math.isinf(number):
        raise ValueError("must be a finite number")
    schema = field.schema
    if "integer" in schema.types:
        if not number.is_integer():
            raise ValueError(f"{raw} is not a whole number")
        number = int(number)
    if schema.minimum is not None and (number < schema.minimum or (schema.exclusive_minimum and number == schema.minimum)):
        raise ValueError(f"must be {'more than' if schema.exclusive_minimum else 'at least'} {schema.minimum:g}")
    if schema.maximum is not None and (number > schema.maximum or (schema.exclusive_maximum and number == schema.maximum)):
        raise ValueError(f"must be {'less than' if schema.exclusive_maximum else 'at most'} {schema.maximum:g}")
    return number


def _list(field: Field, raw: Any) -> list[JSON]:
    lines = raw if isinstance(raw, list) else [line.strip() for line in str(raw).splitlines()]
    items = [line for line in lines if line != ""]
    item_types = field.schema.items.types if field.schema.items is not None else ()
    if item_types in (("integer",), ("number",)):
        out: list[JSON] = []
        for item in items:
            try:
                number = float(item)
            except ValueError as exc:
                raise ValueError(f"{item!r} is not a number (one value per line)") from exc
            out.append(int(number) if item_types == ("integer",) and number.is_integer() else number)
        return out
    return items


def read_upload(path: Any) -> tuple[str, bytes, str]:
    """An uploaded file as a multipart part: (file name, bytes, content type)."""
    p = Path(str(path))
    try:
        content = p.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read the uploaded file ({exc.strerror or exc})") from exc
    return p.name, content, mimetypes.guess_type(p.name)[0] or "application/octet-stream"


def encode_file_base64(path: Any) -> str:
    """The bytes of an uploaded file as base64 text (what base64 fields carry)."""
    try:
        return base64.b64encode(Path(str(path)).read_bytes()).decode("ascii")
    except OSError as exc:
        raise ValueError(f"cannot read the uploaded file ({exc.strerror or exc})") from exc


def parse_headers(text: str) -> dict[str, str]:
    """`Name: value` lines (as typed in the UI or given with --header) as a dict."""
    headers = {}
    for line in (text or "").splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip():
            headers[name.strip()] = value.strip()
    return headers
