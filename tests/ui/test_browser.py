"""What a person sees: the UI on the demo API in Debian's chromium, driven by Playwright."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator

import pytest
from PIL import Image

from introspect import load_api
from tests.servers.running import free_port
from ui.app import APP_CSS, THEME, build_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def ui_url(demo_url: str) -> Iterator[str]:
    demo = build_app(load_api(demo_url), timeout=30)
    port = free_port()
    demo.queue(default_concurrency_limit=16).launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
        css=APP_CSS, theme=THEME)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    yield page
    context.close()
    assert not outside, f"the page fetched from outside the machine: {outside[:5]}"


def _choose(page, ui_url: str, op: str) -> None:
    page.goto(ui_url)
    page.locator(f"a.apiface-op[data-op='{op}']").click()
    page.locator("#apiface-send").wait_for()


def test_generate_from_the_browser(page, ui_url: str) -> None:
    _choose(page, ui_url, "generate_generate_post")
    assert "op=generate_generate_post" in page.url
    page.get_by_label("prompt *").fill("the fox")
    page.locator("#apiface-send").click()
    page.locator("#apiface-status").get_by_text("200 OK").wait_for(timeout=15000)
    page.locator("#apiface-json").get_by_text("the fox ", exact=False).wait_for(timeout=5000)


def test_describe_an_uploaded_picture(page, ui_url: str, tmp_path) -> None:
    picture = tmp_path / "blue.png"
    Image.new("RGB", (64, 48), (40, 90, 220)).save(picture)
    _choose(page, ui_url, "describe_image_describe_image_post")
    page.locator("input[type=file]").set_input_files(str(picture))
    page.wait_for_timeout(1000)  # the upload reaches the server before Send uses it
    page.locator("#apiface-send").click()
    page.locator("#apiface-json").get_by_text("64x48 picture, mostly blue", exact=False).wait_for(timeout=15000)


def test_url_names_the_operation(page, ui_url: str) -> None:
    page.goto(ui_url + "/?op=draw_draw__shape__get")
    page.locator("#apiface-send").wait_for(timeout=15000)
    page.get_by_text("Draw a shape; returns a PNG").first.wait_for()
    page.locator("#apiface-send").click()
    page.locator("#apiface-status").get_by_text("Check the form", exact=False).wait_for(timeout=15000)
    assert "shape" in page.locator("#apiface-status").inner_text()


def test_filter_and_image_answer(page, ui_url: str) -> None:
    page.goto(ui_url)
    page.locator(".apiface-filter").fill("draw")
    page.wait_for_timeout(200)
    visible = page.locator("a.apiface-op:visible")
    assert visible.count() == 1
    visible.first.click()
    page.locator("#apiface-send").wait_for()
    page.get_by_label("shape *").click()
    page.get_by_role("option", name="triangle").click()
    page.locator("#apiface-send").click()
    page.locator("#apiface-image img").wait_for(timeout=15000)


def test_two_people_are_served_at_once(browser, ui_url: str) -> None:
    pages = []
    for _ in range(2):
        context = browser.new_context()
        p = context.new_page()
        p.goto(ui_url + "/?op=slow_slow_get")
        p.locator("#apiface-send").wait_for(timeout=15000)
        seconds = p.get_by_label("number input for seconds")
        seconds.fill("3")
        seconds.press("Enter")
        pages.append(p)
    started = time.monotonic()
    for p in pages:
        p.locator("#apiface-send").click()
    for p in pages:
        p.locator("#apiface-status").get_by_text("200 OK").wait_for(timeout=20000)
        assert '"slept":3' in "".join(p.locator("#apiface-json").inner_text().split())
    elapsed = time.monotonic() - started
    for p in pages:
        p.context.close()
    assert elapsed < 5.5, f"two 3-second calls took {elapsed:.1f} s: they ran one after the other"


def test_streamed_words_arrive_one_by_one(page, ui_url: str) -> None:
    _choose(page, ui_url, "generate_stream_generate_stream_post")
    page.get_by_label("prompt *").fill("the robot")
    page.locator("#apiface-send").click()
    page.locator("#apiface-status").get_by_text("receiving", exact=False).wait_for(timeout=15000)
    partial = page.locator("#apiface-text textarea").input_value()
    assert partial.startswith("data: ")
    page.locator("#apiface-json").get_by_text("token", exact=False).first.wait_for(timeout=15000)
    assert "receiving" not in page.locator("#apiface-status").inner_text()


def test_unticking_the_check_sends_json_as_typed(browser, echo_url: str) -> None:
    from playwright.sync_api import expect

    demo = build_app(load_api(echo_url), timeout=30)
    port = free_port()
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/?op=echo_echo_post")
        page.locator("#apiface-send").wait_for(timeout=15000)
        page.get_by_label("prompt *").fill("hi")
        editor = page.locator(".cm-content").first  # the `tree` JSON editor
        editor.click()
        editor.fill('{"children": []}')
        page.locator("#apiface-send").click()
        status = page.locator("#apiface-status")
        expect(status).to_contain_text("does not match the document", timeout=15000)
        page.get_by_text("Connection").click()
        page.get_by_label("Check JSON values against the document before sending").uncheck()
        page.locator("#apiface-send").click()
        expect(status).to_contain_text("422", timeout=15000)  # sent as typed; the API's own answer
        page.close()
    finally:
        demo.close()
