"""The Gradio app: endpoint browser, the chosen operation's form, the response."""

from __future__ import annotations

import html
import logging
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr
import httpx

from introspect import (
    Api,
    ApifaceError,
    CallError,
    InvalidValues,
    build_request,
    default_base_url,
)
from introspect.execute import send_progressively
from introspect.validate import check_source

from .browser import BROWSER_CSS, BROWSER_JS, browser_html
from .describe import auth_info, auth_placeholder, operation_markdown, responses_markdown
from .form import SECTION_TITLES, FormPlan, plan_form
from .outputs import OutputPanel, show_message, show_result
from .values import parse_headers, to_call
from .widgets import component_for

log = logging.getLogger("apiface")

MAX_OPEN_OPTIONAL = 6
"""More optional fields than this in a section go into a closed accordion."""

# Components without an `info` line get their description as text above them.
_DESCRIBED_APART = ("json", "image-base64", "images-base64", "file-base64", "file", "files")

APP_CSS = """
.apiface-op-title code { font-size: 15px; }
#apiface-status { min-height: 2em; }
"""


@dataclass(frozen=True)
class Settings:
    """How the UI talks to the API."""

    base_url: str | None = None
    timeout: float = 60.0
    overridden: bool = False
    """True when the person gave --base-url: the document's servers are not offered."""
    headers: str = ""
    """`Name: value` lines sent with every call (prefilled from --header)."""


class ApiFace:
    """Holds the model and an HTTP client; builds the Blocks and answers its events."""

    def __init__(self, api: Api, settings: Settings) -> None:
        self.api = api
        self.settings = settings
        # One pooled client for every call; thread-safe, so concurrent calls share it.
        self.client = httpx.Client(follow_redirects=True, timeout=settings.timeout,
                                   limits=httpx.Limits(max_connections=100))

    def call(self, plan: FormPlan, base_url: str, timeout: float | None, extra_headers: str,
             *values: Any, check: bool = True) -> list[Any]:
        """Send the operation with the form's values; the final updates of `updates`."""
        return deque(self.updates(plan, base_url, timeout, extra_headers, check, *values), maxlen=1)[0]

    def updates(self, plan: FormPlan, base_url: str, timeout: float | None, extra_headers: str,
                check: bool, *values: Any) -> Iterator[list[Any]]:
        """Updates for the response panel: the answer so far while a stream arrives, then
        the whole answer. Every failure, ours included, becomes a message."""
        op = plan.operation
        try:
            headers = parse_headers(extra_headers)
            call = to_call(plan, list(values), headers, check=bool(check))
            if not (base_url or "").strip():
                yield show_message("No base URL to send calls to: the document names no server. "
                                   "Enter the API's address under Connection (e.g. http://127.0.0.1:5000), "
                                   "or start apiface with --base-url.", "warning")
                return
            request = build_request(op, call, base_url.strip())
            seconds = float(timeout) if timeout else self.settings.timeout
            request.extensions["timeout"] = httpx.Timeout(seconds).as_dict()
            # Streams show as they arrive; other answers at once (no partial JSON flicker).
            interval = 0.25 if op.streaming else None
            for result in send_progressively(request, self.client, seconds, interval=interval):
                yield show_result(result, op.name)
        except InvalidValues as exc:
            yield show_message(str(exc), "warning")
        except CallError as exc:
            yield show_message(str(exc))
        except Exception as exc:  # a bug of ours must not leave the person with a spinner
            log.exception("unexpected error calling %s", op.title)
            yield show_message(f"Unexpected error while calling {op.title}: {exc!r}. "
                               "This is a bug in apiface; please report it.")

    def validate_document(self) -> str:
        """openapi-spec-validator's findings, as warnings: the document is used regardless."""
        try:
            warnings = check_source(self.api.source)
        except ApifaceError as exc:
            return f"Could not read the document again: {html.escape(str(exc))}"
        if not warnings:
            return "The document is valid OpenAPI."
        return ("The validator found these problems; apiface uses the document all the same:\n\n"
                + "\n".join(f"- `{html.escape(w[:300])}`" for w in warnings))

    def build(self) -> gr.Blocks:
        """The whole page."""
        api = self.api
        with gr.Blocks(title=f"{api.title} · apiface", analytics_enabled=False) as demo:
            selected = gr.State(None)
            media_choice = gr.State(None)
            with gr.Sidebar(width=380, label="Operations"):
                gr.Markdown(f"### {html.escape(api.title)} <small>{html.escape(api.version)}</small>")
                browser = gr.HTML(browser_html(api), js_on_load=BROWSER_JS, css_template=BROWSER_CSS,
                                  elem_id="apiface-browser")
            with gr.Accordion("Connection", open=self.settings.base_url is None):
                with gr.Row():
                    base_url = gr.Textbox(value=self.settings.base_url or "", label="Base URL",
                                          info="Where calls are sent.", scale=3, elem_id="apiface-base-url",
                                          interactive=True)
                    timeout = gr.Number(value=self.settings.timeout, label="Timeout (s)", minimum=0.1,
                                        scale=1, interactive=True)
                if not self.settings.overridden:
                    self._server_controls(base_url)
                extra_headers = gr.Textbox(value=self.settings.headers, label="Headers sent with every call", lines=2,
                                           interactive=True,
                                           placeholder=auth_placeholder(api),
                                           info=auth_info(api) or "One `Name: value` per line (API keys, tokens).")
                # interactive=True: these are inputs only of events made later inside gr.render.
                check = gr.Checkbox(value=True, interactive=True,
                                    label="Check JSON values against the document before sending",
                                    info="Untick to send what you typed even where the document disagrees.")
            title = f"{len(api.problems)} problems in the document" if api.problems else "Document checks"
            with gr.Accordion(title, open=False):
                if api.problems:
                    gr.Markdown("\n".join(f"- {html.escape(p)}" for p in api.problems[:200]))
                validate_button = gr.Button("Validate the document against the OpenAPI spec", size="sm")
                report = gr.Markdown()
                validate_button.click(self.validate_document, None, report, api_visibility="private")

            @gr.render(inputs=[selected, media_choice])
            def operation_form(name: str | None, media_type: str | None) -> None:
                if not name:
                    gr.Markdown(self._welcome())
                    return
                op = api.find(name)
                if op is None:
                    gr.Markdown(f"**Not found:** this API has no operation named `{html.escape(name)}`. "
                                "Choose one from the list on the left.")
                    return
                plan = plan_form(api, op, media_type)
                gr.Markdown(operation_markdown(op), elem_classes="apiface-op-title")
                if op.responses:
                    with gr.Accordion("What it answers", open=False):
                        gr.Markdown(responses_markdown(api, op))
                if len(plan.body_media_types) > 1:
                    chooser = gr.Dropdown(list(plan.body_media_types), value=plan.media_type,
                                          label="Send the body as", key=f"{op.name}:media")
                    chooser.change(lambda m: m, chooser, media_choice)
                inputs = self._fields(plan)
                send_button = gr.Button("Send", variant="primary", key=f"{op.name}:send",
                                        elem_id="apiface-send")
                send_button.click(
                    partial(self.updates, plan),
                    inputs=[base_url, timeout, extra_headers, check, *inputs],
                    outputs=panel.components(),
                    concurrency_limit=None,  # calls are I/O-bound: serve everyone at once
                    api_visibility="private",
                )

            gr.Markdown("### Response")
            panel = OutputPanel.create()

            browser.click(_picked, None, [selected, media_choice], api_visibility="private")
            demo.load(_from_query, None, [selected, media_choice], api_visibility="private")
        return demo

    def _server_controls(self, base_url: gr.Textbox) -> None:
        """A server chooser and its variables, when the document offers a choice."""
        api = self.api
        variables = {v.name: v for server in api.servers for v in server.variables}
        if len(api.servers) < 2 and not variables:
            return
        with gr.Row():
            labels = [(f"{s.url}" + (f" ({s.description})" if s.description else ""), i)
                      for i, s in enumerate(api.servers)]
            server = gr.Dropdown(labels, value=0, label="Server", visible=len(api.servers) > 1, scale=2)
            controls = []
            for var in variables.values():
                if var.enum:
                    controls.append(gr.Dropdown(list(var.enum), value=var.default, label=var.name,
                                                info=var.description, allow_custom_value=True))
                else:
                    controls.append(gr.Textbox(value=var.default, label=var.name, info=var.description))
        names = list(variables)

        def pick(index: int, *values: str) -> str:
            choices = dict(zip(names, values, strict=True))
            return default_base_url(api, int(index or 0), choices) or ""

        for control in [server, *controls]:
            control.change(pick, [server, *controls], base_url, api_visibility="private")

    def _fields(self, plan: FormPlan) -> list[gr.components.Component]:
        """One component per field, in plan order (the Send handler zips them back).

        A section with many optional fields tucks them into a closed accordion, so
        the few a call needs are what the person sees first."""
        components: list[gr.components.Component] = []
        sections: dict[str, list[Any]] = {}
        for field in plan.fields:
            sections.setdefault(SECTION_TITLES[field.location], []).append(field)
        for heading, fields in sections.items():
            gr.Markdown(f"**{heading}**")
            optional = [f for f in fields if not f.required]
            if len(optional) > MAX_OPEN_OPTIONAL and len(fields) > MAX_OPEN_OPTIONAL + 2:
                components += [self._component(plan, f) for f in fields if f.required]
                with gr.Accordion(f"{len(optional)} optional {heading.lower()} fields", open=False):
                    components += [self._component(plan, f) for f in optional]
            else:
                components += [self._component(plan, f) for f in fields]
        if not plan.fields:
            gr.Markdown("*This operation takes no input.*")
        return components

    @staticmethod
    def _component(plan: FormPlan, field: Any) -> gr.components.Component:
        if field.kind in _DESCRIBED_APART and field.description:
            gr.Markdown(html.escape(field.description[:600]))
        component = component_for(field)
        component.key = f"{plan.operation.name}:{field.key}"
        return component

    def _welcome(self) -> str:
        api = self.api
        text = [f"# {html.escape(api.title)}"]
        if api.description:
            text.append(api.description.strip()[:2000])
        text.append(f"{len(api.operations)} operations. Choose one on the left to see its form.")
        return "\n\n".join(text)


def _picked(evt: gr.EventData) -> tuple[str | None, None]:
    data = getattr(evt, "_data", None) or {}
    return (data.get("op") if isinstance(data, dict) else None), None


def _from_query(request: gr.Request) -> tuple[str | None, None]:
    return request.query_params.get("op") or None, None


def build_app(api: Api, base_url: str | None = None, timeout: float = 60.0, headers: str = "") -> gr.Blocks:
    """The Gradio app for `api`; calls go to `base_url`, else the document's server."""
    settings = Settings(base_url=base_url or default_base_url(api), timeout=timeout, overridden=bool(base_url),
                        headers=headers)
    return ApiFace(api, settings).build()


THEME = gr.themes.Default(
    # System fonts: the default theme would fetch web fonts from the internet at run time.
    font=["ui-sans-serif", "system-ui", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "monospace"],
)
