"""Build the Api model from a parsed OpenAPI 3.x document."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import DocumentError, UnsupportedDocument
from .load import Document
from .model import (
    Api,
    Content,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SecurityScheme,
    Server,
    ServerVariable,
)
from .refs import Resolver
from .schemas import SchemaBuilder

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_LOCATIONS = ("path", "query", "header", "cookie")


def build_api(document: Document) -> Api:
    """The Api model of an OpenAPI 3.0/3.1 document.

    An operation that cannot be modelled stays listed, with its reason in
    `problems`, so every other operation stays usable.
    """
    data = document.data
    version = document.version
    if not version.startswith("3."):
        if version.startswith("2"):
            raise UnsupportedDocument(document.source, "Swagger 2.0 documents are not supported yet; "
                                      "convert it to OpenAPI 3 (for example with swagger2openapi) "
                                      "and point apiface at the result")
        raise UnsupportedDocument(document.source, f"unknown OpenAPI version {version!r}")
    resolver = Resolver(data, document.url)
    try:
        return _Builder(document, resolver).build()
    finally:
        resolver.close()


class _Builder:
    def __init__(self, document: Document, resolver: Resolver) -> None:
        self.document = document
        self.resolver = resolver
        self.base = resolver.root_url
        self.schemas = SchemaBuilder(resolver)
        self.names: set[str] = set()
        self.problems: list[str] = list(document.warnings)

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
            servers=_servers(data.get("servers"), self.document.url),
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
            return Operation(
                **head,
                parameters=self._parameters(shared, op.get("parameters"), base),
                body=self._body(op.get("requestBody"), base),
                responses=self._responses(op.get("responses"), base),
                security=_security(op.get("security")),
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

    def _parameters(self, shared: list[Any], own: Any, base: str) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], Parameter] = {}
        # Operation-level parameters override path-level ones with the same name and location.
        for raw in [*shared, *(own if isinstance(own, list) else [])]:
            raw, pbase = self._deref(raw, base)
            if not isinstance(raw, dict) or raw.get("in") not in _LOCATIONS or not raw.get("name"):
                continue
            param = self._parameter(raw, pbase)
            merged[(param.location, param.name.lower() if param.location == "header" else param.name)] = param
        return tuple(merged.values())

    def _parameter(self, raw: dict[str, Any], base: str) -> Parameter:
        schema_raw = raw.get("schema")
        if schema_raw is None and isinstance(raw.get("content"), dict) and raw["content"]:
            schema_raw = next(iter(raw["content"].values())).get("schema")
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
            style=_text(raw.get("style")),
            explode=raw.get("explode") if isinstance(raw.get("explode"), bool) else None,
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

    def _responses(self, raw: Any, base: str) -> tuple[Response, ...]:
        if not isinstance(raw, dict):
            return ()
        found = []
        for status, response in raw.items():
            response, rbase = self._deref(response, base)
            if not isinstance(response, dict):
                continue
            found.append(Response(status=str(status), description=_text(response.get("description")),
                                  contents=self._contents(response.get("content"), rbase)))
        return tuple(found)

    def _security_schemes(self) -> tuple[SecurityScheme, ...]:
        components = self.document.data.get("components")
        raw = components.get("securitySchemes") if isinstance(components, dict) else None
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
            found.append(SecurityScheme(
                key=str(key), type=str(scheme.get("type", "")), description=_text(scheme.get("description")),
                name=_text(scheme.get("name")), location=_text(scheme.get("in")),
                scheme=_text(scheme.get("scheme")), bearer_format=_text(scheme.get("bearerFormat")),
            ))
        return tuple(found)


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


def _servers(raw: Any, document_url: str | None) -> tuple[Server, ...]:
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
