"""What the operation page says about responses and auth."""

from __future__ import annotations

from introspect import build_api, load_file
from tests.introspect.test_golden import GOLDEN
from ui.describe import auth_placeholder, responses_markdown
from ui.form import plan_form


def test_write_only_is_not_shown_in_responses_and_read_only_not_in_forms() -> None:
    api = build_api(load_file(GOLDEN / "oas30" / "openapi.json"))
    (op,) = api.operations
    text = responses_markdown(api, op)
    assert "`mode`: one of `fast`, `slow`" in text and "`id`" in text
    assert "secret" not in text
    fields = {f.name for f in plan_form(api, op).fields}
    assert "id" not in fields and "secret" in fields


def test_auth_hints_follow_the_security_schemes() -> None:
    api = build_api(load_file(GOLDEN / "swagger2" / "openapi.yaml"))
    assert auth_placeholder(api).splitlines() == ["X-Key: …", "Authorization: Basic <base64 of user:password>"]
