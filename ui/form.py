"""The form plan of an operation: which fields, of what kind, going where.

Pure Python (no gradio), so the mapping from schema to field kind is testable on
its own; `widgets` turns each Field into a component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from introspect import JSON, Api, Operation, Schema
from introspect.media import body_kind, parse_media_type

# Fields people write sentences into: the last word of the name decides.
_LONG_TEXT = re.compile(r"(^|[_\-])(prompt|text|content|message|instruction|system|input|document|body|"
                        r"description|context|question|completion|suffix)s?$", re.I)
_PICTURE = r"(image|img|photo|picture|pic|screenshot|snapshot)"
_IMAGE_NAME = re.compile(rf"^((.*[_-])?{_PICTURE}([_-]?(b64|base64|data|bytes|content))?|(b64|base64)[_-]?{_PICTURE})$",
                         re.I)
_IMAGE_LIST_NAME = re.compile(r"^(images|imgs|photos|pictures|image_list|.*[_-]images)$", re.I)
_NOT_IMAGE_DATA = re.compile(r"(url|uri|path|id|name|type|format|size|count|mode|detail|style)s?$", re.I)

SECTION_TITLES = {"path": "Path", "query": "Query", "header": "Headers", "cookie": "Cookies",
                  "body": "Body", "body-json": "Body", "body-raw": "Body"}
"""Fields are planned in this order of location; the form shows one heading per section."""


@dataclass(frozen=True)
class Field:
    """One input of a form."""

    key: str
    """Unique in the form, e.g. "query:limit" or "body:prompt"."""
    location: str
    """path | query | header | cookie | body (a property) | body-json (the whole body as
    JSON) | body-raw (the whole body as text or an uploaded file)"""
    name: str
    """The name on the wire."""
    kind: str
    """text | textarea | password | dropdown | multiselect | checkbox | tristate |
    number | integer | slider | list | json | combo | image-base64 | images-base64 |
    file-base64 | file | files"""
    schema: Schema
    required: bool = False
    label: str = ""
    description: str = ""
    initial: JSON = None
    """What the field shows at first (a default, or an example when required)."""
    default: JSON = None
    has_default: bool = False
    choices: tuple[JSON, ...] = ()
    placeholder: str = ""


@dataclass(frozen=True)
class FormPlan:
    """All fields of an operation's form and how its body is sent."""

    operation: Operation
    fields: tuple[Field, ...] = ()
    media_type: str | None = None
    body_media_types: tuple[str, ...] = ()
    api: Api | None = field(default=None, repr=False, compare=False)
    """The API the operation belongs to, for resolving references when checking values."""


def plan_form(api: Api, operation: Operation, media_type: str | None = None) -> FormPlan:
    """The fields for `operation`; `media_type` picks one of several body types."""
    fields = [_parameter_field(api, p) for p in operation.parameters]
    chosen = None
    media_types: tuple[str, ...] = ()
    if operation.body is not None and operation.body.contents:
        media_types = tuple(c.media_type for c in operation.body.contents)
        chosen = media_type if media_type in media_types else _preferred(media_types)
        content = next(c for c in operation.body.contents if c.media_type == chosen)
        fields += _body_fields(api, content.schema_, operation.body.required, content.example
                               if content.has_example else None, chosen)
    order = list(SECTION_TITLES)
    # Stable: document order within a section, required fields first.
    fields.sort(key=lambda f: (order.index(f.location), not f.required))
    return FormPlan(operation, tuple(fields), chosen, media_types, api)


def _preferred(media_types: tuple[str, ...]) -> str:
    """JSON first (fields map best), then multipart, then a urlencoded form."""
    for wanted in ("json", "multipart", "form"):
        for media in media_types:
            if body_kind(media) == wanted:
                return media
    return media_types[0]


def _parameter_field(api: Api, param: Any) -> Field:
    schema = api.resolve(param.schema_)
    description = param.description or schema.description or ""
    return _field(api, f"{param.location}:{param.name}", param.location, param.name, schema,
                  param.required, description, example=param.example)


def _body_fields(api: Api, raw_schema: Schema, required: bool, example: JSON, media_type: str) -> list[Field]:
    schema = api.resolve(raw_schema)
    kind = body_kind(media_type)
    if kind in ("json", "form", "multipart"):
        if schema.properties and not schema.variants:
            fields = []
            for name, prop in schema.properties.items():
                resolved = api.resolve(prop)
                if resolved.read_only:
                    continue  # readOnly: sent by the server, never by the client
                prop_example = example.get(name) if isinstance(example, dict) else None
                fields.append(_field(api, f"body:{name}", "body", name, resolved, name in schema.required,
                                     resolved.description or "", example=prop_example))
            return fields
        if kind == "json" or not schema.is_binary:
            initial = example if example is not None else example_for(api, schema)
            return [Field(key="body", location="body-json", name="body", kind="json", schema=schema,
                          required=required, label="Request body (JSON)",
                          description=schema.description or "", initial=initial)]
    media = parse_media_type(media_type)
    if kind == "text":
        return [Field(key="body", location="body-raw", name="body", kind="textarea", schema=schema,
                      required=required, label=f"Request body ({media})", description=schema.description or "",
                      initial=example if isinstance(example, str) else None)]
    return [Field(key="body", location="body-raw", name="body", kind="file", schema=schema, required=required,
                  label=f"Request body: a file sent as {media}", description=schema.description or "")]


def _field(api: Api, key: str, location: str, name: str, schema: Schema, required: bool,
           description: str, example: JSON = None) -> Field:
    kind = field_kind(api, name, schema, required)
    if example is None and schema.examples:
        example = schema.examples[0]
    initial: JSON = None
    if schema.has_default:
        initial = schema.default
    elif required and example is not None:
        initial = example
    elif required and kind == "json":
        initial = example_for(api, schema)
    choices: tuple[JSON, ...] = ()
    if kind == "dropdown":
        choices = schema.enum or ()
    elif kind == "multiselect":
        choices = api.resolve(schema.items).enum or ()  # type: ignore[arg-type]
    elif kind == "combo":
        choices = string_choices(api, schema) or ()
    placeholder = ""
    if example is not None and initial is None and kind not in ("json", "checkbox", "tristate"):
        placeholder = f"e.g. {example}" if not isinstance(example, (dict, list)) else ""
    elif schema.format and kind in ("text",):
        placeholder = schema.format
    label = name + (" *" if required else "")
    return Field(key=key, location=location, name=name, kind=kind, schema=schema, required=required,
                 label=label, description=_describe(description, schema), initial=initial,
                 default=schema.default, has_default=schema.has_default, choices=choices,
                 placeholder=placeholder)


def _describe(description: str, schema: Schema) -> str:
    extra = []
    if schema.deprecated:
        extra.append("deprecated")
    if schema.min_length is not None or schema.max_length is not None:
        extra.append(f"length {schema.min_length or 0}–{schema.max_length if schema.max_length is not None else '…'}")
    text = description.strip()
    return (text + (" " if text else "") + f"({', '.join(extra)})").strip() if extra else text


def is_image_base64(name: str, schema: Schema) -> bool:
    """A string carrying a picture as base64: declared, or undeclared but named like an image."""
    if schema.types not in ((), ("string",)) or schema.enum:
        return False
    media = (schema.content_media_type or "").lower()
    if media.startswith("image/"):
        return True
    if schema.is_base64:
        return bool(_IMAGE_NAME.match(name)) or "image" in name.lower()
    if schema.format in ("uri", "url", "uri-reference", "date", "date-time", "uuid", "email"):
        return False
    return bool(_IMAGE_NAME.match(name)) and not _NOT_IMAGE_DATA.search(name)


def string_choices(api: Api, schema: Schema) -> tuple[str, ...] | None:
    """Known values of "a string, or one of these" (anyOf [string, enum]: OpenAI's model
    ids): a dropdown that also takes any text. None when the schema is not that."""
    if not schema.variants:
        return None
    resolved = [api.resolve(v.schema_) for v in schema.variants]
    if not all(r.types == ("string",) and not r.variants for r in resolved):
        return None
    values = tuple(dict.fromkeys(str(v) for r in resolved for v in r.enum or ()))
    return values if values and any(not r.enum for r in resolved) else None


def field_kind(api: Api, name: str, schema: Schema, required: bool = False) -> str:
    """The kind of input for a schema (see Field.kind)."""
    types = schema.types
    if schema.enum:
        return "dropdown"
    if string_choices(api, schema) is not None:
        return "combo"
    if schema.is_binary:
        return "file"
    if is_image_base64(name, schema):
        return "image-base64"
    if schema.is_base64 and schema.types in ((), ("string",)):
        return "file-base64"
    if types == ("boolean",):
        return "checkbox" if schema.has_default else "tristate"
    if types in (("integer",), ("number",)):
        # A slider always holds a value, so it only suits fields that always send one.
        if schema.minimum is not None and schema.maximum is not None and (required or schema.has_default):
            return "slider"
        return "integer" if types == ("integer",) else "number"
    if types == ("string",) and not schema.variants:
        if schema.format == "password":
            return "password"
        words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)  # systemPrompt → system_Prompt
        if _LONG_TEXT.search(words) or (schema.max_length or 0) > 200:
            return "textarea"
        return "text"
    if types == ("array",) and schema.items is not None:
        items = api.resolve(schema.items)
        if items.enum:
            return "multiselect"
        if items.is_binary:
            return "files"
        if is_image_base64(name, items) or (items.is_base64 and "image" in name.lower()) or (
                items.types in ((), ("string",)) and not items.enum and _IMAGE_LIST_NAME.match(name)):
            return "images-base64"  # Ollama's `images`: a list of base64 pictures, declared or not
        if items.types in (("string",), ("integer",), ("number",)) and not items.is_base64 and not items.is_binary:
            return "list"
    if not types and not schema.variants and not schema.properties and schema.items is None:
        return "text"  # untyped: a string is the most common meaning; JSON-looking input is parsed
    return "json"


def example_for(api: Api, schema: Schema, depth: int = 0, seen: frozenset[str] = frozenset()) -> JSON:
    """A value valid for `schema`, for prefilling JSON editors."""
    if schema.ref is not None:
        if schema.ref in seen or depth > 6:
            return {} if "object" in api.resolve(schema).types else None
        seen = seen | {schema.ref}
    schema = api.resolve(schema)
    if schema.examples:
        return schema.examples[0]
    if schema.has_default and schema.default is not None:
        return schema.default
    if schema.enum:
        return schema.enum[0]
    if schema.variants:
        return example_for(api, schema.variants[0].schema_, depth + 1, seen)
    kind = schema.types[0] if schema.types else ("object" if schema.properties else "")
    if kind == "object" or schema.properties:
        chosen = [n for n in schema.properties if n in schema.required]
        if not chosen and depth < 2:
            chosen = list(schema.properties)[:5]
        return {
            n: example_for(api, schema.properties[n], depth + 1, seen)
            for n in chosen
            if not api.resolve(schema.properties[n]).read_only
        }
    if kind == "array":
        if schema.items is None:
            return []
        return [example_for(api, schema.items, depth + 1, seen)]
    if kind == "string":
        return _string_example(schema)
    if kind in ("integer", "number"):
        value = schema.minimum if schema.minimum is not None else 0
        if kind == "integer":
            value = int(value) + (1 if schema.exclusive_minimum else 0)
        return value
    if kind == "boolean":
        return False
    return None


def _string_example(schema: Schema) -> str:
    samples = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01", "time": "12:00:00",
               "email": "user@example.com", "uuid": "00000000-0000-0000-0000-000000000000",
               "uri": "https://example.com", "url": "https://example.com", "ipv4": "127.0.0.1",
               "byte": "", "base64": ""}
    value = samples.get(schema.format or "", "string")
    if schema.min_length and len(value) < schema.min_length:
        value = value + "x" * (schema.min_length - len(value))
    return value
