"""The dashboard end to end: uvicorn on a loopback port, Debian's headless Chromium driven by Playwright.

Screenshots land in tests/artifacts/ (git-ignored). Playwright's own browser download is
not used: the test drives /usr/bin/chromium (`.ci/run` installs it) and skips without it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, sync_playwright

from bilateral.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; .ci/run does)"),
]


@pytest.fixture(scope="module")
def base_url(served_db: Path) -> Iterator[str]:
    """The app served by uvicorn in a thread, on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(served_db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh page; afterwards, no dialog may have opened (an alert means injected script ran),
    no request may have left the server, and no script error may have been logged."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    outside: list[str] = []
    errors: list[str] = []

    def dialog(event: Dialog) -> None:
        dialogs.append(event.message)
        event.dismiss()

    def request(event: Request) -> None:
        if not event.url.startswith(base_url):
            outside.append(event.url)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    opened.on("dialog", dialog)
    opened.on("request", request)
    opened.on("console", console)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert dialogs == [], f"a dialog opened: injected script ran ({dialogs})"
    assert outside == [], f"the page loaded something from elsewhere: {outside}"
    assert errors == [], f"script errors: {errors}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


DRAWN_PIXELS = """canvas => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) painted++; }
    return painted;
}"""


def test_pair_page_shows_timeline_agreements_and_evidence_then_the_sentence(page: Page) -> None:
    page.goto("/pairs/TUR-KOR")
    for chart in ("#chart-types", "#chart-quads"):
        canvas = page.wait_for_selector(f"{chart}[data-drawn='true']", timeout=10_000)
        assert canvas is not None and canvas.evaluate(DRAWN_PIXELS) > 500, f"{chart} drew nothing"
    agreements = page.locator("#agreements table tbody tr")
    assert agreements.count() >= 2
    assert "agreement" in agreements.first.inner_text().lower()
    people = page.locator("#people").inner_text()
    assert "Recep Tayyip Erdoğan" in people
    evidence = page.locator("#events a.evidence").filter(has_text="signed").first
    assert evidence.is_visible()
    quote = evidence.inner_text()
    shot(page, "pair-TUR-KOR.png")

    evidence.click()
    page.wait_for_url("**/articles/*#e-*")
    target = page.locator("mark:target, .anchor:target + mark")
    assert target.count() == 1
    assert target.is_visible()
    assert quote.strip() in target.inner_text()
    background = target.evaluate("mark => getComputedStyle(mark).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "article-evidence.png")


def test_hostile_article_renders_as_text(page: Page) -> None:
    page.goto("/search?q=hostile+markup")
    link = page.locator("ol.results a").first
    assert '<script>alert("title")</script>' in link.inner_text()
    shot(page, "search-hostile.png")
    link.click()
    page.wait_for_url("**/articles/*")
    text = page.locator(".article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert page.locator("article script, article img, article b").count() == 0
    assert page.locator("h1.article-title").inner_text().startswith("Hostile <script>")
    assert page.locator("article a[href^='javascript']").count() == 0
    page.locator("mark").first.hover()
    shot(page, "article-hostile.png")


def test_home_page_links_to_the_pair(page: Page) -> None:
    page.goto("/")
    assert page.locator("table.dyads tbody tr").count() >= 5
    shot(page, "home.png")
    page.locator("table.dyads a", has_text="KOR–TUR").click()
    page.wait_for_selector("#chart-types[data-drawn='true']")
    assert page.locator("h1").inner_text() == "KOR–TUR"


def test_pair_page_filters_its_events(page: Page) -> None:
    page.goto("/pairs/TUR-KOR")
    everything = page.locator("#events table.events tbody tr").count()
    page.locator("form.filters select[name=type]").select_option("CONSULT")
    page.locator("form.filters button").click()
    page.wait_for_url("**type=CONSULT**")
    kinds = page.locator("#events table.events tbody tr span.type").all_inner_texts()
    assert kinds and set(kinds) == {"CONSULT"} and len(kinds) < everything
    assert page.locator("form.filters select[name=type]").input_value() == "CONSULT"
    page.locator("form.filters input[name=since]").fill("2099-01-01")
    page.locator("form.filters button").click()
    page.wait_for_url("**since=2099-01-01**")
    assert page.locator("#events table.events tbody tr").count() == 0
    assert "No events match." in page.locator("#events").inner_text()
