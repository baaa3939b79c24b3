"""The planner page in headless Chromium, driven by Playwright: the committed screenshot, and how tests open a page.

Used by tests/test_serve_browser.py, and by ``make docs`` to write docs/images/planner.png::

    python tests/planner_screenshot.py docs/images/planner.png

Playwright drives the system's Chromium (Debian's ``chromium``, which ``make test`` installs); it never downloads
a browser of its own. The page is served by the installed ``tiktok-team serve`` on a loopback port.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from helpers import EXAMPLES, serving
from screenshot import BROWSER_FLAGS, chromium, keep

VIEWPORT = {"width": 1280, "height": 1180}  # the size of the committed screenshot: form, chart, roles, reasons
SHOWN_ROLE = "streamer"  # the role whose reasons the screenshot shows


@contextmanager
def browser() -> Iterator[Browser]:
    """Headless Chromium (the system's), as tests/screenshot.py starts it."""
    with sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=chromium(), args=list(BROWSER_FLAGS))
        try:
            yield started
        finally:
            started.close()


def wait_for_plan(page: Page) -> None:
    """Wait until the page has a plan and its chart for what the form says now (shown, or in the plan's tab while
    another view is shown)."""
    page.wait_for_selector("#plan[aria-busy=false]", state="attached")
    page.wait_for_selector("#chart svg", state="attached")


def example_shot(page: Page, address: str, out: Path) -> Path:
    """Open the page on the bundled example, show the reasons of :data:`SHOWN_ROLE`, and screenshot the window."""
    page.set_viewport_size(VIEWPORT)
    page.goto(f"{address}/")
    wait_for_plan(page)
    page.locator(f"#roles button[data-role={SHOWN_ROLE}]").click()
    page.wait_for_selector("#explanation h3")
    page.locator("header").scroll_into_view_if_needed()  # the click scrolled the table into view
    page.screenshot(path=str(out))
    return out


def main(argv: list[str]) -> int:
    """Write the screenshot of the planner page on the bundled example to the path given."""
    if len(argv) != 1:
        print("usage: python tests/planner_screenshot.py OUT.png", file=sys.stderr)
        return 2
    example = str(EXAMPLES / "growth-brand.toml")
    with tempfile.TemporaryDirectory() as work, serving("--profile", example) as address, browser() as chrome:
        keep(example_shot(chrome.new_page(), address, Path(work) / "planner.png"), Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
