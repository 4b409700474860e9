"""Field → Gradio component. The values they produce are converted by `values`."""

from __future__ import annotations

import json
import math
from typing import Any

import gradio as gr

from .form import Field
from .values import choice_label

NOT_SET = "— not set —"


def component_for(field: Field) -> gr.components.Component:
    """The input component for one field (created in the current Blocks context)."""
    # interactive=True: components made inside gr.render are not always taken as inputs.
    common: dict[str, Any] = {"label": field.label, "key": field.key, "interactive": True}
    info = field.description[:600] or None
    kind = field.kind
    if kind in ("text", "textarea", "password"):
        value = "" if field.initial is None else _as_text(field.initial)
        return gr.Textbox(value=value, info=info, placeholder=field.placeholder or None,
                          lines=4 if kind == "textarea" else 1, max_lines=20 if kind == "textarea" else 1,
                          type="password" if kind == "password" else "text", **common)
    if kind == "dropdown":
        choices: list[Any] = [choice_label(c) for c in field.choices]
        value = choice_label(field.initial) if field.initial is not None else None
        if value is not None and value not in choices:
            choices.append(value)  # a default the document forgot to list among the values
        if not field.required and value is None:
            choices = [(NOT_SET, ""), *[(c, c) for c in choices]]
            value = ""
        return gr.Dropdown(choices=choices, value=value, info=info, **common)
    if kind == "combo":
        value = field.initial if isinstance(field.initial, str) else None
        return gr.Dropdown(choices=list(field.choices), value=value, allow_custom_value=True,
                           info=((info or "") + " (choose, or type any value)").strip(), **common)
    if kind == "multiselect":
        initial = field.initial if isinstance(field.initial, list) else []
        return gr.Dropdown(choices=[choice_label(c) for c in field.choices], multiselect=True,
                           value=[choice_label(v) for v in initial], info=info, **common)
    if kind == "checkbox":
        return gr.Checkbox(value=bool(field.initial), info=info, **common)
    if kind == "tristate":
        return gr.Radio(choices=[(NOT_SET, ""), ("true", "true"), ("false", "false")], value="",
                        info=info, **common)
    if kind == "slider":
        schema = field.schema
        step = 1 if "integer" in schema.types else _step(schema.maximum - schema.minimum)  # type: ignore[operator]
        value = field.initial if isinstance(field.initial, (int, float)) else schema.minimum
        return gr.Slider(minimum=schema.minimum, maximum=schema.maximum, step=step, value=value,
                         info=info, **common)
    if kind in ("number", "integer"):
        value = field.initial if isinstance(field.initial, (int, float)) and not isinstance(field.initial, bool) else None
        return gr.Number(value=value, precision=0 if kind == "integer" else None, info=info,
                         placeholder=field.placeholder or None, **common)
    if kind == "list":
        initial = field.initial if isinstance(field.initial, list) else []
        return gr.Textbox(value="\n".join(str(v) for v in initial), lines=3, max_lines=12,
                          info=((info or "") + " (one value per line)").strip(), **common)
    if kind in ("file", "files"):
        media = (field.schema.content_media_type or "").lower()
        if kind == "file" and (media.startswith("image/") or "image" in field.label.lower()):
            return gr.Image(type="filepath", sources=["upload", "clipboard"], height=220, interactive=True,
                            label=field.label, key=field.key)
        if kind == "file" and (media.startswith("audio/") or "audio" in field.label.lower()):
            return gr.Audio(type="filepath", sources=["upload", "microphone"], interactive=True,
                            label=field.label, key=field.key)
        return gr.File(file_count="multiple" if kind == "files" else "single", type="filepath",
                       interactive=True, label=field.label, key=field.key)
    if kind == "images-base64":
        return gr.File(file_count="multiple", file_types=["image"], type="filepath", interactive=True,
                       label=field.label + " (images, each sent as base64)", key=field.key)
    if kind == "file-base64":
        return gr.File(type="filepath", interactive=True, label=field.label + " (a file, sent as base64)",
                       key=field.key)
    if kind == "image-base64":
        return gr.Image(type="filepath", sources=["upload", "clipboard"], height=220, interactive=True,
                        label=field.label + " (image, sent as base64)", key=field.key)
    # json: a code editor prefilled with a valid example, parsed before sending
    text = "" if field.initial is None else json.dumps(field.initial, indent=2)
    return gr.Code(value=text, language="json", lines=max(3, min(14, text.count("\n") + 1)),
                   label=field.label + " (JSON)" if field.location != "body-json" else field.label,
                   key=field.key, interactive=True)


def _step(span: float) -> float:
    """A round step giving about 100–1000 positions: 0.01 for 0–1, 0.1 for 0–30."""
    step = 10 ** math.floor(math.log10(span / 100)) if span > 0 else 1
    return step


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
