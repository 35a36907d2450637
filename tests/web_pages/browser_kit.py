"""What the browser tests share: the two screen widths, waiting on a condition in the page,
axe-core's serious and critical findings, the no-overflow and heading checks, screenshots.

axe-core is vendored (tests/web_pages/vendor/axe-core/, MPL-2.0) and injected from disk
through the DevTools protocol (a script tag would be refused by the pages' CSP): the tests
fetch nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)


def skip_without_a_browser() -> None:
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
    if not os.environ.get("CI"):
        pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


def wait_until(page, expression: str, within_ms: int = 15_000) -> None:
    """Wait until a JavaScript expression holds in the page. Evaluated through the DevTools
    protocol, which the pages' Content-Security-Policy does not cover (Playwright's
    wait_for_function would evaluate it with eval, which the policy rightly forbids)."""
    page.evaluate(f"""() => new Promise((resolve, reject) => {{
        const until = Date.now() + {within_ms};
        (function poll() {{
            if ({expression}) resolve(true);
            else if (Date.now() > until) reject(new Error("not reached: " + {expression!r}));
            else setTimeout(poll, 50);
        }})();
    }})""")


def axe_findings(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 or less: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_page(page, what: str) -> None:
    """axe clean and no wider than the screen, in the page's present state, once its layout has
    settled: on the loaded CI machine one measurement was taken mid-layout (wider, then 0 px)."""
    settled = "document.documentElement.scrollWidth - window.innerWidth <= 0"
    try:
        wait_until(page, settled, within_ms=3_000)
    except Exception:  # noqa: BLE001 - an overflow that stays is reported by the assertion below
        pass
    width = overflow(page)
    assert width <= 0, f"{what} is {width}px wider than the screen"
    found = axe_findings(page)
    assert not found, (what, found)


def heading_levels(page) -> list[int]:
    return page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                         ".filter(h => h.getClientRects().length).map(h => +h.tagName[1])")


def screenshot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)
