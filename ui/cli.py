"""`apiface`: point it at an API and get a UI. Launch options follow Gradio's."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence

# No analytics, nothing fetched from the internet: set before gradio is imported.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

DEFAULT_PORT = 7860


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="apiface",
        description="Put a Gradio UI on any HTTP API that describes itself with OpenAPI.",
        epilog="Other commands: `apiface inspect SOURCE [--json]` lists the operations in the terminal; "
               "`apiface demo-api --port 5000` runs the bundled demo API alone.",
    )
    parser.add_argument("source", nargs="?",
                        help="the API: a base URL (http://127.0.0.1:5000), the URL of its OpenAPI "
                             "document, or a local JSON/YAML file")
    parser.add_argument("--demo", action="store_true",
                        help="start the bundled demo model API on a free port and the UI pointed at it")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address the UI listens on (default 127.0.0.1; 0.0.0.0 to share on the network)")
    parser.add_argument("--port", type=int, default=None,
                        help=f"port the UI listens on (default {DEFAULT_PORT}, or GRADIO_SERVER_PORT if set)")
    parser.add_argument("--base-url", default=None,
                        help="send calls here instead of the document's server (e.g. http://127.0.0.1:5000)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for the API on each call (default 60); discovery uses at most 10")
    parser.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                        help="a header for every request, discovery included (an API key, a token); repeatable")
    return parser


def _demo_api_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apiface demo-api",
                                     description="Run the bundled demo model API alone (FastAPI).")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    return parser


def _inspect_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apiface inspect",
                                     description="List an API's operations in the terminal.")
    parser.add_argument("source", help="a base URL, the URL of the OpenAPI document, or a file")
    parser.add_argument("--json", action="store_true", help="print the whole model as JSON")
    parser.add_argument("--validate", action="store_true",
                        help="also check the document with openapi-spec-validator (warnings only; slow on big documents)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds for discovery (default 10)")
    return parser


def _run_inspect(args: argparse.Namespace) -> int:
    from introspect import ApifaceError, load_api

    from .inspect import model_json, render_table

    try:
        api = load_api(args.source, timeout=args.timeout)
    except ApifaceError as exc:
        print(f"apiface: {exc}", file=sys.stderr)
        return 2
    print(model_json(api) if args.json else render_table(api))
    if args.validate:
        from introspect.validate import check_source

        warnings = check_source(api.source)
        print(f"\nSpec validation: {len(warnings) or 'no'} problem(s) found; the document loads all the same.",
              file=sys.stderr)
        for warning in warnings:
            print(f"  - {warning}", file=sys.stderr)
    return 0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def start_demo_api(host: str = "127.0.0.1", port: int | None = None) -> tuple[str, object]:
    """Run the demo API in a background thread; its base URL once it answers."""
    import httpx
    import uvicorn

    from .demo import create_demo_app

    port = port or free_port(host)
    server = uvicorn.Server(uvicorn.Config(create_demo_app(), host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="apiface-demo-api", daemon=True)
    thread.start()
    url = f"http://{host}:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return url, server
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError(f"the demo API did not start on {url}")


def _resolve_port(port: int | None) -> int:
    if port is not None:
        return port
    env = os.environ.get("GRADIO_SERVER_PORT")
    return int(env) if env and env.isdigit() else DEFAULT_PORT


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `apiface` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["demo-api"]:
        return _run_demo_api(_demo_api_parser().parse_args(args_list[1:]))
    if args_list[:1] == ["inspect"]:
        return _run_inspect(_inspect_parser().parse_args(args_list[1:]))
    parser = _main_parser()
    args = parser.parse_args(args_list)
    if not args.demo and not args.source:
        parser.error("give the API to open (a base URL, a document URL or a file), or --demo")

    from introspect import ApifaceError, load_api

    source = args.source
    if args.demo:
        source, _server = start_demo_api()
        print(f"Demo API running at {source}  (its docs: {source}/docs)", flush=True)
    from .values import parse_headers

    headers = parse_headers("\n".join(args.header))
    try:
        api = load_api(source, timeout=min(args.timeout, 10.0), headers=headers)
    except ApifaceError as exc:
        print(f"apiface: {exc}", file=sys.stderr)
        return 2

    from .app import APP_CSS, THEME, build_app

    demo = build_app(api, base_url=args.base_url, timeout=args.timeout, headers="\n".join(args.header))
    port = _resolve_port(args.port)
    print(f"{api.title}: {len(api.operations)} operations from {api.source}", flush=True)
    demo.queue(default_concurrency_limit=16).launch(
        server_name=args.host, server_port=port, css=APP_CSS, theme=THEME, show_error=True,
        quiet=False, footer_links=[],
    )
    return 0


def _run_demo_api(args: argparse.Namespace) -> int:
    import uvicorn

    from .demo import create_demo_app

    print(f"Demo API on http://{args.host}:{args.port}  (then: apiface http://{args.host}:{args.port})",
          flush=True)
    uvicorn.run(create_demo_app(), host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
