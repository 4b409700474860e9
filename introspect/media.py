"""Media types: parse them and say what kind of content they carry."""

from __future__ import annotations

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def parse_media_type(value: str) -> str:
    """`Text/Plain; charset=UTF-8` → `text/plain`: parameters dropped, lower case."""
    return value.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    """application/json and every +json type (problem+json, vnd.api+json, …)."""
    main = parse_media_type(media_type)
    return main == "application/json" or main.endswith("+json") or main == "text/json"


def sniff_image(content: bytes) -> bool:
    """True when the bytes start like a PNG, JPEG, GIF, BMP or WebP image."""
    return content.startswith(_IMAGE_MAGIC) or (content[:4] == b"RIFF" and content[8:12] == b"WEBP")


_JSON_LINES_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl",
                     "application/x-jsonlines", "application/jsonlines")
_STREAM_TYPES = ("text/event-stream", *_JSON_LINES_TYPES, "application/json-seq", "application/stream+json",
                 "application/x-json-stream")


def is_json_lines(media_type: str) -> bool:
    """NDJSON / JSON Lines: one JSON value per line."""
    return parse_media_type(media_type) in _JSON_LINES_TYPES


def is_stream(media_type: str) -> bool:
    """Media types whose body arrives piece by piece: SSE, NDJSON/JSON Lines, `;stream=…`."""
    main = parse_media_type(media_type)
    params = media_type.lower().split(";")[1:]
    return main in _STREAM_TYPES or any(p.strip().startswith("stream=") for p in params)


def body_kind(media_type: str) -> str:
    """How a request body of this media type is sent: json | form | multipart | text | binary."""
    main = parse_media_type(media_type)
    if is_json(main):
        return "json"
    if main == "application/x-www-form-urlencoded":
        return "form"
    if main.startswith("multipart/"):
        return "multipart"
    if main.startswith("text/") or main.endswith(("/xml", "+xml", "/yaml", "/x-yaml")):
        return "text"
    return "binary"  # application/octet-stream, image/*, audio/*, */*: raw bytes


def media_kind(media_type: str, content: bytes = b"") -> str:
    """json | image | audio | video | html | text | binary | empty for a response body."""
    main = parse_media_type(media_type)
    if not content:
        return "empty"
    if is_json(main):
        # An API that declares JSON but sends a PNG (corpus lesson 3) is shown as the picture.
        return "image" if sniff_image(content) else "json"
    for prefix in ("image", "audio", "video"):
        if main.startswith(prefix + "/"):
            return prefix
    if main == "text/html":
        return "html"
    if main.startswith("text/") or main.endswith(("+xml", "/xml", "/yaml", "/x-yaml", "/javascript")) or is_stream(main):
        return "text"
    if sniff_image(content):
        return "image"
    if not main:
        stripped = content.lstrip()[:1]
        if stripped in (b"{", b"["):
            return "json"
        try:
            content[:4096].decode("utf-8")
            return "text"
        except UnicodeDecodeError:
            return "binary"
    return "binary"
