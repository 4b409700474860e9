"""Golden models: small hand-made documents of each dialect → the expected model.

Set APIFACE_UPDATE_GOLDEN=1 to rewrite expected.json after a deliberate change,
then read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from introspect import build_api, discover_document
from ui.inspect import model_json

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_golden_model(case: str) -> None:
    folder = GOLDEN / case
    (document,) = [p for p in folder.iterdir() if p.stem == "openapi"]
    api = build_api(discover_document(str(document)))
    got = json.loads(model_json(api.model_copy(update={"source": f"{case}/{document.name}"})))
    expected_path = folder / "expected.json"
    if os.environ.get("APIFACE_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_path.read_text())


def test_spec_problems_are_warnings_not_refusals(tmp_path) -> None:
    from introspect.validate import check_source

    path = tmp_path / "sloppy.json"
    path.write_text(json.dumps({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/a": {"get": {"parameters": [{"name": "n", "in": "query", "schema": {"type": "integer", "default": "1"}}],
                       "responses": {"200": {"description": "ok"}}, "x-odd": True}},
        "/b": {"get": {"responses": {"200": {}}}}}}))  # a response without its required description
    api = build_api(discover_document(str(path)))
    assert [op.path for op in api.operations] == ["/a", "/b"]
    warnings = check_source(str(path))
    assert any(w.startswith("$.paths['/b'].get.responses['200']") for w in warnings), warnings
    assert any("'1' is not of type 'integer'" in w for w in warnings), warnings
