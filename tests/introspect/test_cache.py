"""The model cache: the same document twice skips parsing; changes are never served stale."""

from __future__ import annotations

import shutil

from introspect import build_api, load_file
from introspect.cache import cache_dir
from tests.conftest import CORPUS


def test_reopening_skips_the_work(tmp_path) -> None:
    source = tmp_path / "api.yaml"
    shutil.copy(CORPUS / "ollama_openapi.yaml", source)
    first = load_file(source)
    assert first.model is None
    api = build_api(first)
    second = load_file(source)
    assert second.model is not None  # parsed no more: the model came from the cache
    assert build_api(second) == api
    assert any(cache_dir().glob(f"{first.digest}-*.pickle"))


def test_a_changed_document_is_rebuilt(tmp_path) -> None:
    source = tmp_path / "api.json"
    source.write_text('{"openapi": "3.0.0", "info": {"title": "a", "version": "1"}, "paths": {}}')
    assert build_api(load_file(source)).title == "a"
    source.write_text('{"openapi": "3.0.0", "info": {"title": "b", "version": "1"}, "paths": {}}')
    again = load_file(source)
    assert again.model is None and build_api(again).title == "b"


def test_broken_cache_entries_are_ignored(tmp_path) -> None:
    source = tmp_path / "api.json"
    source.write_text('{"openapi": "3.0.0", "info": {"title": "c", "version": "1"}, "paths": {}}')
    document = load_file(source)
    build_api(document)
    for entry in cache_dir().glob(f"{document.digest}-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_file(source).model is None
