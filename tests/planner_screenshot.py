"""The planner page in headless Chromium, driven by Playwright: the committed screenshots, and how tests open a page.

Used by tests/test_serve_browser.py and tests/test_planner_views.py, and by ``make docs`` to write the screenshots
of docs/images (planner.png, and one at each width the page is laid out for: planner-360.png, planner-768.png,
planner-1366.png)::

    python tests/planner_screenshot.py docs/images

Playwright drives the system's Chromium (Debian's ``chromium``, which ``make test`` installs); it never downloads
a browser of its own. The page is served by the installed ``tiktok-team serve`` on a loopback port.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from helpers import EXAMPLES, serving
from screenshot import BROWSER_FLAGS, chromium, keep

VIEWPORT = {"width": 1600, "height": 1100}  # the size of planner.png: the form, the chart and roles, the reasons
SHOWN_ROLE = "streamer"  # the role whose reasons the screenshots show
STARTUP = '{"stage":"startup","sourcing":"own_stock","formats":["livestream"]}'  # scenario A of the comparison


@contextmanager
def browser() -> Iterator[Browser]:
    """Headless Chromium (the system's), as tests/screenshot.py starts it."""
    with sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=chromium(), args=list(BROWSER_FLAGS))
        try:
            yield started
        finally:
            started.close()


class Watch:
    """A tab, with every request it makes and every error it reports (uncaught, or on the console)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def assert_clean(self, address: str) -> None:
        """The tab reported no error and fetched nothing from anywhere but ``address`` (the server)."""
        assert self.errors == []
        outside = [url for url in self.requests if not url.startswith((address, "data:", "blob:"))]
        assert outside == [], "the page fetched something from elsewhere"

    def leave_as_new(self) -> None:
        """Leave the tab as a new one would be, for the next test to open the page in: the other tabs of its
        context closed, nothing routed, no media emulated, the pointer at the corner, the page gone
        (``about:blank``: nothing of it works on, and the next address opened is a new document, never a reload
        that could bring back what a form held), and what it did forgotten.

        A module's tests share one tab this way: a new tab for each test started a renderer process of its own,
        about half a second of CPU each, which was most of what a test of the page cost."""
        for page in self.page.context.pages:
            if page is not self.page:
                page.close()
        self.page.unroute_all(behavior="ignoreErrors")
        self.page.emulate_media(media="null")
        self.page.mouse.move(0, 0)
        self.page.goto("about:blank")
        self.requests.clear()
        self.errors.clear()


def wait_for_plan(page: Page) -> None:
    """Wait until the page has a plan and its chart for what the form says now (shown, or in the plan's tab while
    another view is shown)."""
    page.wait_for_selector("#plan[aria-busy=false]", state="attached")
    page.wait_for_selector("#chart svg", state="attached")


def show_reasons(page: Page) -> None:
    """Click :data:`SHOWN_ROLE` in the role table and wait for its reasons."""
    page.locator(f"#roles button[data-role={SHOWN_ROLE}]").click()
    page.wait_for_selector("#explanation h3")


def example_shot(page: Page, address: str, out: Path) -> Path:
    """Open the page on the bundled example, show the reasons of :data:`SHOWN_ROLE`, and screenshot the window."""
    page.set_viewport_size(VIEWPORT)  # type: ignore[arg-type]
    page.goto(f"{address}/")
    wait_for_plan(page)
    show_reasons(page)
    page.locator("header").scroll_into_view_if_needed()  # the click scrolled the table into view
    page.screenshot(path=str(out))
    return out


@dataclass(frozen=True)
class Shot:
    """A screenshot of the page at one width: the window's size, the address's query, and what to do before."""

    width: int
    height: int
    query: str
    prepare: Callable[[Page], None]


def _phone(page: Page) -> None:  # a phone: a role tapped, its reasons open under its row
    show_reasons(page)
    page.locator(f"#roles tr[data-role={SHOWN_ROLE}]").evaluate("row => row.scrollIntoView({block: 'start'})")


def _whatif(page: Page) -> None:  # a tablet: the what-if table, with the settled control in the form beside it
    page.wait_for_selector("#whatif-out table.changes")


def _compare(page: Page) -> None:  # a laptop: the growth brand against a startup, both charts marked
    page.wait_for_selector("#compare-out svg")


SHOTS = {
    "planner-360.png": Shot(360, 780, "", _phone),
    "planner-768.png": Shot(768, 1024, "?view=whatif", _whatif),
    "planner-1366.png": Shot(1366, 768, f"?view=compare&a={STARTUP}", _compare),
}


def width_shot(page: Page, address: str, shot: Shot, out: Path) -> Path:
    """Open the page on the bundled example at ``shot``'s size and view, prepare it, and screenshot the window."""
    page.set_viewport_size({"width": shot.width, "height": shot.height})
    page.goto(f"{address}/{shot.query}")  # naming no facts, the page starts from the example
    wait_for_plan(page)
    shot.prepare(page)
    page.wait_for_timeout(300)  # the chart sized for the window
    page.screenshot(path=str(out))
    return out


def looks_unlike(committed: Path, taken: Path, size: tuple[int, int]) -> float:
    """How unlike the committed screenshot a new one looks, loosely (the layout and colours, not each anti-aliased
    pixel): the mean difference of their greys, 0 to 255, at a tenth of their size. Both must be ``size``, and the
    committed one small."""
    assert committed.stat().st_size < 300_000, f"keep {committed.name} small"
    with Image.open(committed) as committed_image, Image.open(taken) as taken_image:
        before, after = committed_image.convert("L"), taken_image.convert("L")
    assert before.size == after.size == size
    tenth = (size[0] // 10, size[1] // 10)
    difference = ImageChops.difference(
        before.resize(tenth, Image.Resampling.BOX), after.resize(tenth, Image.Resampling.BOX)
    )
    return float(ImageStat.Stat(difference).mean[0])


def main(argv: list[str]) -> int:
    """Write the screenshots of the planner page on the bundled example into the directory given."""
    if len(argv) != 1:
        print("usage: python tests/planner_screenshot.py OUT_DIRECTORY", file=sys.stderr)
        return 2
    example, images = str(EXAMPLES / "growth-brand.toml"), Path(argv[0])
    with tempfile.TemporaryDirectory() as work, serving("--profile", example) as address, browser() as chrome:
        keep(example_shot(chrome.new_page(), address, Path(work) / "planner.png"), images / "planner.png")
        for name, shot in SHOTS.items():
            keep(width_shot(chrome.new_page(), address, shot, Path(work) / name), images / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
