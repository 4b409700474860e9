"""The bundled demo model API: FastAPI + pillow, real work, no model weights.

It has the two endpoints of the classic hand-written Gradio example exactly
(`POST /generate`, `POST /describe_image`) and a few more that show other shapes:
an image returned as image/png, a list of records, an enum parameter, a slow call,
words streamed as server-sent events.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import random
import re
import time
from collections.abc import Iterator
from enum import Enum

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import Response, StreamingResponse
from PIL import Image, ImageDraw, ImageFilter, ImageOps, ImageStat, UnidentifiedImageError
from pydantic import BaseModel, Field

_CORPUS = (
    "the quick brown fox jumps over the lazy dog while the small model writes a short story "
    "about a robot who paints the sky with bright colors every morning and the robot learns "
    "that every color has a story of its own and the sky listens to the robot and the fox "
    "watches the colors change from blue to gold as the day grows warm and the night comes "
    "slowly with stars that shine over the quiet hills where the dog sleeps and dreams of "
    "the long road home"
).split()

_COLORS = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (220, 40, 40), "orange": (240, 150, 30),
    "yellow": (240, 220, 40), "green": (40, 170, 70), "teal": (30, 150, 150), "blue": (40, 90, 220),
    "purple": (140, 60, 190), "pink": (240, 130, 180), "brown": (130, 80, 40), "gray": (128, 128, 128),
}


def _bigrams() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for first, second in zip(_CORPUS, _CORPUS[1:], strict=False):
        table.setdefault(first, []).append(second)
    return table


_BIGRAMS = _bigrams()


class GenerateRequest(BaseModel):
    prompt: str


class GenerateResponse(BaseModel):
    response: str


class DescribeImageRequest(BaseModel):
    image: str


class DescribeImageResponse(BaseModel):
    description: str


class Filter(str, Enum):
    grayscale = "grayscale"
    invert = "invert"
    blur = "blur"
    contour = "contour"
    mirror = "mirror"


class Shape(str, Enum):
    circle = "circle"
    square = "square"
    triangle = "triangle"


ColorName = Enum("ColorName", {name: name for name in _COLORS}, type=str)  # type: ignore[misc]


class TransformRequest(BaseModel):
    image: str = Field(description="The picture, base64-encoded.")
    filter: Filter = Field(Filter.grayscale, description="What to do to the picture.")


class ColorRecord(BaseModel):
    name: str
    hex: str
    red: int
    green: int
    blue: int


def _nearest_color(rgb: tuple[float, ...]) -> str:
    return min(_COLORS, key=lambda name: sum((a - b) ** 2 for a, b in zip(_COLORS[name], rgb, strict=True)))


def _decode_image(data: str) -> Image.Image:
    if data.startswith("data:") and "," in data:
        data = data.split(",", 1)[1]  # a data URL, as browsers make them
    try:
        raw = base64.b64decode(data, validate=False)
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (binascii.Error, UnidentifiedImageError, OSError, ValueError) as exc:
        raise HTTPException(422, f"image is not a base64-encoded picture: {exc}") from exc
    return image


def _png(image: Image.Image) -> Response:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return Response(buffer.getvalue(), media_type="image/png")


def create_demo_app() -> FastAPI:
    """The demo API as a FastAPI app."""
    app = FastAPI(title="apiface demo model API", version="1.0",
                  description="A small model API with no weights: text, images, records.")

    @app.post("/generate", response_model=GenerateResponse, tags=["text"],
              summary="Continue a prompt with a tiny bigram language model")
    def generate(body: GenerateRequest) -> GenerateResponse:
        words = re.findall(r"[a-z']+", body.prompt.lower())
        rng = random.Random(body.prompt)
        word = words[-1] if words and words[-1] in _BIGRAMS else rng.choice(_CORPUS)
        out = []
        for _ in range(24):
            word = rng.choice(_BIGRAMS.get(word) or _CORPUS)
            out.append(word)
        return GenerateResponse(response=(body.prompt.rstrip() + " " + " ".join(out)).strip())

    @app.post("/generate_stream", tags=["text"], summary="The same model, one word at a time (server-sent events)",
              responses={200: {"content": {"text/event-stream": {}}, "description": "One event per word"}})
    def generate_stream(body: GenerateRequest) -> StreamingResponse:
        words = generate(body).response.split()[len(body.prompt.split()):]

        def events() -> Iterator[str]:
            for word in words:
                yield f"data: {json.dumps({'token': word})}\n\n"
                time.sleep(0.08)  # a model's pace, so the words visibly arrive one by one
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/describe_image", response_model=DescribeImageResponse, tags=["images"],
              summary="Describe a picture: size, colours, brightness")
    def describe_image(body: DescribeImageRequest) -> DescribeImageResponse:
        image = _decode_image(body.image)
        rgb = image.convert("RGB")
        stat = ImageStat.Stat(rgb)
        brightness = sum(stat.mean) / 3
        tone = "dark" if brightness < 85 else "bright" if brightness > 170 else "medium-toned"
        small = rgb.resize((32, 32))
        counts: dict[str, int] = {}
        for count, pixel in small.getcolors(32 * 32) or []:
            name = _nearest_color(pixel)
            counts[name] = counts.get(name, 0) + count
        main = sorted(counts, key=counts.get, reverse=True)[:2]  # type: ignore[arg-type]
        colours = " and ".join(main)
        return DescribeImageResponse(
            description=f"A {tone} {image.width}x{image.height} picture, mostly {colours}."
        )

    @app.post("/transform", tags=["images"], summary="Apply a filter to a picture; returns a PNG",
              responses={200: {"content": {"image/png": {}}, "description": "The filtered picture"}})
    def transform(body: TransformRequest) -> Response:
        image = _decode_image(body.image).convert("RGB")
        if body.filter is Filter.grayscale:
            image = ImageOps.grayscale(image)
        elif body.filter is Filter.invert:
            image = ImageOps.invert(image)
        elif body.filter is Filter.blur:
            image = image.filter(ImageFilter.GaussianBlur(3))
        elif body.filter is Filter.contour:
            image = image.filter(ImageFilter.CONTOUR)
        else:
            image = ImageOps.mirror(image)
        return _png(image)

    @app.get("/draw/{shape}", tags=["images"], summary="Draw a shape; returns a PNG",
             responses={200: {"content": {"image/png": {}}, "description": "The drawing"}})
    def draw(
        shape: Shape,
        color: ColorName = Query(ColorName("blue"), description="Colour of the shape"),  # type: ignore[valid-type]
        size: int = Query(128, ge=16, le=512, description="Width and height in pixels"),
    ) -> Response:
        image = Image.new("RGB", (size, size), "white")
        pen = ImageDraw.Draw(image)
        box = (size // 8, size // 8, size - size // 8, size - size // 8)
        fill = _COLORS[color.value]
        if shape is Shape.square:
            pen.rectangle(box, fill=fill)
        elif shape is Shape.triangle:
            pen.polygon([(size // 2, box[1]), (box[2], box[3]), (box[0], box[3])], fill=fill)
        else:
            pen.ellipse(box, fill=fill)
        return _png(image)

    @app.get("/colors", response_model=list[ColorRecord], tags=["data"],
             summary="The colours the demo knows, as records")
    def colors(starts_with: str | None = Query(None, description="Only names starting with this")) -> list[ColorRecord]:
        return [
            ColorRecord(name=name, hex="#{:02x}{:02x}{:02x}".format(*rgb), red=rgb[0], green=rgb[1], blue=rgb[2])
            for name, rgb in _COLORS.items()
            if not starts_with or name.startswith(starts_with.lower())
        ]

    @app.get("/slow", tags=["data"], summary="Wait, then answer (to see calls run side by side)")
    def slow(seconds: float = Query(1.0, ge=0, le=30)) -> dict[str, float]:
        time.sleep(seconds)
        return {"slept": seconds}

    return app


app = create_demo_app()
