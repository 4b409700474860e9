"""Load time and memory on the corpus's big documents, beside the floor and Gradio's loader.

Each document is measured in a fresh process so memory figures do not mix:
- parse: reading + json/yaml (libyaml) parsing alone: the floor any loader pays;
- apiface: discover-free load of the file → Api model (parse + build), cache off;
- cached: the same document reopened with the model cache warm;
- gradio: `gr.load_openapi` on the same parsed document (with --gradio; capped).
Ratios are against `parse`, measured in the same process.

    python benchmarks/load.py [--gradio] [--cap 120] [DOCUMENT ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "specs"
BIG = ["github_api.github.com.json", "k8s_v1.36_swagger.json", "stripe_spec3_2022-04-12.json",
       "openai_openapi.yaml", "live_litellm-1.108.7_openapi.json"]

_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[2])
path, mode = sys.argv[1], sys.argv[3]
def rss():
    with open("/proc/self/status") as h:
        return next(int(l.split()[1]) / 1024 for l in h if l.startswith("VmRSS:"))
from introspect.load import parse_document
from introspect import build_api, load_file
before = rss()
t = time.perf_counter(); raw = open(path, "rb").read(); data = parse_document(raw, path); parse = time.perf_counter() - t
del data, raw
out = {"parse": parse}
if mode == "apiface":
    t = time.perf_counter(); api = build_api(load_file(path)); out["apiface"] = time.perf_counter() - t
    out["operations"] = len(api.operations)
    t = time.perf_counter(); api2 = build_api(load_file(path)); out["cached"] = time.perf_counter() - t
    out["rss_mb"] = rss() - before
elif mode == "gradio":
    import gradio as gr
    before = rss()
    t = time.perf_counter()
    try:
        gr.load_openapi(parse_document(open(path, "rb").read(), path), "http://127.0.0.1:9")
        out["gradio"] = time.perf_counter() - t
    except Exception as exc:
        out["gradio_error"] = f"{type(exc).__name__}: {str(exc)[:120]}"
    out["rss_mb"] = rss() - before
print(json.dumps(out))
"""


def run(path: Path, mode: str, cap: float) -> dict:
    env = {**os.environ, "APIFACE_CACHE_DIR": tempfile.mkdtemp(prefix="apiface-bench-"),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(ROOT), mode], env=env,
                              capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"gradio_error": f"not done after {cap:.0f} s"}
    if done.returncode != 0:
        return {f"{mode}_error": done.stderr.strip().splitlines()[-1][:120] if done.stderr else "crashed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="*", default=BIG)
    parser.add_argument("--gradio", action="store_true", help="also time gr.load_openapi (slow)")
    parser.add_argument("--cap", type=float, default=120, help="seconds allowed to gr.load_openapi")
    args = parser.parse_args()
    print(f"{'document':36}{'ops':>6}{'parse s':>9}{'apiface s':>11}{'ratio':>7}{'cached s':>10}"
          f"{'ratio':>7}{'model MB':>10}" + (f"{'gradio':>26}" if args.gradio else ""))
    for name in args.documents:
        path = Path(name) if Path(name).exists() else CORPUS / name
        mine = run(path, "apiface", 600)
        if "apiface" not in mine:
            print(f"{name:36} failed: {mine}")
            continue
        line = (f"{name[:35]:36}{mine['operations']:>6}{mine['parse']:9.2f}{mine['apiface']:11.2f}"
                f"{mine['apiface'] / mine['parse']:7.2f}{mine['cached']:10.2f}{mine['cached'] / mine['parse']:7.2f}"
                f"{mine['rss_mb']:10.0f}")
        if args.gradio:
            theirs = run(path, "gradio", args.cap)
            if "gradio" in theirs:
                line += f"{theirs['gradio']:14.1f} s {theirs['rss_mb']:6.0f} MB"
            else:
                line += f"  {theirs.get('gradio_error', theirs)}"[:60]
        print(line, flush=True)


if __name__ == "__main__":
    main()
