"""The `apiface` command as a person runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import CORPUS, ROOT
from tests.servers.running import free_port


def _apiface(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ui", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_help_explains_each_option() -> None:
    out = _apiface("--help").stdout
    for option in ("--host", "--port", "--base-url", "--timeout", "--demo", "GRADIO_SERVER_PORT"):
        assert option in out


def test_api_not_running_is_a_message() -> None:
    done = _apiface(f"http://127.0.0.1:{free_port()}", "--timeout", "3")
    assert done.returncode == 2
    assert "does not seem to be running" in done.stderr and "Traceback" not in done.stderr


def test_inspect_table_and_json(demo_url: str) -> None:
    table = _apiface("inspect", demo_url).stdout
    assert "POST    /generate" in table and "image/png" in table
    model = json.loads(_apiface("inspect", str(CORPUS / "oai_v2.0_petstore.json"), "--json").stdout)
    assert [op["name"] for op in model["operations"]] == ["listPets", "createPets", "showPetById"]


def test_inspect_broken_file_says_where(tmp_path) -> None:
    broken = tmp_path / "api.yaml"
    broken.write_text("openapi: 3.0.0\npaths: {a: [\n")
    done = _apiface("inspect", str(broken))
    assert done.returncode == 2 and f"{broken}: not valid JSON or YAML" in done.stderr
