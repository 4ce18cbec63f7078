"""Screenshots of a published scorecard.html in headless Chromium, as a laptop
(1400 x 900) and a phone (390 x 844) show its first view: the images in docs/.

Usage: python scripts/screenshot_scorecard.py output/scorecards/2026-W47 docs
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
VIEWPORTS = {"laptop": (1400, 900), "phone": (390, 844)}


def main(published: Path, out_dir: Path) -> None:
    week = published.name
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((published / "scorecard.html").resolve().as_uri(), wait_until="load")
                path = out_dir / f"scorecard-{week}-{width}x{height}.png"
                page.screenshot(path=str(path))
                print(f"{name}: {path}")
                page.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
