"""A FastAPI app that reports what it received, plus awkward answers to test against."""

from __future__ import annotations

import asyncio
import base64
import io
from enum import Enum
from typing import Annotated

from fastapi import Cookie, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from PIL import Image
from pydantic import BaseModel, Field


class Size(str, Enum):
    small = "small"
    large = "large"


class Tree(BaseModel):
    """Recursive on purpose."""

    name: str
    children: list[Tree] = []


class Payload(BaseModel):
    prompt: str
    count: int = Field(3, ge=1, le=10)
    temperature: float | None = None
    size: Size = Size.small
    tags: list[str] = []
    tree: Tree | None = None
    image: str | None = None
    photo_b64: str | None = Field(None, json_schema_extra={"contentEncoding": "base64"})


def _png(color: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def create_app() -> FastAPI:
    app = FastAPI(title="echo", version="1")

    # ":path" so an encoded slash still reaches this route and raw_path shows what was sent.
    @app.get("/items/{item_id:path}", tags=["items"], summary="Report what arrived")
    async def item(
        item_id: str,
        request: Request,
        q: str | None = None,
        tag: Annotated[list[str] | None, Query()] = None,
        x_token: Annotated[str | None, Header()] = None,
        session: Annotated[str | None, Cookie()] = None,
    ) -> dict:
        return {
            "item_id": item_id,
            "raw_path": request.scope["raw_path"].decode(),
            "query_string": request.scope["query_string"].decode(),
            "q": q,
            "tag": tag,
            "x_token": x_token,
            "session": session,
        }

    @app.post("/echo", tags=["body"])
    async def echo(payload: Payload, request: Request) -> dict:
        return {"received": await request.json(), "content_type": request.headers.get("content-type")}

    @app.post("/raw-echo", tags=["body"])
    async def raw_echo(request: Request) -> dict:
        return {"body": (await request.body()).decode(errors="replace")}

    @app.get("/slow", tags=["misc"])
    async def slow(seconds: float = 1.0) -> dict:
        await asyncio.sleep(seconds)
        return {"slept": seconds}

    @app.get("/png", tags=["misc"], responses={200: {"content": {"image/png": {}}}})
    async def png() -> Response:
        return Response(_png(), media_type="image/png")

    @app.get("/json-with-image", tags=["misc"])
    async def json_with_image() -> dict:
        return {"image": base64.b64encode(_png("blue")).decode(), "name": "blue square"}

    @app.get("/records", tags=["misc"])
    async def records() -> list[dict]:
        return [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]

    @app.get("/text", tags=["misc"])
    async def text() -> PlainTextResponse:
        return PlainTextResponse("plain words")

    @app.get("/bad-json", tags=["misc"])
    async def bad_json() -> Response:
        return Response(b"{not json", media_type="application/json")

    @app.get("/fail", tags=["misc"])
    async def fail() -> JSONResponse:
        return JSONResponse({"detail": "it broke"}, status_code=500)

    @app.get("/binary", tags=["misc"])
    async def binary() -> Response:
        return Response(bytes(range(256)), media_type="application/octet-stream",
                        headers={"Content-Disposition": 'attachment; filename="blob.dat"'})

    @app.get("/sse", tags=["misc"], responses={200: {"content": {"text/event-stream": {}}}})
    async def sse(n: int = 5) -> StreamingResponse:
        async def events():
            for i in range(n):
                yield f'data: {{"n": {i}}}\n\n'
                await asyncio.sleep(0.1)
            yield "data: plain words\n\ndata: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.get("/endless", tags=["misc"], responses={200: {"content": {"text/event-stream": {}}}})
    async def endless() -> StreamingResponse:
        async def events():
            n = 0
            while True:
                n += 1
                yield f"data: {n}\n\n"
                await asyncio.sleep(0.05)

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.get("/ndjson", tags=["misc"], responses={200: {"content": {"application/x-ndjson": {}}}})
    async def ndjson() -> Response:
        return Response(b'{"response": "a", "done": false}\n{"response": "b", "done": true}\n',
                        media_type="application/x-ndjson")

    @app.get("/big", tags=["misc"])
    async def big(mb: float = 6) -> Response:
        pad = "x" * 90
        rows = ",".join(f'{{"n": {i}, "pad": "{pad}"}}' for i in range(int(mb * 1e6 / 110)))
        return Response(f"[{rows}]", media_type="application/json")

    @app.post("/form", tags=["body"])
    async def form(request: Request, name: Annotated[str, Form()], age: Annotated[int, Form()] = 0,
                   vip: Annotated[bool, Form()] = False) -> dict:
        return {"name": name, "age": age, "vip": vip, "content_type": request.headers.get("content-type")}

    @app.post("/upload", tags=["files"])
    async def upload(file: Annotated[UploadFile, File()], note: Annotated[str, Form()],
                     extras: Annotated[list[UploadFile] | None, File()] = None) -> dict:
        content = await file.read()
        return {"filename": file.filename, "size": len(content), "note": note,
                "extras": [x.filename for x in extras or []]}

    @app.post("/raw", tags=["files"], openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def raw(request: Request) -> dict:
        body = await request.body()
        return {"size": len(body), "content_type": request.headers.get("content-type"), "head": body[:8].hex()}

    return app
