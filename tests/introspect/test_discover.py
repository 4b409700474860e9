"""Discovery against real servers: found, and every miss explained."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from introspect import DiscoveryError, DocumentError, build_api, discover_document, load_api
from tests.servers.running import free_port, serve_asgi


def test_fastapi_base_url(echo_url: str) -> None:
    document = discover_document(echo_url)
    assert document.url == echo_url + "/openapi.json"
    assert document.version.startswith("3.1")


def test_address_without_scheme(echo_url: str) -> None:
    assert discover_document(echo_url.removeprefix("http://")).url == echo_url + "/openapi.json"


def test_flask_smorest_base_url(smorest_url: str) -> None:
    api = load_api(smorest_url)
    assert api.spec_version.startswith("3.0")
    assert {op.title for op in api.operations} >= {"GET /pets/", "POST /pets/", "GET /pets/{pet_id}"}


def test_document_url_itself(echo_url: str) -> None:
    assert discover_document(echo_url + "/openapi.json").url == echo_url + "/openapi.json"


def _odd_api() -> FastAPI:
    """Serves its document only at an unusual path, announced by a Link header."""
    app = FastAPI(openapi_url="/meta/spec-v7.json")

    @app.get("/")
    async def root() -> Response:
        return JSONResponse({"hello": "world"},
                            headers={"Link": '</meta/spec-v7.json>; rel="service-desc"; type="application/json"'})

    @app.get("/ping")
    async def ping() -> dict:
        return {"ok": True}

    return app


def test_link_header_service_desc() -> None:
    with serve_asgi(_odd_api()) as url:
        document = discover_document(url)
    assert document.url == url + "/meta/spec-v7.json"


def test_docs_page_names_the_document() -> None:
    app = FastAPI(openapi_url="/private/schema.json", docs_url="/docs")
    with serve_asgi(app) as url:
        document = discover_document(url)
    assert document.url == url + "/private/schema.json"


def test_nothing_found_lists_every_url_and_reason() -> None:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/swagger.json")
    async def not_a_spec() -> dict:
        return {"just": "json"}

    with serve_asgi(app) as url, pytest.raises(DiscoveryError) as caught:
        discover_document(url, timeout=5)
    message = str(caught.value)
    assert f"{url}/openapi.json: HTTP 404" in message
    assert f"{url}/swagger.json: not an OpenAPI document" in message
    assert "does not seem to be running" not in message
    assert len(caught.value.attempts) > 20


def test_nothing_listening_says_start_it() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(DiscoveryError) as caught:
        discover_document(url, timeout=5)
    assert "does not seem to be running" in str(caught.value)
    assert all(a.refused for a in caught.value.attempts)


def test_local_files(tmp_path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text("openapi: 3.0.0\ninfo: {title: T, version: '2020-01-01'}\npaths:\n  /a:\n    get:\n      responses: {200: {description: ok}}\n")
    api = build_api(discover_document(str(path)))
    assert api.version == "2020-01-01"  # a YAML date stays the string it was written as
    assert [op.title for op in api.operations] == ["GET /a"]
    assert api.operations[0].responses[0].status == "200"


def test_broken_documents_say_what_and_where(tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"openapi": "3.0.0", "paths": {')
    with pytest.raises(DocumentError, match="broken.json: not valid"):
        discover_document(str(broken))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"name": "not an api"}))
    with pytest.raises(DocumentError, match="not an OpenAPI document"):
        discover_document(str(other))
    with pytest.raises(DocumentError, match="no such file"):
        discover_document(str(tmp_path / "missing.json"))


def test_html_instead_of_document() -> None:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/spec")
    async def page() -> HTMLResponse:
        return HTMLResponse("<!doctype html><p>hello</p>")

    with serve_asgi(app) as url, pytest.raises(DiscoveryError) as caught:
        discover_document(url + "/spec", timeout=5)
    assert f"{url}/spec: this is an HTML page, not an OpenAPI document" in str(caught.value)


def test_api_catalog_names_the_document() -> None:
    app = FastAPI(openapi_url="/internal/v9.json", docs_url=None, redoc_url=None)

    @app.get("/.well-known/api-catalog")
    async def catalog() -> Response:
        body = {"linkset": [{"anchor": "/", "service-desc": [{"href": "/internal/v9.json",
                                                              "type": "application/json"}]}]}
        return JSONResponse(body, media_type="application/linkset+json")

    with serve_asgi(app) as url:
        assert discover_document(url).url == url + "/internal/v9.json"


def test_gradio_app_is_found() -> None:
    import gradio as gr

    with gr.Blocks() as blocks:
        box = gr.Textbox()
        box.submit(lambda s: s[::-1], box, box, api_name="reverse")
    app = gr.mount_gradio_app(FastAPI(openapi_url=None, docs_url=None, redoc_url=None), blocks, path="/")
    with serve_asgi(app) as url:
        api = load_api(url)
    assert api.source == url + "/gradio_api/openapi.json"
    assert any("reverse" in op.path for op in api.operations)


def test_flask_smorest_under_a_prefix_and_swagger2() -> None:
    from tests.servers.running import serve_wsgi
    from tests.servers.smorest_app import create_app

    with serve_wsgi(create_app(prefix="/doc")) as url:
        assert load_api(url).source == url + "/doc/openapi.json"
    with serve_wsgi(create_app(prefix="/api", openapi_version="2.0")) as url:
        api = load_api(url)
    assert api.spec_version == "2.0" and api.source == url + "/api/openapi.json"
    post = next(op for op in api.operations if op.title == "POST /pets/")
    assert post.body is not None and post.body.contents[0].media_type == "application/json"


def test_split_document_over_http() -> None:
    from starlette.staticfiles import StaticFiles

    from tests.introspect.test_golden import GOLDEN

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.mount("/spec", StaticFiles(directory=GOLDEN / "split-files"))
    with serve_asgi(app) as url:
        api = load_api(url + "/spec/openapi.yaml")
    (op,) = api.operations
    user = api.resolve(op.responses[0].contents[0].schema_)
    assert api.resolve(user.properties["address"]).properties["city"].types == ("string",)
    assert user.properties["friend"].ref == "schemas/user.json#"


def test_spec_urls_in_docs_pages() -> None:
    from introspect.discover import spec_urls_in_page

    page = "http://127.0.0.1:9/docs/"
    redoc = '<redoc spec-url="/api/openapi.yaml"></redoc><script src="redoc.standalone.js"></script>'
    scalar = '<script id="api-reference" data-url="../openapi.json"></script>'
    swagger = 'SwaggerUIBundle({url: "/apispec_1.json", dom_id: "#swagger-ui"})'
    elsewhere = '<redoc spec-url="https://example.com/openapi.json"></redoc>'
    assert spec_urls_in_page(redoc, page) == ["http://127.0.0.1:9/api/openapi.yaml"]
    assert spec_urls_in_page(scalar, page) == ["http://127.0.0.1:9/openapi.json"]
    assert spec_urls_in_page(swagger, page) == ["http://127.0.0.1:9/apispec_1.json"]
    assert spec_urls_in_page(elsewhere, page) == []  # never fetched from another origin


def test_protected_document_with_a_header() -> None:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/openapi.json")
    async def spec(request: Request) -> Response:
        if request.headers.get("authorization") != "Bearer s3cret":
            return JSONResponse({"detail": "no"}, status_code=401)
        return JSONResponse({"openapi": "3.0.0", "info": {"title": "locked", "version": "1"}, "paths": {}})

    with serve_asgi(app) as url:
        with pytest.raises(DiscoveryError, match="needs credentials"):
            discover_document(url, timeout=5)
        assert load_api(url, headers={"Authorization": "Bearer s3cret"}).title == "locked"
