"""The import boundary and the public surface."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_introspect_does_not_load_gradio() -> None:
    code = "import sys, introspect; import introspect.execute; print('gradio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_public_surface_is_sorted_and_importable() -> None:
    import introspect

    assert introspect.__all__ == sorted(introspect.__all__)
    for name in introspect.__all__:
        assert hasattr(introspect, name), name
