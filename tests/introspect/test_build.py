"""Model building: refs, cycles, dialects, parameter merging, names."""

from __future__ import annotations

from introspect import Document, build_api, default_base_url, load_api


def _api(doc: dict, source: str = "http://127.0.0.1:9/openapi.json"):
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, **doc}
    return build_api(Document(doc, source, source))


def test_fastapi_app_model(echo_url: str) -> None:
    api = load_api(echo_url)
    echo = next(op for op in api.operations if op.path == "/echo")
    body = api.resolve(echo.body.contents[0].schema_)
    assert body.required == ("prompt",)
    assert api.resolve(body.properties["count"]).minimum == 1
    temperature = api.resolve(body.properties["temperature"])
    assert temperature.types == ("number",) and temperature.nullable  # anyOf [number, null]
    size = api.resolve(body.properties["size"])
    assert size.enum == ("small", "large")
    tree = api.resolve(body.properties["tree"])
    assert tree.nullable and tree.properties["children"].items.ref == "#/components/schemas/Tree"
    assert api.resolve(body.properties["photo_b64"]).is_base64
    item = next(op for op in api.operations if op.path == "/items/{item_id}")
    assert [(p.location, p.name) for p in item.parameters] == [
        ("path", "item_id"), ("query", "q"), ("query", "tag"), ("header", "x-token"), ("cookie", "session")]


def test_smorest_path_level_parameters_are_merged(smorest_url: str) -> None:
    api = load_api(smorest_url)
    get = next(op for op in api.operations if op.title == "GET /pets/{pet_id}")
    assert [(p.location, p.name, p.required) for p in get.parameters] == [("path", "pet_id", True)]
    assert get.name == "get_pets_by_pet_id"  # no operationId: named from method and path
    post = next(op for op in api.operations if op.title == "POST /pets/")
    pet = api.resolve(post.body.contents[0].schema_)
    assert pet.properties["id"].read_only
    assert api.resolve(pet.properties["kind"]).enum == ("cat", "dog", "fish")


def test_operation_level_parameter_overrides_path_level() -> None:
    api = _api({"paths": {"/a/{id}": {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "v", "in": "query", "description": "path-level"}],
        "get": {"parameters": [{"name": "v", "in": "query", "description": "operation-level"}],
                "responses": {}},
    }}})
    (op,) = api.operations
    assert [(p.name, p.description) for p in op.parameters] == [("id", None), ("v", "operation-level")]


def test_refs_to_parameters_bodies_and_responses() -> None:
    api = _api({
        "paths": {"/x": {"post": {
            "parameters": [{"$ref": "#/components/parameters/Limit"}],
            "requestBody": {"$ref": "#/components/requestBodies/Thing"},
            "responses": {"200": {"$ref": "#/components/responses/Ok"}},
        }}},
        "components": {
            "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
            "requestBodies": {"Thing": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}}}}},
            "responses": {"Ok": {"description": "fine", "content": {"text/plain": {}}}},
            "schemas": {"Thing": {"type": "object", "properties": {"a": {"type": "string"}}}},
        },
    })
    (op,) = api.operations
    assert op.parameters[0].name == "limit" and op.parameters[0].schema_.types == ("integer",)
    assert op.body.required and api.resolve(op.body.contents[0].schema_).properties["a"].types == ("string",)
    assert op.responses[0].description == "fine" and op.responses[0].contents[0].media_type == "text/plain"


def test_cyclic_schemas_end() -> None:
    api = _api({
        "paths": {"/n": {"post": {"requestBody": {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Node"}}}}, "responses": {}}}},
        "components": {"schemas": {
            "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"},
                                                      "other": {"$ref": "#/components/schemas/Other"}}},
            "Other": {"allOf": [{"$ref": "#/components/schemas/Node"}, {"properties": {"x": {"type": "integer"}}}]},
            "Self": {"allOf": [{"$ref": "#/components/schemas/Self"}]},
        }},
    })
    node = api.schemas["#/components/schemas/Node"]
    assert node.properties["next"].ref == "#/components/schemas/Node"
    other = api.resolve(node.properties["other"])
    assert set(other.properties) == {"next", "other", "x"}


def test_dialects() -> None:
    api = _api({"paths": {"/d": {"post": {"requestBody": {"content": {"application/json": {"schema": {
        "type": "object",
        "properties": {
            "a": {"type": ["string", "null"]},
            "b": {"type": "string", "nullable": True},
            "c": {"pattern": "^(fast|slow)$", "type": "string"},
            "d": {"const": "only"},
            "e": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            "f": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                  "discriminator": {"propertyName": "pet", "mapping": {"kitty": "#/components/schemas/Cat"}}},
            "g": {"type": "string", "contentMediaType": "image/png"},
        }}}}}, "responses": {}}}},
        "components": {"schemas": {"Cat": {"type": "object"}, "Dog": {"type": "object"}}}})
    props = api.resolve(api.operations[0].body.contents[0].schema_).properties
    assert props["a"].types == ("string",) and props["a"].nullable
    assert props["b"].nullable
    assert props["c"].enum == ("fast", "slow")
    assert props["d"].enum == ("only",)
    assert props["e"].minimum == 0 and props["e"].exclusive_minimum
    assert [v.name for v in props["f"].variants] == ["kitty", "Dog"] and props["f"].discriminator == "pet"
    assert props["g"].is_binary


def test_names_are_unique_and_fragments_not_sent() -> None:
    api = _api({"paths": {
        "/v1/conversations#stream": {"post": {"responses": {}}},
        "/v1/conversations": {"post": {"responses": {}}},
        "/a": {"get": {"operationId": "same", "responses": {}}},
        "/b": {"get": {"operationId": "same", "responses": {}}},
    }})
    names = [op.name for op in api.operations]
    assert names == ["post_v1_conversations_stream", "post_v1_conversations", "same", "same_2"]
    assert api.operations[0].request_path == "/v1/conversations"


def test_base_url_from_servers() -> None:
    source = "http://127.0.0.1:9/docs/openapi.json"
    assert default_base_url(_api({"paths": {}}, source)) == "http://127.0.0.1:9"
    assert default_base_url(_api({"paths": {}, "servers": [{"url": "/api/v2"}]}, source)) == "http://127.0.0.1:9/api/v2"
    templated = {"url": "{scheme}://localhost:{port}/v1", "variables": {
        "scheme": {"default": "http", "enum": ["http", "https"]}, "port": {"default": "8080"}}}
    assert default_base_url(_api({"paths": {}, "servers": [templated]}, source)) == "http://localhost:8080/v1"
    assert default_base_url(_api({"paths": {}}, "/tmp/api.json")) is None


def test_unmodellable_operation_stays_listed() -> None:
    api = _api({"paths": {
        "/bad": {"get": {"parameters": [{"$ref": "#/components/parameters/Missing"}], "responses": {}}},
        "/good": {"get": {"responses": {}}},
    }})
    assert [op.path for op in api.operations] == ["/bad", "/good"]
    assert "Missing" in api.operations[0].problems[0]
    assert api.problems and not api.operations[1].problems
