"""Build the Api model from a parsed document: OpenAPI 3.0/3.1, and Swagger 2.0
brought into the same shape (body/formData parameters become a request body,
`produces`/`consumes` become media types, host/basePath/schemes a server)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from .cache import store_model
from .errors import DocumentError, UnsupportedDocument
from .load import Document
from .media import is_stream, parse_media_type
from .model import (
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
)
from .refs import Resolver
from .schemas import SchemaBuilder

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_LOCATIONS = ("path", "query", "header", "cookie")


def build_api(document: Document) -> Api:
    """The Api model of a Swagger 2.0 or OpenAPI 3.0/3.1 document.

    An operation that cannot be modelled stays listed, with its reason in
    `problems`, so every other operation stays usable.
    """
    data = document.data
    version = document.version
    if not (version.startswith("3.") or version.startswith("2.")):
        raise UnsupportedDocument(document.source, f"unknown OpenAPI version {version!r}; "
                                  "apiface reads Swagger 2.0 and OpenAPI 3.0/3.1")
    if document.model is not None:
        return document.model.model_copy(update={"source": document.source})
    resolver = Resolver(data, document.url)
    try:
        api = _Builder(document, resolver).build()
    finally:
        resolver.close()
    if document.digest and resolver.only_root:  # other files could change under the same hash
        store_model(document.digest, api)
    return api


class _Builder:
    def __init__(self, document: Document, resolver: Resolver) -> None:
        self.document = document
        self.resolver = resolver
        self.base = resolver.root_url
        self.schemas = SchemaBuilder(resolver)
        self.names: set[str] = set()
        self.problems: list[str] = list(document.warnings)
        self.swagger2 = document.version.startswith("2")
        self._parameters_seen: dict[tuple[int, str], tuple[Any, Parameter]] = {}
        data = document.data
        self.consumes = _media_list(data.get("consumes")) or ("application/json",)
        self.produces = _media_list(data.get("produces")) or ("application/json",)

    def build(self) -> Api:
        data = self.document.data
        info = data.get("info") if isinstance(data.get("info"), dict) else {}
        operations = []
        paths = data.get("paths") if isinstance(data.get("paths"), dict) else {}
        for path, item in paths.items():
            operations += self._path_operations(str(path), item)
        return Api(
            title=str(info.get("title") or "API"),
            version=str(info.get("version") or ""),
            description=info.get("description") if isinstance(info.get("description"), str) else None,
            spec_version=self.document.version,
            source=self.document.source,
            servers=_swagger2_servers(data) if self.swagger2 else _servers(data.get("servers")),
            operations=tuple(operations),
            schemas=self.schemas.table,
            security_schemes=self._security_schemes(),
            security=_security(data.get("security")) or (),
            problems=tuple(self.problems),
        )

    def _deref(self, node: Any, base: str) -> tuple[Any, str]:
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            key = self.resolver.key(node["$ref"], base)
            if key in seen:
                raise DocumentError(base or self.document.source, "$ref cycle", pointer=key, kind="ref")
            seen.add(key)
            node, base = self.resolver.lookup(node["$ref"], base)
        return node, base

    def _path_operations(self, path: str, item: Any) -> list[Operation]:
        try:
            item, base = self._deref(item, self.base)
        except DocumentError as exc:
            self.problems.append(f"{path}: {exc}")
            return []
        if not isinstance(item, dict):
            return []
        shared = item.get("parameters") if isinstance(item.get("parameters"), list) else []
        found = []
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                found.append(self._operation(method, path, op, shared, base))
        return found

    def _operation(self, method: str, path: str, op: dict[str, Any], shared: list[Any], base: str) -> Operation:
        name = self._unique_name(op.get("operationId"), method, path)
        head = {
            "name": name,
            "operation_id": op.get("operationId") if isinstance(op.get("operationId"), str) else None,
            "method": method,
            "path": path,
            "summary": _text(op.get("summary")),
            "description": _text(op.get("description")),
            "tags": tuple(str(t) for t in op.get("tags") or () if isinstance(t, (str, int))),
            "deprecated": op.get("deprecated") is True,
        }
        try:
            raw_params = self._merged_parameters(shared, op.get("parameters"), base)
            if self.swagger2:
                body = self._swagger2_body(raw_params, _media_list(op.get("consumes")) or self.consumes)
            else:
                body = self._body(op.get("requestBody"), base)
            responses = self._responses(op.get("responses"), base, _media_list(op.get("produces")) or self.produces)
            return Operation(
                **head,
                parameters=tuple(self._parameter(raw, pbase) for raw, pbase in raw_params
                                 if raw["in"] in _LOCATIONS),
                body=body,
                responses=responses,
                security=_security(op.get("security")),
                streaming=self._streaming(path, body, responses),
            )
        except (DocumentError, ValueError, TypeError, RecursionError) as exc:
            reason = f"could not be modelled: {exc}"
            self.problems.append(f"{method.upper()} {path}: {reason}")
            return Operation(**head, problems=(reason,))

    def _unique_name(self, operation_id: Any, method: str, path: str) -> str:
        if isinstance(operation_id, str) and operation_id.strip():
            name = operation_id.strip()
        else:
            # Readable and stable: "get_users_by_id" for GET /users/{id}.
            slug = re.sub(r"\{([^}]*)\}", r"by_\1", path.split("#", 1)[0])
            slug = re.sub(r"[^0-9A-Za-z]+", "_", slug).strip("_")
            name = f"{method}_{slug}" if slug else method
            if "#" in path:
                name += "_" + re.sub(r"[^0-9A-Za-z]+", "_", path.split("#", 1)[1]).strip("_")
        unique, n = name, 2
        while unique in self.names:
            unique, n = f"{name}_{n}", n + 1
        self.names.add(unique)
        return unique

    def _streaming(self, path: str, body: RequestBody | None, responses: tuple[Response, ...]) -> str | None:
        if any(is_stream(c.media_type) for r in responses for c in r.contents):
            return "declared"
        for content in body.contents if body else ():
            stream = self.schemas.resolve_property(content.schema_, "stream")
            if stream is not None and "boolean" in stream.types:
                return "body-flag"
        if path.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1] in _STREAM_PATH_NAMES:
            return "path-name"
        return None

    def _merged_parameters(self, shared: list[Any], own: Any, base: str) -> list[tuple[dict[str, Any], str]]:
        """Path-level and operation-level parameters; the operation's win on (in, name)."""
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for raw in [*shared, *(own if isinstance(own, list) else [])]:
            raw, pbase = self._deref(raw, base)
            if not isinstance(raw, dict) or not raw.get("name") or not isinstance(raw.get("in"), str):
                continue
            location, name = raw["in"], str(raw["name"])
            merged[(location, name.lower() if location == "header" else name)] = (raw, pbase)
        return list(merged.values())

    def _parameter(self, raw: dict[str, Any], base: str) -> Parameter:
        memo = (id(raw), base)  # shared parameters ($ref'd, path-level) are built once
        if memo not in self._parameters_seen:  # raw is kept too, so its id stays unique
            self._parameters_seen[memo] = (raw, self._new_parameter(raw, base))
        return self._parameters_seen[memo][1]

    def _new_parameter(self, raw: dict[str, Any], base: str) -> Parameter:
        schema_raw = raw.get("schema")
        if schema_raw is None and isinstance(raw.get("content"), dict) and raw["content"]:
            schema_raw = next(iter(raw["content"].values())).get("schema")
        style, explode = _text(raw.get("style")), raw.get("explode") if isinstance(raw.get("explode"), bool) else None
        if self.swagger2:
            schema_raw = _swagger2_schema(raw)
            if raw.get("type") == "array":
                style, explode = _COLLECTION_FORMATS.get(str(raw.get("collectionFormat", "csv")), (None, None))
        schema = self.schemas.convert(schema_raw, base)
        example = raw.get("example")
        if example is None and isinstance(raw.get("examples"), dict):
            example = _first_example(raw["examples"], self, base)
        location = raw["in"]
        return Parameter(
            name=str(raw["name"]),
            location=location,
            required=raw.get("required") is True or location == "path",
            description=_text(raw.get("description")),
            deprecated=raw.get("deprecated") is True,
            schema=schema,
            style=style,
            explode=explode,
            example=example,
        )

    def _contents(self, content: Any, base: str) -> tuple[Content, ...]:
        if not isinstance(content, dict):
            return ()
        found = []
        for media_type, media in content.items():
            media = media if isinstance(media, dict) else {}
            example, has_example = None, False
            if "example" in media:
                example, has_example = media["example"], True
            elif isinstance(media.get("examples"), dict) and media["examples"]:
                example, has_example = _first_example(media["examples"], self, base), True
            found.append(Content(media_type=str(media_type),
                                 schema=self.schemas.convert(media.get("schema"), base),
                                 example=example, has_example=has_example))
        return tuple(found)

    def _body(self, raw: Any, base: str) -> RequestBody | None:
        if raw is None:
            return None
        raw, bbase = self._deref(raw, base)
        if not isinstance(raw, dict):
            return None
        return RequestBody(required=raw.get("required") is True, description=_text(raw.get("description")),
                           contents=self._contents(raw.get("content"), bbase))

    def _responses(self, raw: Any, base: str, produces: tuple[str, ...]) -> tuple[Response, ...]:
        if not isinstance(raw, dict):
            return ()
        found = []
        for status, response in raw.items():
            if str(status).startswith("x-"):
                continue
            response, rbase = self._deref(response, base)
            if not isinstance(response, dict):
                continue
            if self.swagger2:
                contents: tuple[Content, ...] = ()
                if response.get("schema") is not None:
                    schema = self.schemas.convert(response["schema"], rbase)
                    examples = response.get("examples") if isinstance(response.get("examples"), dict) else {}
                    contents = tuple(Content(media_type=m, schema=schema, example=examples.get(m),
                                             has_example=m in examples) for m in produces)
            else:
                contents = self._contents(response.get("content"), rbase)
            found.append(Response(status=str(status), description=_text(response.get("description")),
                                  contents=contents))
        return tuple(found)

    def _swagger2_body(self, params: list[tuple[dict[str, Any], str]], consumes: tuple[str, ...]) -> RequestBody | None:
        """Swagger 2.0: the `body` parameter, or the `formData` ones as an object."""
        for raw, pbase in params:
            if raw["in"] == "body":
                schema = self.schemas.convert(raw.get("schema"), pbase)
                return RequestBody(required=raw.get("required") is True, description=_text(raw.get("description")),
                                   contents=tuple(Content(media_type=m, schema=schema) for m in consumes))
        form = [(raw, pbase) for raw, pbase in params if raw["in"] == "formData"]
        if not form:
            return None
        properties = {str(raw["name"]): self.schemas.convert(_swagger2_schema(raw), pbase) for raw, pbase in form}
        required = tuple(str(raw["name"]) for raw, _ in form if raw.get("required") is True)
        schema = Schema(types=("object",), properties=properties, required=required)
        has_file = any(raw.get("type") == "file" for raw, _ in form)
        media = [m for m in consumes if parse_media_type(m) in ("multipart/form-data", "application/x-www-form-urlencoded")]
        if has_file or not media:
            media = ["multipart/form-data"] if has_file else ["application/x-www-form-urlencoded"]
        return RequestBody(required=bool(required), contents=tuple(Content(media_type=m, schema=schema) for m in media))

    def _security_schemes(self) -> tuple[SecurityScheme, ...]:
        components = self.document.data.get("components")
        raw = components.get("securitySchemes") if isinstance(components, dict) else None
        if self.swagger2:
            raw = self.document.data.get("securityDefinitions")
        if not isinstance(raw, dict):
            return ()
        found = []
        for key, scheme in raw.items():
            try:
                scheme, _ = self._deref(scheme, self.base)
            except DocumentError as exc:
                self.problems.append(f"security scheme {key}: {exc}")
                continue
            if not isinstance(scheme, dict):
                continue
            kind, http_scheme = str(scheme.get("type", "")), _text(scheme.get("scheme"))
            if kind == "basic":  # Swagger 2.0's basic is OpenAPI 3's http + basic
                kind, http_scheme = "http", "basic"
            found.append(SecurityScheme(
                key=str(key), type=kind, description=_text(scheme.get("description")),
                name=_text(scheme.get("name")), location=_text(scheme.get("in")),
                scheme=http_scheme, bearer_format=_text(scheme.get("bearerFormat")),
            ))
        return tuple(found)


# Swagger 2.0 collectionFormat → OpenAPI 3 (style, explode); "multi" repeats the key.
_COLLECTION_FORMATS = {
    "csv": ("form", False), "multi": ("form", True), "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False), "tsv": ("tabDelimited", False),
}

_STREAM_PATH_NAMES = ("stream", "stream_log", "stream_events", "generate_stream", "streaming")

_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum",
                "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
                "uniqueItems", "multipleOf", "x-nullable", "x-example", "description")


def _swagger2_schema(param: dict[str, Any]) -> dict[str, Any]:
    """A Swagger 2.0 non-body parameter is its own schema; `type: file` is binary."""
    schema = {k: param[k] for k in _SCHEMA_KEYS if k in param}
    if schema.get("type") == "file":
        schema.update(type="string", format="binary")
    if isinstance(schema.get("items"), dict):
        schema["items"] = _swagger2_schema(schema["items"]) if "$ref" not in schema["items"] else schema["items"]
    return schema


def _media_list(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _swagger2_servers(data: dict[str, Any]) -> tuple[Server, ...]:
    """host + basePath + schemes; without a host the base path is relative to the document."""
    base_path = data.get("basePath") if isinstance(data.get("basePath"), str) else ""
    host = data.get("host") if isinstance(data.get("host"), str) else None
    if not host:
        return (Server(url=base_path or "/"),) if base_path else ()
    schemes = [s for s in data.get("schemes") or [] if s in ("http", "https")] or ["https"]
    return tuple(Server(url=f"{scheme}://{host}{base_path}") for scheme in schemes)


def _first_example(examples: dict[str, Any], builder: _Builder, base: str) -> Any:
    for example in examples.values():
        try:
            example, _ = builder._deref(example, base)
        except DocumentError:
            continue
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _security(raw: Any) -> tuple[tuple[str, ...], ...] | None:
    if not isinstance(raw, list):
        return None
    return tuple(tuple(str(k) for k in req) for req in raw if isinstance(req, dict))


def _servers(raw: Any) -> tuple[Server, ...]:
    servers = []
    for server in raw if isinstance(raw, list) else []:
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        variables = []
        for name, var in (server.get("variables") or {}).items():
            if isinstance(var, dict):
                variables.append(ServerVariable(
                    name=str(name), default=str(var.get("default", "")),
                    enum=tuple(str(v) for v in var.get("enum") or ()),
                    description=_text(var.get("description")),
                ))
        servers.append(Server(url=server["url"], description=_text(server.get("description")),
                              variables=tuple(variables)))
    return tuple(servers)


def default_base_url(api: Api, server_index: int = 0, choices: dict[str, str] | None = None) -> str | None:
    """The URL calls go to: the chosen server (relative ones resolved against the
    document's URL), else the origin the document came from; None if unknown."""
    document_url = api.source if urlsplit(api.source).scheme in ("http", "https") else None
    if api.servers and server_index < len(api.servers):
        url = api.servers[server_index].resolved(choices)
        if urlsplit(url).scheme in ("http", "https"):
            return url.rstrip("/")
        if document_url:  # a relative server, e.g. "/api" (OpenAPI 3.0 §4.7.5)
            return urljoin(document_url, url).rstrip("/")
        return None
    if document_url:
        parts = urlsplit(document_url)
        return f"{parts.scheme}://{parts.netloc}"
    return None
