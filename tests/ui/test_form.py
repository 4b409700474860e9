"""Schema → field kinds, and form values → what is sent."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from introspect import Document, InvalidValues, build_api, load_api, load_file
from tests.conftest import CORPUS
from ui.form import example_for, plan_form
from ui.values import to_call


@pytest.fixture(scope="module")
def demo_api(demo_url: str):
    return load_api(demo_url)


@pytest.fixture(scope="module")
def echo_api(echo_url: str):
    return load_api(echo_url)


def _plan(api, path: str, method: str = "post"):
    op = next(o for o in api.operations if o.path == path and o.method == method)
    return plan_form(api, op)


def test_classic_endpoints(demo_api) -> None:
    generate = _plan(demo_api, "/generate")
    assert [(f.key, f.kind, f.required) for f in generate.fields] == [("body:prompt", "textarea", True)]
    describe = _plan(demo_api, "/describe_image")
    assert [(f.key, f.kind) for f in describe.fields] == [("body:image", "image-base64")]


def test_parameter_kinds(demo_api) -> None:
    draw = _plan(demo_api, "/draw/{shape}", "get")
    kinds = {f.name: (f.kind, f.initial) for f in draw.fields}
    assert kinds == {"shape": ("dropdown", None), "color": ("dropdown", "blue"), "size": ("slider", 128)}
    assert draw.fields[0].choices == ("circle", "square", "triangle")


def test_body_kinds(echo_api) -> None:
    plan = _plan(echo_api, "/echo")
    kinds = {f.name: f.kind for f in plan.fields}
    assert kinds == {"prompt": "textarea", "count": "slider", "temperature": "number", "size": "dropdown",
                     "tags": "list", "tree": "json", "image": "image-base64", "photo_b64": "image-base64"}


def test_empty_optional_fields_are_left_out(echo_api) -> None:
    plan = _plan(echo_api, "/echo")
    values = {"prompt": "hi", "count": 3, "temperature": None, "size": "small", "tags": "", "tree": "",
              "image": None, "photo_b64": None}
    call = to_call(plan, [values[f.name] for f in plan.fields])
    # count and size equal their defaults: the API applies those itself
    assert call.body == {"prompt": "hi"} and call.has_body


def test_values_are_typed_and_images_encoded(echo_api, tmp_path) -> None:
    plan = _plan(echo_api, "/echo")
    picture = tmp_path / "p.png"
    Image.new("RGB", (4, 4), "green").save(picture)
    values = {"prompt": "hi", "count": 5, "temperature": 0.5, "size": "large", "tags": "a\nb\n",
              "tree": '{"name": "root", "children": []}', "image": str(picture), "photo_b64": None}
    call = to_call(plan, [values[f.name] for f in plan.fields])
    assert call.body["count"] == 5 and isinstance(call.body["count"], int)
    assert call.body["size"] == "large" and call.body["tags"] == ["a", "b"]
    assert call.body["tree"] == {"name": "root", "children": []}
    decoded = Image.open(io.BytesIO(base64.b64decode(call.body["image"])))
    assert decoded.size == (4, 4)


def test_every_problem_is_reported_at_once(echo_api) -> None:
    plan = _plan(echo_api, "/echo")
    values = {"prompt": "", "count": 50, "temperature": None, "size": "small", "tags": "", "tree": "{oops",
              "image": None, "photo_b64": None}
    with pytest.raises(InvalidValues) as caught:
        to_call(plan, [values[f.name] for f in plan.fields])
    assert set(caught.value.problems) == {"prompt", "count", "tree"}
    assert "at most 10" in caught.value.problems["count"]
    assert "not valid JSON" in caught.value.problems["tree"]


def test_json_editor_example_is_valid_for_recursive_schemas() -> None:
    doc = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/n": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}, "responses": {}}}},
        "components": {"schemas": {"Node": {"type": "object", "required": ["id", "next"], "properties": {
            "id": {"type": "integer", "minimum": 1}, "next": {"$ref": "#/components/schemas/Node"}}}}}}
    api = build_api(Document(doc, "x.json"))
    (field,) = plan_form(api, api.operations[0]).fields
    assert field.kind == "json" and field.location == "body-json"
    # A required self-reference has no finite valid instance: the example stops at the cycle.
    assert field.initial == [{"id": 1, "next": {}}]
    assert example_for(api, api.operations[0].body.contents[0].schema_) == field.initial


def test_multipart_upload_arrives(echo_api, echo_url: str, tmp_path) -> None:
    from introspect import build_request, send

    plan = _plan(echo_api, "/upload")
    assert plan.media_type == "multipart/form-data"
    assert {f.name: f.kind for f in plan.fields} == {"file": "file", "note": "text", "extras": "files"}
    a, b = tmp_path / "a.txt", tmp_path / "b.bin"
    a.write_text("hello")
    b.write_bytes(b"\0" * 10)
    values = {"file": str(a), "note": "n 1", "extras": [str(a), str(b)]}
    call = to_call(plan, [values[f.name] for f in plan.fields])
    result = send(build_request(plan.operation, call, echo_url))
    assert result.data == {"filename": "a.txt", "size": 5, "note": "n 1", "extras": ["a.txt", "b.bin"]}


def test_raw_body_is_the_file(echo_api, echo_url: str, tmp_path) -> None:
    from introspect import build_request, send

    plan = _plan(echo_api, "/raw")
    (field,) = plan.fields
    assert (field.location, field.kind) == ("body-raw", "file")
    blob = tmp_path / "blob.dat"
    blob.write_bytes(bytes(range(200)))
    result = send(build_request(plan.operation, to_call(plan, [str(blob)]), echo_url))
    assert result.data == {"size": 200, "content_type": "application/octet-stream", "head": "0001020304050607"}


def test_form_urlencoded_body_arrives(echo_api, echo_url: str) -> None:
    from introspect import build_request, send

    plan = _plan(echo_api, "/form")
    assert plan.media_type == "application/x-www-form-urlencoded"
    values = {"name": "Ada Lovelace", "age": 36, "vip": True}
    call = to_call(plan, [values[f.name] for f in plan.fields])
    result = send(build_request(plan.operation, call, echo_url))
    assert result.data == {"name": "Ada Lovelace", "age": 36, "vip": True,
                           "content_type": "application/x-www-form-urlencoded"}


def test_several_body_media_types_can_be_chosen() -> None:
    from tests.introspect.test_golden import GOLDEN

    api = build_api(load_file(GOLDEN / "oas30" / "openapi.json"))
    (op,) = api.operations
    default = plan_form(api, op)
    assert default.media_type == "application/json"
    assert default.body_media_types == ("application/json", "application/x-www-form-urlencoded")
    form = plan_form(api, op, "application/x-www-form-urlencoded")
    assert form.media_type == "application/x-www-form-urlencoded"
    assert {f.name for f in form.fields} == {f.name for f in default.fields}


def test_optional_bounded_number_without_default_is_not_sent(smorest_url: str) -> None:
    api = load_api(smorest_url)
    plan = _plan(api, "/pets/")
    age = next(f for f in plan.fields if f.name == "age")
    assert age.kind == "integer"  # a slider would always send a value
    call = to_call(plan, [{"name": "Tom", "kind": "", "age": None}[f.name] for f in plan.fields])
    assert call.body == {"name": "Tom"}


def test_undeclared_image_lists_and_base64_files(tmp_path) -> None:
    api = build_api(load_file(CORPUS / "ollama_openapi.yaml"))
    plan = plan_form(api, api.operation("generate"))
    images = next(f for f in plan.fields if f.name == "images")
    assert images.kind == "images-base64"
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    Image.new("RGB", (2, 2), "red").save(a)
    Image.new("RGB", (3, 3), "blue").save(b)
    values = {"model": "m", "images": [str(a), str(b)]}
    call = to_call(plan, [values.get(f.name) for f in plan.fields])
    sizes = [Image.open(io.BytesIO(base64.b64decode(s))).size for s in call.body["images"]]
    assert sizes == [(2, 2), (3, 3)]
    assert set(call.body) == {"model", "images"}  # nothing else was asked for


def test_fields_come_grouped_by_location_whatever_the_document_order() -> None:
    doc = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a/{id}": {"post": {
        "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}},
                       {"name": "X-H", "in": "header", "schema": {"type": "string"}},
                       {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "p", "in": "query", "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {}}}}}
    api = build_api(Document(doc, "o.json"))
    plan = plan_form(api, api.operations[0])
    assert [f.key for f in plan.fields] == ["path:id", "query:q", "query:p", "header:X-H", "body"]


def test_string_or_known_values_is_an_open_dropdown() -> None:
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/c": {"post": {
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "required": ["model"],
            "properties": {"model": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["small", "large"]}],
                                     "examples": ["small"]}}}}}}, "responses": {}}}}}
    api = build_api(Document(doc, "c.json"))
    plan = plan_form(api, api.operations[0])
    (model,) = plan.fields
    assert (model.kind, model.choices, model.initial) == ("combo", ("small", "large"), "small")
    assert to_call(plan, ["my-own-model"]).body == {"model": "my-own-model"}
    with pytest.raises(InvalidValues):
        to_call(plan, [""])


def test_every_field_of_the_smaller_corpus_documents_makes_a_component() -> None:
    """The whole corpus (30,000 fields, half a minute) is checked by benchmarks/forms.py;
    here the documents under 60 operations, so that no field kind ever crashes a form."""
    import gradio as gr

    from ui.widgets import component_for

    checked = 0
    with gr.Blocks():
        for path in sorted(p for p in CORPUS.iterdir() if p.is_file() and p.stat().st_size < 600_000):
            api = build_api(load_file(path))
            if len(api.operations) > 60:
                continue
            for op in api.operations:
                for field in plan_form(api, op).fields:
                    component_for(field)
                    checked += 1
    assert checked > 1000
