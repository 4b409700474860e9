"""Every real document in ../shared/corpus/specs loads, with every operation."""

from __future__ import annotations

from pathlib import Path

import pytest

from introspect import build_api, load_file
from introspect.build import METHODS
from introspect.load import parse_document
from tests.conftest import CORPUS
from ui.form import plan_form


def _documents() -> list[Path]:
    found = sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".yaml", ".yml"))
    return [*found, CORPUS / "oai_v2.0_petstore-separate" / "spec" / "swagger.json"]


def _count_operations(data: dict) -> int:
    """Walked straight off the document, independently of the builder."""
    return sum(1 for item in (data.get("paths") or {}).values() if isinstance(item, dict)
               for method in METHODS if method in item)


def test_corpus_is_there() -> None:
    assert len(_documents()) == 51, f"expected 51 documents in {CORPUS}"


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name if p.name != "swagger.json" else "petstore-separate")
def test_document_loads_whole(path: Path) -> None:
    api = build_api(load_file(path))
    assert len(api.operations) == _count_operations(parse_document(path.read_bytes(), str(path)))
    assert len({op.name for op in api.operations}) == len(api.operations)
    unmodelled = [op.title for op in api.operations if op.problems]
    assert not unmodelled, unmodelled[:5]
    for op in api.operations:  # the form of every operation can be planned
        plan_form(api, op)
