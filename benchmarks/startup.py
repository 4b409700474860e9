"""Start-up time and memory of apiface on a big document, beside a bare Gradio app.

Both are started as fresh processes in the same run (these machines are noisy, so
compare the columns, not numbers across runs). "Serving" means the page answers
HTTP 200. Memory is the resident set size once serving.

    python benchmarks/startup.py [--spec PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "corpus" / "specs" / "github_api.github.com.json"

BARE_GRADIO = """
import sys, gradio as gr
with gr.Blocks() as demo:
    gr.Markdown("bare")
demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), quiet=True)
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(command: list[str], port: int, cache: str = "off") -> tuple[float, float]:
    """Seconds until http://127.0.0.1:port/ answers 200, and RSS (MB) then."""
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(ROOT), "APIFACE_CACHE_DIR": cache}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command} exited: {process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 300:
                raise RuntimeError(f"{command} did not serve within 300 s")
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        time.sleep(0.5)
        return elapsed, _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="apiface-bench-cache-")
    bare, cold, warm = [], [], []
    port = _port()  # fill the cache once, untimed
    measure([sys.executable, "-m", "ui", str(args.spec), "--port", str(port)], port, cache)
    for _ in range(args.runs):
        port = _port()
        bare.append(measure([sys.executable, "-c", BARE_GRADIO, str(port)], port))
        port = _port()
        cold.append(measure([sys.executable, "-m", "ui", str(args.spec), "--port", str(port)], port))
        port = _port()
        warm.append(measure([sys.executable, "-m", "ui", str(args.spec), "--port", str(port)], port, cache))
    print(f"document: {args.spec.name} ({args.spec.stat().st_size / 1e6:.1f} MB), median of {args.runs} runs")
    print(f"{'':34}{'seconds to serving':>20}{'RSS when serving (MB)':>24}")
    b_time = statistics.median(t for t, _ in bare)
    b_mem = statistics.median(m for _, m in bare)
    for label, runs in (("bare gradio app (the floor)", bare), ("apiface, model cache off", cold),
                        ("apiface, model cache warm", warm)):
        t = statistics.median(x for x, _ in runs)
        m = statistics.median(x for _, x in runs)
        extra = "" if runs is bare else f"   (+{t - b_time:.2f} s, x{t / b_time:.2f}; +{m - b_mem:.0f} MB)"
        print(f"{label:34}{t:20.2f}{m:24.0f}{extra}")

if __name__ == "__main__":
    main()
