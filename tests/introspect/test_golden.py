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
