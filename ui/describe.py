"""Text about an API for a person: an operation's header, its responses, its auth."""

from __future__ import annotations

import html

from introspect import Api, Operation, Schema

MAX_LISTED_FIELDS = 40


def operation_markdown(op: Operation) -> str:
    """The header of an operation's page: method, path, summary, description, problems."""
    lines = [f"## `{op.method.upper()}` `{op.path}`"]
    if op.summary:
        lines.append(f"**{html.escape(op.summary)}**")
    if op.deprecated:
        lines.append("**Deprecated:** the API may remove this operation.")
    if op.description and op.description.strip() != (op.summary or "").strip():
        lines.append(op.description.strip())
    if "#" in op.path:
        lines.append(f"*Sent as `{op.request_path}` (the `#…` part of the document's key is not sent).*")
    if op.streaming:
        lines.append("*This operation may answer as a stream: the answer shows as it arrives, then as "
                     "the list of its events.*")
    for problem in op.problems:
        lines.append(f"**Note:** apiface could not understand part of this operation: {html.escape(problem)}")
    return "\n\n".join(lines)


def _type_label(api: Api, schema: Schema) -> str:
    resolved = api.resolve(schema)
    if schema.ref:
        name = schema.ref.rsplit("/", 1)[-1]
        return name + (" or null" if resolved.nullable else "")
    if resolved.enum:
        return "one of " + ", ".join(f"`{v}`" for v in resolved.enum[:8]) + ("…" if len(resolved.enum) > 8 else "")
    if resolved.items is not None:
        return f"list of {_type_label(api, resolved.items)}"
    if resolved.variants:
        return " or ".join(v.name for v in resolved.variants[:6])
    label = "/".join(resolved.types) or "any"
    if resolved.format:
        label += f" ({resolved.format})"
    return label + (" or null" if resolved.nullable else "")


def schema_fields_markdown(api: Api, schema: Schema) -> str:
    """The top-level fields of a response schema; writeOnly ones are never sent back, so left out."""
    resolved = api.resolve(schema)
    if resolved.items is not None and not resolved.properties:
        inner = api.resolve(resolved.items)
        if inner.properties:
            return "A list of objects with:\n" + schema_fields_markdown(api, resolved.items)
    if not resolved.properties:
        return f"{_type_label(api, schema)}"
    rows = []
    for name, prop in list(resolved.properties.items())[:MAX_LISTED_FIELDS]:
        if api.resolve(prop).write_only:
            continue
        note = (api.resolve(prop).description or "").strip().split("\n", 1)[0][:160]
        rows.append(f"- `{name}`: {_type_label(api, prop)}" + (f" — {html.escape(note)}" if note else ""))
    if len(resolved.properties) > MAX_LISTED_FIELDS:
        rows.append(f"- … and {len(resolved.properties) - MAX_LISTED_FIELDS} more")
    return "\n".join(rows)


def responses_markdown(api: Api, op: Operation) -> str:
    """Each declared response: status, description, media types, the fields it carries."""
    parts = []
    for response in op.responses:
        head = f"**{response.status}**" + (f" {html.escape(response.description.strip())}"
                                          if response.description else "")
        if response.contents:
            head += " — " + ", ".join(f"`{c.media_type}`" for c in response.contents)
            first = response.contents[0]
            head += "\n\n" + schema_fields_markdown(api, first.schema_)
        parts.append(head)
    return "\n\n".join(parts) or "No responses are described."


def auth_placeholder(api: Api) -> str:
    """Example header lines for the API's security schemes."""
    lines = []
    for scheme in api.security_schemes:
        if scheme.type == "apiKey" and scheme.location == "header" and scheme.name:
            lines.append(f"{scheme.name}: …")
        elif scheme.type == "http" and (scheme.scheme or "").lower() == "bearer":
            lines.append("Authorization: Bearer …")
        elif scheme.type == "http" and (scheme.scheme or "").lower() == "basic":
            lines.append("Authorization: Basic <base64 of user:password>")
        elif scheme.type in ("oauth2", "openIdConnect"):
            lines.append("Authorization: Bearer <access token>")
    return "\n".join(dict.fromkeys(lines)) or "Authorization: Bearer …\nX-API-Key: …"


def auth_info(api: Api) -> str:
    """Which ways of authenticating the document declares, in a line."""
    if not api.security_schemes:
        return ""
    kinds = [f"{s.key} ({s.type}{' ' + s.scheme if s.scheme else ''}"
             f"{' in ' + s.location if s.location else ''})" for s in api.security_schemes]
    return "One `Name: value` per line. This API declares: " + ", ".join(kinds)


