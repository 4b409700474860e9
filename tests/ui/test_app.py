"""The UI's functions, called as the Send button calls them, against the real demo API."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from introspect import load_api, load_file
from introspect.build import build_api
from tests.conftest import CORPUS
from tests.servers.running import free_port
from ui.app import ApiFace, Settings, build_app
from ui.form import plan_form


@pytest.fixture(scope="module")
def face(demo_url: str) -> ApiFace:
    return ApiFace(load_api(demo_url), Settings(base_url=demo_url, timeout=10))


def _send(face: ApiFace, name: str, values: dict, base_url: str | None = None):
    op = next(o for o in face.api.operations if o.name.startswith(name))
    plan = plan_form(face.api, op)
    ordered = [values.get(f.name) for f in plan.fields]
    updates = face.call(plan, base_url or face.settings.base_url, 10, "", *ordered)
    names = ("status", "json", "table", "image", "gallery", "audio", "video", "text", "html", "file", "headers")
    return dict(zip(names, updates, strict=True))


def test_generate(face: ApiFace) -> None:
    shown = _send(face, "generate", {"prompt": "the robot"})
    assert "200 OK" in shown["status"]["value"]
    assert shown["json"]["visible"] and shown["json"]["value"]["response"].startswith("the robot ")


def test_describe_image_from_an_upload(face: ApiFace, tmp_path) -> None:
    picture = tmp_path / "red.png"
    Image.new("RGB", (40, 30), (220, 40, 40)).save(picture)
    shown = _send(face, "describe_image", {"image": str(picture)})
    assert shown["json"]["value"] == {"description": "A medium-toned 40x30 picture, mostly red."}


def test_image_response_is_shown_as_an_image(face: ApiFace) -> None:
    shown = _send(face, "draw", {"shape": "square", "color": "green", "size": 64})
    assert shown["image"]["visible"]
    assert Image.open(shown["image"]["value"]).size == (64, 64)


def test_records_also_as_a_table(face: ApiFace) -> None:
    shown = _send(face, "colors", {"starts_with": "b"})
    assert [row["name"] for row in shown["table"]["value"]] == ["black", "blue", "brown"]


def test_422_shows_the_api_detail(face: ApiFace) -> None:
    shown = _send(face, "describe_image", {"image": None})
    assert "Check the form" in shown["status"]["value"] and "image" in shown["status"]["value"]
    op = next(o for o in face.api.operations if o.path == "/describe_image")
    plan = plan_form(face.api, op)
    # a file that is not a picture reaches the API, which answers 422 with its detail
    updates = face.call(plan, face.settings.base_url, 10, "", __file__)
    assert "422" in updates[0]["value"] and "not a base64-encoded picture" in str(updates[1]["value"])


def test_api_down_is_a_message_not_a_crash(face: ApiFace) -> None:
    shown = _send(face, "generate", {"prompt": "x"}, base_url=f"http://127.0.0.1:{free_port()}")
    assert "does not seem to be running" in shown["status"]["value"]
    assert not shown["json"]["visible"]


def test_base64_image_inside_json_is_a_picture(echo_url: str) -> None:
    face = ApiFace(load_api(echo_url), Settings(base_url=echo_url))
    shown = _send(face, "json_with_image", {})
    (path,) = shown["gallery"]["value"]
    assert Image.open(path).getpixel((0, 0)) == (0, 0, 255)


def test_big_document_builds(tmp_path) -> None:
    api = build_api(load_file(CORPUS / "github_api.github.com.json"))
    assert len(api.operations) == 1223
    demo = build_app(api)
    assert demo is not None
    # every operation's form plans without error, the work done on demand when chosen
    for op in api.operations:
        plan_form(api, op)


def test_header_settings_are_sent(echo_url: str) -> None:
    face = ApiFace(load_api(echo_url), Settings(base_url=echo_url))
    op = next(o for o in face.api.operations if o.path == "/items/{item_id}")
    plan = plan_form(face.api, op)
    values = {"item_id": "1"}
    updates = face.call(plan, echo_url, 10, "X-Token: from-settings\nbroken line", *[values.get(f.name) for f in plan.fields])
    assert updates[1]["value"]["x_token"] == "from-settings"



def test_server_variables_choose_the_base_url(tmp_path) -> None:
    from tests.introspect.test_golden import GOLDEN

    api = build_api(load_file(GOLDEN / "servers" / "openapi.yaml"))
    demo = build_app(api)
    server = next(c for c in demo.blocks.values() if getattr(c, "label", None) == "Server")
    scheme = next(c for c in demo.blocks.values() if getattr(c, "label", None) == "scheme")
    port = next(c for c in demo.blocks.values() if getattr(c, "label", None) == "port")
    base = next(c for c in demo.blocks.values() if getattr(c, "elem_id", None) == "apiface-base-url")
    assert base.value == "http://localhost:8080/api"
    assert scheme.choices == [("http", "http"), ("https", "https")]
    (pick,) = {fn.fn for fn in demo.fns.values() if fn.inputs and fn.inputs[0] is server}
    assert pick(0, "https", "9000") == "https://localhost:9000/api"
    assert port.value == "8080"


def test_huge_json_is_a_download_with_a_preview(echo_url: str) -> None:
    face = ApiFace(load_api(echo_url), Settings(base_url=echo_url))
    shown = _send(face, "big", {"mb": 6})
    assert not shown["json"]["visible"] and not shown["table"]["visible"]
    assert shown["text"]["value"].startswith('[{"n": 0') and "first part of 6" in shown["text"]["label"]
    assert Path(shown["file"]["value"]).stat().st_size > 6_000_000


def test_connection_header_fills_a_required_header_field() -> None:
    from introspect import Document

    doc = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/v": {"get": {
        "parameters": [{"name": "X-Api-Version", "in": "header", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok"}}}}}}
    api = build_api(Document(doc, "v.json"))
    from ui.values import to_call

    plan = plan_form(api, api.operations[0])
    call = to_call(plan, [""], {"x-api-version": "0.8", "Authorization": "Bearer t"})
    assert call.headers == {"x-api-version": "0.8", "Authorization": "Bearer t"}
    typed = to_call(plan, ["0.9"], {"x-api-version": "0.8"})
    assert typed.headers == {"X-Api-Version": "0.9"}  # what the form says wins


def test_saved_answers_do_not_pile_up(tmp_path) -> None:
    import os

    from ui.outputs import _prune

    for i in range(6):
        (tmp_path / f"{i}.bin").write_bytes(b"x")
        os.utime(tmp_path / f"{i}.bin", (i, i))
    _prune(tmp_path, keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.bin", "4.bin", "5.bin"]


def test_a_stream_shows_as_it_arrives(face: ApiFace) -> None:
    op = face.api.operation("generate_stream_generate_stream_post")
    assert op.streaming == "declared"
    plan = plan_form(face.api, op)
    names = ("status", "json", "table", "image", "gallery", "audio", "video", "text", "html", "file", "headers")
    steps = [dict(zip(names, u, strict=True)) for u in face.updates(plan, face.settings.base_url, 10, "", True, "the fox")]
    arriving, final = steps[:-1], steps[-1]
    assert len(arriving) >= 3 and all("receiving" in s["status"]["value"] for s in arriving)
    texts = [s["text"]["value"] for s in arriving]
    assert texts == sorted(texts, key=len) and texts[0] != texts[-1]  # it grew, word by word
    tokens = [event["token"] for event in final["json"]["value"]]
    assert len(tokens) == 24 and "receiving" not in final["status"]["value"]


def test_json_editor_values_are_checked_against_the_document(echo_url: str) -> None:
    face = ApiFace(load_api(echo_url), Settings(base_url=echo_url))
    bad_tree = '{"name": "root", "children": [{"name": 7}, {"children": []}]}'
    shown = _send(face, "echo", {"prompt": "hi", "tree": bad_tree})
    status = shown["status"]["value"]
    assert "tree: does not match the document" in status
    assert "children[0].name: 7 is not of type" in status and "children[1]: &#x27;name&#x27; is a required" in status
    assert not shown["json"]["visible"]  # nothing was sent
    op = next(o for o in face.api.operations if o.path == "/echo")
    plan = plan_form(face.api, op)
    values = [{"prompt": "hi", "tree": bad_tree}.get(f.name) for f in plan.fields]
    unchecked = face.call(plan, echo_url, 10, "", *values, check=False)
    assert "422" in unchecked[0]["value"]  # sent as typed; the API's own answer is shown
