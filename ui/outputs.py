"""Result → what the person sees: status line, JSON, table, media, text, file."""

from __future__ import annotations

import base64
import binascii
import html
import mimetypes
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from introspect import JSON, Result
from introspect.media import parse_media_type, sniff_image

MAX_TABLE_ROWS = 2000
MAX_KEPT_FILES = 200
MAX_VIEW_BYTES = 5_000_000
"""JSON larger than this is offered as a download with a text preview, not a tree."""
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.I)
_TEMP = Path(tempfile.gettempdir()) / "apiface"


@dataclass
class OutputPanel:
    """The response area: one component per way of showing a body."""

    status: gr.Markdown
    json: gr.JSON
    table: gr.Dataframe
    image: gr.Image
    gallery: gr.Gallery
    audio: gr.Audio
    video: gr.Video
    text: gr.Textbox
    html: gr.HTML
    file: gr.File
    headers: gr.JSON

    @classmethod
    def create(cls) -> OutputPanel:
        """Create the components in the current Blocks context (all hidden at first)."""
        status = gr.Markdown("Choose an operation, fill in the form and press **Send**.",
                             elem_id="apiface-status")
        panel = cls(
            status=status,
            json=gr.JSON(label="Response (JSON)", visible=False, elem_id="apiface-json"),
            table=gr.Dataframe(label="As a table", visible=False, interactive=False, wrap=True),
            image=gr.Image(label="Image", visible=False, type="filepath", interactive=False,
                           elem_id="apiface-image"),
            gallery=gr.Gallery(label="Images inside the JSON", visible=False, height=240),
            audio=gr.Audio(label="Audio", visible=False, type="filepath", interactive=False),
            video=gr.Video(label="Video", visible=False, interactive=False),
            text=gr.Textbox(label="Response (text)", visible=False, lines=6, max_lines=30,
                            interactive=False, elem_id="apiface-text"),
            html=gr.HTML(visible=False),
            file=gr.File(label="Download", visible=False, interactive=False),
            headers=None,  # type: ignore[arg-type]
        )
        with gr.Accordion("Response headers", open=False):
            panel.headers = gr.JSON(label="Response headers", visible=False)
        return panel

    def components(self) -> list[gr.components.Component]:
        """The components, in the order `show` returns updates for them."""
        return [self.status, self.json, self.table, self.image, self.gallery, self.audio, self.video,
                self.text, self.html, self.file, self.headers]


def show_result(result: Result, operation_name: str = "response") -> list[Any]:
    """Updates for OutputPanel.components() showing `result`."""
    updates: dict[str, Any] = {name: gr.update(visible=False, value=None) for name in _NAMES}
    updates["status"] = gr.update(value=status_line(result), visible=True)
    updates["headers"] = gr.update(value=result.headers, visible=True)
    if result.kind == "json" and result.size > MAX_VIEW_BYTES:
        # A browser JSON tree of tens of MB freezes the page: offer the file and a preview.
        updates["text"] = gr.update(value=result.content[:MAX_VIEW_BYTES // 10].decode("utf-8", "replace") + "\n…",
                                    visible=True, label=f"Response (first part of {_size(result.size)} of JSON)")
        updates["file"] = gr.update(value=_save(result, operation_name), visible=True)
    elif result.kind == "json":
        updates["json"] = gr.update(value=result.data, visible=True)
        table = as_table(result.data)
        if table is not None:
            updates["table"] = gr.update(value=table, visible=True)
        images = embedded_images(result.data)
        if images:
            updates["gallery"] = gr.update(value=images, visible=True)
    elif result.kind in ("image", "audio", "video"):
        path = _save(result, operation_name)
        updates[result.kind] = gr.update(value=path, visible=True)
        updates["file"] = gr.update(value=path, visible=True)
    elif result.kind == "html":
        frame = f'<iframe sandbox style="width:100%;height:420px;border:1px solid #ccc" srcdoc="{html.escape(result.text or "")}"></iframe>'
        updates["html"] = gr.update(value=frame, visible=True)
        updates["text"] = gr.update(value=result.text, visible=True, label="Response (HTML source)")
    elif result.kind == "text" and not result.complete:
        updates["text"] = gr.update(value=(result.text or "")[-MAX_VIEW_BYTES // 10:], visible=True,
                                    label="Response (arriving)")
    elif result.kind == "text":
        text = result.text or ""
        if len(text) > MAX_VIEW_BYTES:
            updates["file"] = gr.update(value=_save(result, operation_name), visible=True)
            text = text[: MAX_VIEW_BYTES // 10] + "\n…"
        updates["text"] = gr.update(value=text, visible=True, label="Response (text)")
    elif result.kind == "binary":
        updates["file"] = gr.update(value=_save(result, operation_name), visible=True)
    return [updates[name] for name in _NAMES]


def show_message(message: str, kind: str = "error") -> list[Any]:
    """Updates that clear the panel and show only a message (errors, hints)."""
    updates: dict[str, Any] = {name: gr.update(visible=False, value=None) for name in _NAMES}
    title = {"error": "Error", "warning": "Check the form", "info": "Note"}.get(kind, "Note")
    colour = {"error": "#b91c1c", "warning": "#b45309"}.get(kind, "#1d4ed8")
    body = html.escape(message).replace("\n", "  \n")
    updates["status"] = gr.update(value=f'<span style="color:{colour}"><b>{title}:</b></span> {body}',
                                  visible=True)
    return [updates[name] for name in _NAMES]


_NAMES = ("status", "json", "table", "image", "gallery", "audio", "video", "text", "html", "file", "headers")


def status_line(result: Result) -> str:
    """`**200 OK** · 12 ms · 1.2 kB · application/json` plus the request line and any problem."""
    colour = "#1d4ed8" if not result.complete else "#15803d" if result.ok else "#b91c1c"
    badge = (f'<span style="background:{colour};color:white;padding:1px 8px;border-radius:4px">'
             f"<b>{result.status} {html.escape(result.reason)}</b></span>")
    if not result.complete:
        badge += " receiving…"
    parts = [badge, _duration(result.elapsed),
             _size(result.size), html.escape(parse_media_type(result.media_type) or "no content type")]
    line = " · ".join(parts) + f"  \n`{result.method} {result.url}`"
    if not result.ok:
        line += "  \nThe API answered with an error; its reply is shown below."
    if result.problem:
        line += f"  \n**Note:** {html.escape(result.problem)} Showing it as text."
    if result.truncated:
        line += ("  \n**Note:** the response was cut: it was too large, or still streaming when the "
                 "timeout ran out (raise it under Connection to read longer).")
    return line


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _size(size: int) -> str:
    for unit in ("B", "kB", "MB"):
        if size < 1000 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return ""


def as_table(data: JSON) -> list[dict[str, Any]] | None:
    """A list of flat records (or {"key": [records]}) as rows, else None."""
    if isinstance(data, dict) and len(data) <= 3:
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:
            data = lists[0]
    if not isinstance(data, list) or not data or not all(isinstance(r, dict) for r in data):
        return None
    rows = []
    for record in data[:MAX_TABLE_ROWS]:
        rows.append({k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v)
                     for k, v in record.items()})
    return rows


def embedded_images(data: JSON, limit: int = 12) -> list[Any]:
    """Pictures carried as base64 (or data: URLs) anywhere in a JSON value, saved as files."""
    found: list[Any] = []
    stack, visited = [data], 0
    while stack and len(found) < limit and visited < 20000:
        node = stack.pop()
        visited += 1
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, str) and len(node) >= 64:
            raw = decode_base64_image(node)
            if raw is not None:
                found.append(_write(raw, _extension(raw)))
    return found


def decode_base64_image(text: str) -> bytes | None:
    """The image bytes in a base64 string or data: URL, or None if it is not one."""
    if text.startswith("data:"):
        if not text.startswith("data:image/") or "," not in text[:100]:
            return None
        text = text.split(",", 1)[1]
    head = text[:24]
    if not re.fullmatch(r"[A-Za-z0-9+/=_-]+", head):
        return None
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_" if "-" in text or "_" in text else None,
                               validate=False)
    except (binascii.Error, ValueError):
        return None
    return raw if sniff_image(raw) else None


def _extension(raw: bytes) -> str:
    if raw.startswith(b"\x89PNG"):
        return ".png"
    if raw.startswith(b"\xff\xd8"):
        return ".jpg"
    if raw.startswith(b"GIF"):
        return ".gif"
    if raw[:4] == b"RIFF":
        return ".webp"
    return ".bmp"


def _write(content: bytes, suffix: str, stem: str = "response") -> str:
    _TEMP.mkdir(parents=True, exist_ok=True)
    _prune(_TEMP)
    handle = tempfile.NamedTemporaryFile(dir=_TEMP, prefix=stem + "-", suffix=suffix, delete=False)
    with handle:
        handle.write(content)
    return handle.name


def _prune(folder: Path, keep: int = MAX_KEPT_FILES) -> None:
    """Forget the oldest answers saved as files: a long session must not fill the disk.
    (Gradio has copied each into its own cache by the time it was shown.)"""
    files = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime)
    for old in files[: max(0, len(files) - keep)]:
        old.unlink(missing_ok=True)


def _save(result: Result, stem: str) -> str:
    """The body written to a file named after Content-Disposition or the media type."""
    disposition = result.headers.get("content-disposition", "")
    match = _FILENAME.search(disposition)
    suffix = ""
    if match:
        suffix = Path(match.group(1)).suffix
    if not suffix:
        suffix = mimetypes.guess_extension(parse_media_type(result.media_type)) or (
            _extension(result.content) if sniff_image(result.content) else ".bin")
    safe_stem = re.sub(r"[^\w.-]+", "_", stem)[:60] or "response"
    return _write(result.content, suffix, safe_stem)
