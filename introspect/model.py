"""The spec-neutral model of an API: frozen pydantic objects built from a document.

The ui needs nothing but this model. Schemas keep `$ref`s as keys into
`Api.schemas`, so a model stays small and serialisable even for recursive or
heavily shared schemas; `Api.resolve` follows a reference when a form needs it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

JSON = Any
"""A raw JSON value: dict, list, str, int, float, bool or None."""

Location = Literal["path", "query", "header", "cookie"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Variant(_Frozen):
    """One alternative of a oneOf/anyOf, with the name a person would choose it by."""

    name: str
    schema_: Schema = Field(alias="schema")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Schema(_Frozen):
    """The parts of a JSON Schema that decide a form field or a result view."""

    ref: str | None = None
    """Key into Api.schemas; other fields then annotate the referenced schema."""
    types: tuple[str, ...] = ()
    """Allowed JSON types without "null"; empty means any."""
    nullable: bool = False
    format: str | None = None
    title: str | None = None
    description: str | None = None
    default: JSON = None
    has_default: bool = False
    examples: tuple[JSON, ...] = ()
    enum: tuple[JSON, ...] | None = None
    """Allowed values: enum, const, or a pattern that is a plain list of alternatives."""
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    properties: dict[str, Schema] = Field(default_factory=dict)
    required: tuple[str, ...] = ()
    additional_properties: bool | Schema | None = None
    items: Schema | None = None
    prefix_items: tuple[Schema, ...] = ()
    min_items: int | None = None
    max_items: int | None = None
    variants: tuple[Variant, ...] = ()
    variant_kind: Literal["oneOf", "anyOf"] | None = None
    discriminator: str | None = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    content_media_type: str | None = None
    content_encoding: str | None = None

    @property
    def is_binary(self) -> bool:
        """Raw bytes (format binary, Swagger `type: file`, or a non-text contentMediaType)."""
        if self.format == "binary" or "file" in self.types:
            return True
        cmt = self.content_media_type
        return bool(cmt) and not self.is_base64 and not _is_text_media(cmt)

    @property
    def is_base64(self) -> bool:
        """Bytes carried as base64 text."""
        return self.format in ("byte", "base64") or (self.content_encoding or "").lower() == "base64"


def _is_text_media(media_type: str) -> bool:
    main = media_type.split(";")[0].strip().lower()
    return main.startswith("text/") or main.endswith(("json", "xml"))


class Parameter(_Frozen):
    """A path, query, header or cookie parameter."""

    name: str
    location: Location
    required: bool = False
    description: str | None = None
    deprecated: bool = False
    schema_: Schema = Field(default_factory=Schema, alias="schema")
    style: str | None = None
    explode: bool | None = None
    example: JSON = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Content(_Frozen):
    """One media type of a body or response and its schema."""

    media_type: str
    schema_: Schema = Field(default_factory=Schema, alias="schema")
    example: JSON = None
    has_example: bool = False

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class RequestBody(_Frozen):
    """The request body an operation accepts, in one or more media types."""

    required: bool = False
    description: str | None = None
    contents: tuple[Content, ...] = ()


class Response(_Frozen):
    """One declared response: a status code ("200", "2XX" or "default")."""

    status: str
    description: str | None = None
    contents: tuple[Content, ...] = ()


class SecurityScheme(_Frozen):
    """A way the API authenticates (apiKey, http, oauth2, openIdConnect)."""

    key: str
    type: str
    description: str | None = None
    name: str | None = None
    location: str | None = None
    scheme: str | None = None
    bearer_format: str | None = None


class ServerVariable(_Frozen):
    """A `{name}` in a server URL, with its default and allowed values."""

    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None


class Server(_Frozen):
    """A base URL the operations can be called on (possibly templated)."""

    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()

    def resolved(self, choices: dict[str, str] | None = None) -> str:
        """The URL with each variable replaced by the chosen value or its default."""
        url = self.url
        for var in self.variables:
            url = url.replace("{" + var.name + "}", (choices or {}).get(var.name, var.default))
        return url


class Operation(_Frozen):
    """One callable operation: a method on a path."""

    name: str
    """Unique, stable: the operationId, else derived from method and path."""
    operation_id: str | None = None
    method: str
    path: str
    """The path key as written in the document (may carry a #fragment)."""
    summary: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    deprecated: bool = False
    parameters: tuple[Parameter, ...] = ()
    body: RequestBody | None = None
    responses: tuple[Response, ...] = ()
    security: tuple[tuple[str, ...], ...] | None = None
    problems: tuple[str, ...] = ()
    """What apiface could not understand about this operation."""
    streaming: Literal["declared", "body-flag", "path-name"] | None = None
    """Whether answers stream: a streaming response media type is declared, a boolean
    `stream` body property asks for it (OpenAI-style chat), or the path is named so
    (LangServe's `/stream` sends SSE while its document says JSON)."""

    @property
    def request_path(self) -> str:
        """The path to send: a `#fragment` in the document's key is never sent."""
        return self.path.split("#", 1)[0]

    @property
    def title(self) -> str:
        """Method and path, as a person scans for them."""
        return f"{self.method.upper()} {self.path}"


class Api(_Frozen):
    """A whole API as apiface understands it."""

    title: str = "API"
    version: str = ""
    description: str | None = None
    spec_version: str
    """The document's openapi/swagger version string."""
    source: str
    """Where the document came from: a URL or a file path."""
    servers: tuple[Server, ...] = ()
    operations: tuple[Operation, ...] = ()
    schemas: dict[str, Schema] = Field(default_factory=dict)
    """Every referenced schema by its $ref string."""
    security_schemes: tuple[SecurityScheme, ...] = ()
    security: tuple[tuple[str, ...], ...] = ()
    problems: tuple[str, ...] = ()
    """Document-wide problems: operations that could not be modelled, warnings."""

    _by_name: dict[str, int] | None = PrivateAttr(default=None)

    def operation(self, name: str) -> Operation:
        """The operation with this name; KeyError if there is none."""
        index = self._index()
        return self.operations[index[name]]

    def find(self, name: str) -> Operation | None:
        """The operation with this name (or operationId), or None."""
        index = self._index()
        return self.operations[index[name]] if name in index else None

    def _index(self) -> dict[str, int]:
        index = self._by_name
        if index is None:
            index = {op.name: i for i, op in enumerate(self.operations)}
            for i, op in enumerate(self.operations):
                if op.operation_id:
                    index.setdefault(op.operation_id, i)
            self._by_name = index
        return index

    def resolve(self, schema: Schema) -> Schema:
        """Follow `ref`s until a concrete schema; the referrer's annotations win."""
        seen: set[str] = set()
        while schema.ref is not None and schema.ref not in seen:
            seen.add(schema.ref)
            target = self.schemas.get(schema.ref)
            if target is None:
                return schema.model_copy(update={"ref": None})
            overrides = {
                key: getattr(schema, key)
                for key in ("description", "title", "default", "has_default", "examples",
                            "read_only", "write_only", "deprecated")
                if getattr(schema, key)
            }
            if schema.nullable:
                overrides["nullable"] = True
            schema = target.model_copy(update=overrides) if overrides else target
        return schema
