"""Turn raw JSON Schema (OpenAPI 3.0/3.1 dialects) into the model's Schema.

Each referenced schema is converted once and stored under its canonical `$ref`
key; a reference stays a reference, so cycles end by construction.
"""

from __future__ import annotations

import re
from typing import Any

from .model import JSON, Schema, Variant
from .refs import Resolver

# `pattern: ^(fast|slow)$`: a choice written as a regex (corpus lesson 4).
_ALTERNATIVES = re.compile(r"^\^?\(?((?:[\w.\- ]+\|)+[\w.\- ]+)\)?\$?$")

_ANNOTATIONS = ("description", "title", "default", "example", "examples", "readOnly",
                "writeOnly", "deprecated", "nullable", "x-nullable")

_MAX_DEPTH = 64


class SchemaBuilder:
    """Converts raw schemas, filling `table` with every referenced schema."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.table: dict[str, Schema] = {}
        self._in_progress: set[str] = set()
        # The same raw object is met many times (a parameter shared by hundreds of
        # operations); its Schema depends only on it and its base, so convert it once.
        # The raw object is kept with its Schema so that its id is never reused.
        self._seen: dict[tuple[int, str], tuple[Any, Schema]] = {}

    def convert(self, raw: Any, base: str = "", depth: int = 0) -> Schema:
        """The Schema for a raw schema object found in the document at `base`."""
        if raw is True or raw is None or not isinstance(raw, dict):
            return Schema()
        if depth > _MAX_DEPTH:
            return Schema(description="(nested too deeply to show as fields)")
        memo = (id(raw), base)
        if memo in self._seen:
            return self._seen[memo][1]
        if "$ref" in raw and isinstance(raw["$ref"], str):
            key = self._convert_ref(raw["$ref"], base, depth)
            schema = Schema(ref=key, **_annotations(raw))
        else:
            merged = self._merge_all_of(raw, base, set()) if isinstance(raw.get("allOf"), list) else raw
            schema = self._convert_plain(merged, base, depth)
        self._seen[memo] = (raw, schema)
        return schema

    def resolve_property(self, schema: Schema, name: str) -> Schema | None:
        """A property of a (possibly referenced) object schema, itself resolved; or None."""
        seen: set[str] = set()
        while schema.ref is not None and schema.ref in self.table and schema.ref not in seen:
            seen.add(schema.ref)
            schema = self.table[schema.ref]
        prop = schema.properties.get(name)
        while prop is not None and prop.ref is not None and prop.ref in self.table and prop.ref not in seen:
            seen.add(prop.ref)
            prop = self.table[prop.ref]
        return prop

    def _convert_ref(self, ref: str, base: str, depth: int) -> str:
        key = self.resolver.key(ref, base)
        if key in self.table or key in self._in_progress:
            return key
        self._in_progress.add(key)
        try:
            target, target_base = self.resolver.lookup(ref, base)
            self.table[key] = self.convert(target, target_base, depth + 1)
        finally:
            self._in_progress.discard(key)
        return key

    def _merge_all_of(self, raw: dict[str, Any], base: str, seen: set[str]) -> dict[str, Any]:
        """allOf members merged into one raw schema (properties and required united)."""
        merged: dict[str, Any] = {k: v for k, v in raw.items() if k != "allOf"}
        members = [m for m in raw["allOf"] if isinstance(m, dict)]
        for member in members:
            while "$ref" in member and isinstance(member["$ref"], str):
                key = self.resolver.key(member["$ref"], base)
                if key in seen:
                    member = {}
                    break
                seen = seen | {key}
                member, base = self.resolver.lookup(member["$ref"], base)
                if not isinstance(member, dict):
                    member = {}
            if "allOf" in member:
                member = self._merge_all_of(member, base, seen)
            for k, v in member.items():
                if k == "properties" and isinstance(v, dict):
                    merged["properties"] = {**v, **merged.get("properties", {})}
                elif k == "required" and isinstance(v, list):
                    merged["required"] = list(dict.fromkeys([*merged.get("required", []), *v]))
                else:
                    merged.setdefault(k, v)
        return merged

    def _convert_plain(self, raw: dict[str, Any], base: str, depth: int) -> Schema:
        fields: dict[str, Any] = _annotations(raw)
        types, nullable = _types(raw)
        fields["nullable"] = nullable or fields.get("nullable", False)

        variants_raw = None
        for kind in ("oneOf", "anyOf"):
            if isinstance(raw.get(kind), list):
                variants_raw = (kind, raw[kind])
                break
        if variants_raw:
            kind, members = variants_raw
            non_null = [m for m in members if not _is_null(m)]
            if len(non_null) < len(members):
                fields["nullable"] = True
            if len(non_null) == 1 and not raw.get("properties") and not types:
                # anyOf [T, null] is just a nullable T (FastAPI's Optional); keywords
                # beside the anyOf (contentEncoding, format, title …) belong to T.
                member, rest = non_null[0], {k: v for k, v in raw.items() if k != kind}
                if isinstance(member, dict) and "$ref" not in member:
                    inner = self.convert({**member, **rest}, base, depth + 1)
                else:
                    inner = self.convert(member, base, depth + 1)
                return inner.model_copy(update=_merge_notes(inner, fields))
            fields["variants"] = tuple(
                self._variant(m, i, raw.get("discriminator"), base, depth) for i, m in enumerate(non_null)
            )
            fields["variant_kind"] = kind
        disc = raw.get("discriminator")
        if isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
            fields["discriminator"] = disc["propertyName"]
        elif isinstance(disc, str):  # Swagger 2.0 spells it as the property name
            fields["discriminator"] = disc

        if not types:
            if isinstance(raw.get("properties"), dict):
                types = ("object",)
            elif "items" in raw:
                types = ("array",)
        fields["types"] = types
        fields["format"] = _str(raw.get("format"))
        if "file" in types:  # Swagger 2.0's file type: raw bytes
            fields["types"], fields["format"] = tuple("string" if t == "file" else t for t in types), "binary"
        fields["pattern"] = _str(raw.get("pattern"))
        if "enum" in raw and isinstance(raw["enum"], list):
            fields["enum"] = tuple(v for v in raw["enum"] if v is not None)
            if None in raw["enum"]:
                fields["nullable"] = True
        elif "const" in raw:
            fields["enum"] = (raw["const"],)
        elif fields["pattern"] and (not types or types == ("string",)):
            match = _ALTERNATIVES.match(fields["pattern"])
            if match:
                fields["enum"] = tuple(match.group(1).split("|"))
        for key, name in (("minLength", "min_length"), ("maxLength", "max_length"),
                          ("minItems", "min_items"), ("maxItems", "max_items")):
            if isinstance(raw.get(key), int) and not isinstance(raw.get(key), bool):
                fields[name] = raw[key]
        _bounds(raw, fields)
        if isinstance(raw.get("properties"), dict):
            fields["properties"] = {
                str(name): self.convert(sub, base, depth + 1) for name, sub in raw["properties"].items()
            }
        if isinstance(raw.get("required"), list):
            fields["required"] = tuple(str(r) for r in raw["required"])
        extra = raw.get("additionalProperties")
        if isinstance(extra, bool):
            fields["additional_properties"] = extra
        elif isinstance(extra, dict):
            fields["additional_properties"] = self.convert(extra, base, depth + 1)
        if isinstance(raw.get("items"), dict):
            fields["items"] = self.convert(raw["items"], base, depth + 1)
        elif isinstance(raw.get("items"), list):  # draft-4 tuple form
            fields["prefix_items"] = tuple(self.convert(s, base, depth + 1) for s in raw["items"])
        if isinstance(raw.get("prefixItems"), list):
            fields["prefix_items"] = tuple(self.convert(s, base, depth + 1) for s in raw["prefixItems"])
        fields["content_media_type"] = _str(raw.get("contentMediaType"))
        fields["content_encoding"] = _str(raw.get("contentEncoding"))
        return Schema(**{k: v for k, v in fields.items() if v is not None})

    def _variant(self, member: Any, index: int, disc: Any, base: str, depth: int) -> Variant:
        schema = self.convert(member, base, depth + 1)
        return Variant(name=_variant_name(member, schema, index, disc), schema=schema)


def _variant_name(member: Any, schema: Schema, index: int, disc: Any) -> str:
    ref = member.get("$ref") if isinstance(member, dict) else None
    if isinstance(disc, dict) and isinstance(disc.get("mapping"), dict) and ref:
        for value, target in disc["mapping"].items():
            if target == ref or target.rsplit("/", 1)[-1] == ref.rsplit("/", 1)[-1]:
                return str(value)
    if isinstance(member, dict) and isinstance(member.get("title"), str):
        return member["title"]
    if ref:
        return ref.rsplit("/", 1)[-1]
    if schema.enum and len(schema.enum) == 1:
        return str(schema.enum[0])
    if schema.types:
        label = schema.types[0]
        if schema.format:
            label += f" ({schema.format})"
        if schema.items is not None and schema.items.ref:
            label += f" of {schema.items.ref.rsplit('/', 1)[-1]}"
        return label
    return f"Option {index + 1}"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _is_null(member: Any) -> bool:
    return isinstance(member, dict) and (member.get("type") == "null" or member.get("type") == ["null"])


def _types(raw: dict[str, Any]) -> tuple[tuple[str, ...], bool]:
    """Types without "null", and whether null is allowed (3.1 type arrays)."""
    declared = raw.get("type")
    if isinstance(declared, str):
        return ((declared,) if declared != "null" else ()), declared == "null"
    if isinstance(declared, list):
        names = tuple(t for t in declared if isinstance(t, str) and t != "null")
        return names, "null" in declared
    return (), False


def _annotations(raw: dict[str, Any]) -> dict[str, Any]:
    notes: dict[str, Any] = {}
    if isinstance(raw.get("description"), str):
        notes["description"] = raw["description"]
    if isinstance(raw.get("title"), str):
        notes["title"] = raw["title"]
    if "default" in raw:
        notes["default"] = raw["default"]
        notes["has_default"] = True
    examples: list[JSON] = []
    if isinstance(raw.get("examples"), list):
        examples += raw["examples"]
    if "example" in raw:
        examples.append(raw["example"])
    if examples:
        notes["examples"] = tuple(examples)
    for key, name in (("readOnly", "read_only"), ("writeOnly", "write_only"), ("deprecated", "deprecated")):
        if raw.get(key) is True:
            notes[name] = True
    if raw.get("nullable") is True or raw.get("x-nullable") is True:
        notes["nullable"] = True
    return notes


def _merge_notes(inner: Schema, outer: dict[str, Any]) -> dict[str, Any]:
    """Annotations of an anyOf wrapper laid over its single non-null member."""
    update: dict[str, Any] = {"nullable": inner.nullable or bool(outer.get("nullable"))}
    for key in ("description", "title", "default", "has_default", "examples", "read_only",
                "write_only", "deprecated"):
        if outer.get(key):
            update[key] = outer[key]
    if "default" in outer:
        update["default"] = outer["default"]
    return update


def _bounds(raw: dict[str, Any], fields: dict[str, Any]) -> None:
    """minimum/maximum in both dialects: 3.0 boolean exclusives, 3.1 numeric ones."""
    for key, name, flag in (("minimum", "minimum", "exclusive_minimum"),
                            ("maximum", "maximum", "exclusive_maximum")):
        value = raw.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            fields[name] = value
        exclusive = raw.get("exclusiveMinimum" if name == "minimum" else "exclusiveMaximum")
        if exclusive is True:
            fields[flag] = True
        elif isinstance(exclusive, (int, float)) and not isinstance(exclusive, bool):
            fields[name] = exclusive
            fields[flag] = True

