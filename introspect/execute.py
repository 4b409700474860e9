"""Turn values into an httpx request, send it, and decode what comes back."""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from .errors import ApiTimeout, ApiUnreachable, CallError, InvalidValues
from .media import is_json_lines, media_kind, parse_media_type
from .model import JSON, Operation

MAX_RESPONSE_BYTES = 256 * 1024 * 1024
"""Stop reading a response past this size (or past the timeout); the person is told it was cut."""


@dataclass
class Call:
    """The values of one call, by where they go. Only what is here is sent."""

    path: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, Any] = field(default_factory=dict)
    cookies: dict[str, Any] = field(default_factory=dict)
    body: JSON | bytes | None = None
    has_body: bool = False
    media_type: str | None = None
    files: dict[str, list[tuple[str, bytes, str]]] = field(default_factory=dict)
    """Multipart file parts by field name: (filename, content, content type)."""


@dataclass(frozen=True)
class Result:
    """What the API answered, decoded for showing."""

    method: str
    url: str
    status: int
    reason: str
    headers: dict[str, str]
    elapsed: float
    """Seconds from sending to the last byte."""
    content: bytes
    media_type: str
    kind: str
    """json | image | audio | video | text | html | binary | empty"""
    data: JSON = None
    """The parsed JSON when kind is json."""
    text: str | None = None
    problem: str | None = None
    """Why the body could not be decoded as declared (e.g. invalid JSON)."""
    truncated: bool = False
    complete: bool = True
    """False for a partial answer yielded while the body is still arriving."""

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status < 300

    @property
    def size(self) -> int:
        """Bytes received."""
        return len(self.content)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _path_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(_scalar(v) for v in value)  # style: simple (OpenAPI 3 §4.8.12.4)
    return _scalar(value)


_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|", "tabDelimited": "\t"}


def sse_values(text: str) -> list[JSON]:
    """The data of each server-sent event (WHATWG HTML §9.2), JSON-decoded when it is
    JSON; OpenAI's closing `[DONE]` is left out."""
    values: list[JSON] = []
    data: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif line == "" and data:
            value = "\n".join(data)
            data = []
            if value.strip() == "[DONE]":
                continue
            try:
                values.append(json.loads(value))
            except json.JSONDecodeError:
                values.append(value)
    return values


def _cookie_value(value: str) -> str:
    """As typed, unless it holds a character that would break the Cookie header
    (RFC 6265 §4.1.1); such values are percent-encoded, the common convention."""
    if any(c in value for c in ';,"\\') or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return quote(value, safe="")
    return value


def build_request(operation: Operation, call: Call, base_url: str) -> httpx.Request:
    """The httpx request for `call` on `operation` at `base_url`.

    Path values are percent-encoded with no safe characters, so `a/b` or `../x`
    stays inside its segment. Array query values become repeated keys.
    """
    problems: dict[str, str] = {}
    path = operation.request_path
    for param in operation.parameters:
        if param.location != "path":
            continue
        if param.name not in call.path or call.path[param.name] in (None, ""):
            problems[param.name] = "required path parameter is empty"
            continue
        path = path.replace("{" + param.name + "}", quote(_path_value(call.path[param.name]), safe=""))
    if problems:
        raise InvalidValues(problems)
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    query: list[tuple[str, str]] = []
    styles = {p.name: (p.style, p.explode) for p in operation.parameters if p.location == "query"}
    for name, value in call.query.items():
        style, explode = styles.get(name, (None, None))
        if isinstance(value, (list, tuple)) and explode is False:
            # style form/space/pipe-delimited without explode: one key, joined (OpenAPI 3 §4.8.12.4)
            query.append((name, _DELIMITERS.get(style or "form", ",").join(_scalar(v) for v in value)))
        elif isinstance(value, (list, tuple)):
            query += [(name, _scalar(v)) for v in value]
        elif isinstance(value, dict) and style == "deepObject":
            query += [(f"{name}[{k}]", _scalar(v)) for k, v in value.items()]  # filter[color]=red
        elif isinstance(value, dict) and explode is False:
            query.append((name, ",".join(f"{k},{_scalar(v)}" for k, v in value.items())))
        elif isinstance(value, dict):
            query += [(k, _scalar(v)) for k, v in value.items()]  # style form, explode: color=red
        else:
            query.append((name, _scalar(value)))
    headers = {k: _path_value(v) for k, v in call.headers.items()}  # style simple: a,b
    kwargs: dict[str, Any] = {}
    if call.files:
        kwargs["files"] = [(name, part) for name, parts in call.files.items() for part in parts]
        if isinstance(call.body, dict):
            kwargs["data"] = {k: v if isinstance(v, (str, bytes)) else json.dumps(v) for k, v in call.body.items()}
    elif call.has_body:
        media = parse_media_type(call.media_type or "application/json")
        if isinstance(call.body, bytes):
            kwargs["content"] = call.body
            headers.setdefault("Content-Type", call.media_type or "application/octet-stream")
        elif media == "application/x-www-form-urlencoded" and isinstance(call.body, dict):
            kwargs["data"] = {k: v if isinstance(v, str) else json.dumps(v) for k, v in call.body.items()}
        elif media == "multipart/form-data" and isinstance(call.body, dict):
            # httpx sends multipart only with files; a body of fields alone still goes as multipart.
            kwargs["files"] = [(k, (None, v if isinstance(v, str) else json.dumps(v))) for k, v in call.body.items()]
        elif media.startswith("text/") and isinstance(call.body, str):
            kwargs["content"] = call.body.encode()
            headers.setdefault("Content-Type", call.media_type or "text/plain")
        else:
            kwargs["content"] = json.dumps(call.body).encode()
            headers.setdefault("Content-Type", call.media_type or "application/json")
    cookies = "; ".join(f"{k}={_cookie_value(_scalar(v))}" for k, v in call.cookies.items())
    if cookies:
        headers["Cookie"] = cookies
    try:
        return httpx.Request(operation.method.upper(), url, params=query, headers=headers, **kwargs)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise CallError(f"Cannot build the request for {operation.title}: {exc}") from exc


def send(request: httpx.Request, client: httpx.Client | None = None, timeout: float = 60.0) -> Result:
    """Send `request` and decode the answer; ApiUnreachable/ApiTimeout/CallError on failure."""
    # With no interval, the only thing yielded is the whole answer.
    return deque(send_progressively(request, client, timeout, interval=None), maxlen=1)[0]


def send_progressively(request: httpx.Request, client: httpx.Client | None = None, timeout: float = 60.0,
                       interval: float | None = 0.25) -> Iterator[Result]:
    """Send `request`; while the body arrives, yield what came so far (`complete` False)
    at most every `interval` seconds, then the decoded whole. A stream that never ends
    (SSE, a Kubernetes watch) is cut at `timeout` seconds or MAX_RESPONSE_BYTES."""
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=True)
    started = time.perf_counter()
    try:
        response = client.send(request, stream=True)
        try:
            chunks, size, truncated = [], 0, False
            shown = started
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                now = time.perf_counter()
                if size > MAX_RESPONSE_BYTES or now - started > timeout:
                    truncated = True
                    break
                if interval is not None and now - shown >= interval:
                    shown = now
                    yield decode(request, response, b"".join(chunks), now - started, complete=False)
            content = b"".join(chunks)
        finally:
            response.close()
    except httpx.ConnectError as exc:
        raise ApiUnreachable(
            f"Nothing answered at {request.url.scheme}://{request.url.netloc.decode()}: "
            "the API does not seem to be running. Start it first, or check the base URL.",
            request,
        ) from exc
    except httpx.TimeoutException as exc:
        raise ApiTimeout(
            f"{request.method} {request.url} did not answer within {timeout:g} s. "
            "Try again, or raise the timeout (--timeout).",
            request,
        ) from exc
    except httpx.HTTPError as exc:
        raise CallError(f"{request.method} {request.url} failed: {exc}", request) from exc
    finally:
        if own:
            client.close()
    yield decode(request, response, content, time.perf_counter() - started, truncated)


def decode(request: httpx.Request, response: httpx.Response, content: bytes, elapsed: float,
           truncated: bool = False, complete: bool = True) -> Result:
    """A Result from a response whose body has been read into `content`.

    An answer still arriving (`complete` False) is shown as the text received so far;
    a finished event stream or JSON Lines body becomes the list of its values."""
    media_type = response.headers.get("content-type", "")
    kind = media_kind(media_type, content)
    if not complete and kind in ("json", "text"):
        kind = "text"  # half a JSON document does not parse; show it as it comes
    data: JSON = None
    text: str | None = None
    problem: str | None = None
    charset = response.charset_encoding or "utf-8"
    if kind == "json":
        try:
            data = json.loads(content.decode(charset, errors="replace"))
        except (json.JSONDecodeError, LookupError):
            problem = f"The API said {parse_media_type(media_type)} but sent something that is not valid JSON."
            kind = "text"
    if kind == "text" and complete and parse_media_type(media_type) == "text/event-stream":
        data = sse_values(content.decode(charset, errors="replace"))
        kind = "json"
    elif kind == "text" and complete and is_json_lines(media_type):
        # NDJSON / JSON Lines (Ollama streams): every line is a JSON value; show them as a list.
        try:
            data = [json.loads(line) for line in content.decode(charset, errors="replace").splitlines() if line.strip()]
            kind = "json"
        except (json.JSONDecodeError, LookupError):
            data = None  # a cut or malformed stream stays text
    if kind in ("text", "html"):
        try:
            text = content.decode(charset, errors="replace")
        except LookupError:
            text = content.decode("utf-8", errors="replace")
    return Result(
        method=request.method,
        url=str(request.url),
        status=response.status_code,
        reason=response.reason_phrase,
        headers=dict(response.headers),
        elapsed=elapsed,
        content=content,
        media_type=media_type,
        kind=kind,
        data=data,
        text=text,
        problem=problem,
        truncated=truncated,
        complete=complete,
    )
