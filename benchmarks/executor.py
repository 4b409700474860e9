"""Per-call overhead of apiface's executor against raw httpx, on the demo API.

Both send the same POST /generate through one pooled httpx.Client to a demo API
started in this process on a loopback port; the ratio is what apiface adds
(building the request from the model, decoding the answer).

    python benchmarks/executor.py [--calls 300]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from introspect import Call, build_request, load_api, send  # noqa: E402
from tests.servers.running import serve_asgi  # noqa: E402
from ui.demo import create_demo_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with serve_asgi(create_demo_app()) as url, httpx.Client() as client:
        api = load_api(url)
        op = api.operation("generate_generate_post")
        body = {"prompt": "the robot"}

        def raw() -> None:
            response = client.post(url + "/generate", json=body)
            response.json()

        def face() -> None:
            send(build_request(op, Call(body=body, has_body=True), url), client)

        for fn in (raw, face):  # warm up connections and code paths
            for _ in range(20):
                fn()
        timings = {}
        for name, fn in (("raw httpx", raw), ("apiface", face), ("raw httpx ", raw)):
            started = time.perf_counter()
            for _ in range(args.calls):
                fn()
            timings[name] = (time.perf_counter() - started) / args.calls
    baseline = (timings["raw httpx"] + timings["raw httpx "]) / 2
    print(f"{args.calls} calls of POST /generate each, loopback")
    print(f"raw httpx (mean of two rounds): {baseline * 1000:.2f} ms/call")
    print(f"apiface build_request + send:   {timings['apiface'] * 1000:.2f} ms/call  "
          f"(ratio {timings['apiface'] / baseline:.2f})")


if __name__ == "__main__":
    main()
