"""The executor against a real server: check what arrived, not what was meant."""

from __future__ import annotations

import pytest

from introspect import ApiTimeout, ApiUnreachable, Call, InvalidValues, build_request, load_api, send
from tests.servers.running import free_port


@pytest.fixture(scope="module")
def echo_api(echo_url: str):
    return load_api(echo_url)


def _op(api, path: str, method: str = "get"):
    return next(op for op in api.operations if op.path == path and op.method == method)


def test_path_query_header_cookie_arrive(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/items/{item_id}")
    call = Call(path={"item_id": "a/b ?#"}, query={"q": "x y", "tag": ["one", "two"]},
                headers={"x-token": "secret"}, cookies={"session": "s 1"})
    result = send(build_request(op, call, echo_url))
    assert result.status == 200 and result.kind == "json"
    got = result.data
    assert got["raw_path"] == "/items/a%2Fb%20%3F%23"  # one segment, nothing interpreted
    assert got["item_id"] == "a/b ?#"
    assert got["query_string"] == "q=x+y&tag=one&tag=two"  # arrays as repeated keys
    assert got["tag"] == ["one", "two"]
    assert got["x_token"] == "secret"
    assert got["session"] == "s 1"


def test_dot_segments_cannot_escape_the_path(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/items/{item_id}")
    result = send(build_request(op, Call(path={"item_id": "../echo"}), echo_url))
    assert result.status == 200
    assert result.data["raw_path"] == "/items/..%2Fecho"


def test_only_given_values_are_sent(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/items/{item_id}")
    result = send(build_request(op, Call(path={"item_id": "7"}), echo_url))
    assert result.data["query_string"] == ""
    assert result.data["x_token"] is None and result.data["session"] is None


def test_json_body_arrives_as_sent(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/echo", "post")
    body = {"prompt": "hi", "count": 2, "tags": ["a"]}
    result = send(build_request(op, Call(body=body, has_body=True, media_type="application/json"), echo_url))
    assert result.status == 200
    assert result.data == {"received": body, "content_type": "application/json"}


def test_missing_path_value_is_refused(echo_api, echo_url: str) -> None:
    with pytest.raises(InvalidValues, match="item_id"):
        build_request(_op(echo_api, "/items/{item_id}"), Call(), echo_url)


def test_non_2xx_keeps_the_api_body(echo_api, echo_url: str) -> None:
    result = send(build_request(_op(echo_api, "/echo", "post"), Call(body={}, has_body=True), echo_url))
    assert result.status == 422 and not result.ok
    assert result.data["detail"][0]["loc"] == ["body", "prompt"]
    failed = send(build_request(_op(echo_api, "/fail"), Call(), echo_url))
    assert failed.status == 500 and failed.data == {"detail": "it broke"}


def test_decoding_by_media_type(echo_api, echo_url: str) -> None:
    png = send(build_request(_op(echo_api, "/png"), Call(), echo_url))
    assert png.kind == "image" and png.content.startswith(b"\x89PNG")
    text = send(build_request(_op(echo_api, "/text"), Call(), echo_url))
    assert text.kind == "text" and text.text == "plain words"
    binary = send(build_request(_op(echo_api, "/binary"), Call(), echo_url))
    assert binary.kind == "binary" and binary.size == 256
    bad = send(build_request(_op(echo_api, "/bad-json"), Call(), echo_url))
    assert bad.kind == "text" and bad.text == "{not json" and "not valid JSON" in bad.problem


def test_timeout(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/slow")
    with pytest.raises(ApiTimeout, match="did not answer within 0.3 s"):
        send(build_request(op, Call(query={"seconds": 2}), echo_url), timeout=0.3)


def test_api_not_running(echo_api) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ApiUnreachable, match="does not seem to be running"):
        send(build_request(_op(echo_api, "/text"), Call(), url))


def test_an_endless_stream_is_cut_at_the_timeout(echo_api, echo_url: str) -> None:
    op = _op(echo_api, "/endless")
    assert op.streaming == "declared"
    result = send(build_request(op, Call(), echo_url), timeout=1.0)
    assert result.truncated and result.kind == "json"  # the events that arrived, as a list
    assert result.data[:3] == [1, 2, 3] and 1.0 <= result.elapsed < 2.5


def test_json_lines_become_a_list(echo_api, echo_url: str) -> None:
    result = send(build_request(_op(echo_api, "/ndjson"), Call(), echo_url))
    assert result.kind == "json"
    assert result.data == [{"response": "a", "done": False}, {"response": "b", "done": True}]


def test_object_query_styles() -> None:
    from introspect import Document, build_api

    doc = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/s": {"get": {
        "parameters": [
            {"name": "filter", "in": "query", "style": "deepObject", "explode": True, "schema": {"type": "object"}},
            {"name": "point", "in": "query", "explode": False, "schema": {"type": "object"}},
            {"name": "ids", "in": "query", "style": "pipeDelimited", "explode": False,
             "schema": {"type": "array", "items": {"type": "integer"}}}],
        "responses": {}}}}}
    (op,) = build_api(Document(doc, "s.json")).operations
    call = Call(query={"filter": {"color": "red"}, "point": {"x": 1, "y": 2}, "ids": [1, 2]})
    request = build_request(op, call, "http://127.0.0.1:9")
    assert request.url.query.decode() == "filter%5Bcolor%5D=red&point=x%2C1%2Cy%2C2&ids=1%7C2"


def test_progress_while_a_stream_arrives(echo_api, echo_url: str) -> None:
    from introspect.execute import send_progressively

    op = _op(echo_api, "/sse")
    results = list(send_progressively(build_request(op, Call(query={"n": 6}), echo_url), interval=0.1))
    partial, final = results[:-1], results[-1]
    assert len(partial) >= 2 and not any(r.complete for r in partial)
    assert partial[0].kind == "text" and partial[0].text.startswith("data: ")
    assert len(partial[-1].text) > len(partial[0].text)  # it grew as it arrived
    assert final.complete and final.kind == "json"
    assert final.data == [{"n": i} for i in range(6)] + ["plain words"]


def test_sse_values() -> None:
    from introspect.execute import sse_values

    text = 'event: a\ndata: {"x": 1}\n\n: comment\ndata: two\ndata: lines\n\ndata: [DONE]\n\n'
    assert sse_values(text) == [{"x": 1}, "two\nlines"]
