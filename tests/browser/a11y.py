"""axe-core (vendored from npm in tests/browser/vendor, never served by the app) and the
keyboard, for the browser tests."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")

_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""


def axe_context(browser, width: int = 1366, height: int = 900):
    """A context whose pages accept the injected axe script (the app's strict CSP would refuse
    it; the app's own pages are checked for CSP errors in the other browser tests)."""
    return browser.new_context(locale="vi-VN", viewport={"width": width, "height": height},
                               bypass_csp=True)


def severe_violations(page) -> list[dict]:
    """axe's serious and critical violations on the page as it stands."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(_RUN) if v["impact"] in SEVERE]


def tab_to(page, selector: str, *, text: str | None = None, limit: int = 250,
           key: str = "Tab") -> None:
    """Press Tab until the focused element matches ``selector`` (and contains ``text``)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(
            """([sel, text]) => { const el = document.activeElement;
                 return !!el && el.matches(sel) && (!text || el.innerText.includes(text)); }""",
            [selector, text],
        ):
            return
    raise AssertionError(f"{selector} {text or ''} not reached with {key}")


def no_horizontal_scroll(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width
