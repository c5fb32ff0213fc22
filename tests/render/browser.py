"""Headless Chromium (Debian's, installed by tests/setup_browser.sh) printing HTML to PDF and PNG.

Flags as this machine needs them: no sandbox as root, no GPU, and no
background networking (the machine has no network beyond package mirrors).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--disable-extensions"]
TIMEOUT = 180
SCAN_SCALE = 300 / 96  # CSS px are 1/96 in: this device scale gives 300 dpi


def chromium() -> str | None:
    """The browser's path, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(html: bytes, output_flag: str, extra: list[str], suffix: str) -> bytes:
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed (bash tests/setup_browser.sh)")
    with tempfile.TemporaryDirectory(prefix="perfforms-render-") as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / f"out{suffix}"
        page.write_bytes(html)
        command = [browser, *FLAGS, f"--user-data-dir={tmp}/profile", f"{output_flag}={out}", *extra,
                   page.as_uri()]
        subprocess.run(command, check=True, timeout=TIMEOUT, capture_output=True)
        return out.read_bytes()


def print_pdf(html: bytes) -> bytes:
    """The page printed to PDF (Letter, with Chromium's running header and footer)."""
    return _run(html, "--print-to-pdf", [], ".pdf")


def screenshot(html: bytes, height_css: int, width_css: int = 816) -> bytes:
    """A PNG of the page at 300 dpi (816 CSS px = 8.5 in wide)."""
    return _run(html, "--screenshot", [f"--window-size={width_css},{height_css}",
                                       f"--force-device-scale-factor={SCAN_SCALE}"], ".png")
