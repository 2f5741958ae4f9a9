"""The browser every check drives: Debian's Chromium, headless, and kept off the network.

One list of flags for the browser tests (Playwright) and for Lighthouse, so
both audit the site in the same browser set up the same way.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
