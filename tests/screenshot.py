"""Look at a page as a person would: headless Chromium, cut off from the network, takes a screenshot of a file.

Used by tests/test_render_html.py, and by ``make docs`` to write docs/images/plan-screenshot.png::

    python tests/screenshot.py docs/images/plan-screenshot.png

Chromium is Debian's ``chromium`` package (``make test`` and ``make docs`` install it). It starts with a fresh
profile and no way out: every request goes to a proxy on the discard port of the loopback address (also for
loopback itself), no host name resolves, and the background services (updates, sync, pings) are off. A page that
needs anything from a network therefore shows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "growth-brand.toml"
WINDOW = (1200, 1320)  # the size of the committed screenshot: the report's title, profile and org chart
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    """The path of the Chromium program; raises ``FileNotFoundError`` saying how to install it."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("Chromium is not installed: run `make test` (it installs Debian's chromium package)")


# How every test starts Chromium: no sandbox (we run as root), no GPU, and none of its own traffic (QUIC, updates,
# sync, pings, extensions); each start also gets a fresh profile directory.
BROWSER_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-pings",
    "--mute-audio",
)


def screenshot(page: Path, out: Path, window: tuple[int, int] = WINDOW) -> Path:
    """Screenshot the file ``page`` (its top ``window`` pixels) into the PNG ``out``, offline; return ``out``."""
    with tempfile.TemporaryDirectory(prefix="tiktok-team-chromium-") as home:
        command = [
            chromium(),
            "--headless",
            *BROWSER_FLAGS,
            "--hide-scrollbars",
            "--run-all-compositor-stages-before-draw",  # paint the whole page before the shot, not just some tiles
            "--virtual-time-budget=10000",  # and let the page finish loading first
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={home}/profile",
            f"--window-size={window[0]},{window[1]}",
            f"--screenshot={out}",
            page.resolve().as_uri(),
        ]
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home}
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return out


def report_screenshot(out: Path, workdir: Path) -> Path:
    """Write the HTML report of the bundled example (``--lang both``) with the installed command, and screenshot it."""
    page = workdir / "plan.html"
    command = Path(sys.executable).parent / "tiktok-team"
    subprocess.run(
        [str(command), "plan", str(EXAMPLE), "--format", "html", "--lang", "both", "--output", str(page)],
        check=True,
        timeout=120,
    )
    return screenshot(page, out)


def shrink(png: Path) -> None:
    """Store the PNG in 128 colours: a fraction of the size, and the text stays sharp."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main(argv: list[str]) -> int:
    """Write the screenshot of the example report to the path given."""
    if len(argv) != 1:
        print("usage: python tests/screenshot.py OUT.png", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as workdir:
        keep(report_screenshot(Path(workdir) / "shot.png", Path(workdir)), Path(argv[0]))
    return 0


def keep(shot: Path, out: Path) -> None:
    """Store the screenshot ``shot`` at ``out``, shrunk (:func:`shrink`), and say so."""
    shrink(shot)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
