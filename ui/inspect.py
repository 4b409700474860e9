"""`apiface inspect SOURCE`: the operations as a table, or the model as JSON."""

from __future__ import annotations

import json
import shutil
import sys
from typing import Any

from introspect import Api, Operation


def _body_types(op: Operation) -> str:
    return ", ".join(c.media_type for c in op.body.contents) if op.body else ""


def _response_types(op: Operation) -> str:
    seen: list[str] = []
    for response in op.responses:
        for content in response.contents:
            if content.media_type not in seen:
                seen.append(content.media_type)
    return ", ".join(seen)


def _parameters(op: Operation) -> str:
    return ", ".join(f"{p.name}{'*' if p.required else ''}({p.location})" for p in op.parameters)


def operation_rows(api: Api) -> list[dict[str, str]]:
    """One row per operation: method, path, name, parameters, body and response types, problems."""
    rows = []
    for op in api.operations:
        notes = list(op.problems)
        if op.deprecated:
            notes.insert(0, "deprecated")
        if op.streaming:
            notes.append(f"streams ({op.streaming})")
        rows.append({"method": op.method.upper(), "path": op.path, "name": op.name,
                     "parameters": _parameters(op), "body": _body_types(op),
                     "responses": _response_types(op), "notes": "; ".join(notes)})
    return rows


def render_table(api: Api, width: int | None = None) -> str:
    """A plain-text table; long cells are cut with …, lines to the terminal's width."""
    if width is None:  # piped output (grep, a file) keeps whole lines
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    rows = operation_rows(api)
    columns = ["method", "path", "name", "parameters", "body", "responses", "notes"]
    caps = {"method": 7, "path": 48, "name": 32, "parameters": 40, "body": 24, "responses": 28, "notes": 40}
    sizes = {c: min(caps[c], max([len(c), *(len(r[c]) for r in rows)])) for c in columns}

    def cell(text: str, size: int) -> str:
        return (text if len(text) <= size else text[: size - 1] + "…").ljust(size)

    lines = [f"{api.title} {api.version} — {len(api.operations)} operations "
             f"(OpenAPI {api.spec_version}) from {api.source}"]
    lines.append("  ".join(cell(c.upper(), sizes[c]) for c in columns).rstrip())
    lines += ["  ".join(cell(r[c], sizes[c]) for c in columns).rstrip() for r in rows]
    if api.problems:
        lines.append("")
        lines.append(f"{len(api.problems)} problems:")
        lines += [f"  - {p}" for p in api.problems]
    return "\n".join(line[:width] if width > 40 else line for line in lines)


def model_json(api: Api) -> str:
    """The whole model as JSON (schemas by reference), for comparing and scripting."""
    data: dict[str, Any] = api.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return json.dumps(data, indent=1, ensure_ascii=False)
