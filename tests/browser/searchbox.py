"""Searching as a reader does, with no fixed sleep: type, then wait until Material's search
worker has answered.

The query is pasted and followed by a key press: typing Cyrillic or Arabic key by key does not
reach Material's listener in headless Chromium (see /work/shared/stack-notes.md). A query sent
before the worker has loaded its index is lost (over HTTP the index arrives a moment after the
page; from file:// the "ready" message never reaches the result area, so its placeholder text
cannot be waited on). So the wait is on the answer itself: while no result shows, the same query
is sent again (with a trailing space toggled, as Material ignores an unchanged query) at each
poll of the condition.
"""

from __future__ import annotations

_ANSWERED = """(term) => {
  if (document.querySelector('.md-search-result__item')) return true;
  const box = document.querySelector('input.md-search__input');
  box.value = box.value === term ? term + ' ' : term;
  box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End'}));
  return false;
}"""


def _type(page, term: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(term)
    box.press("End")
    page.wait_for_function(_ANSWERED, arg=term, polling=250, timeout=30_000)


def search(page, term: str) -> list[str]:
    """The links of the results (each page, then its sections), best first."""
    _type(page, term)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def results(page, term: str) -> list[list[str]]:
    """The result groups (one per page), each the list of its links, best first."""
    _type(page, term)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll(':scope > a')].map(a => a.href))",
    )


# Records the query each answer of the search worker is for (portal-search.js names it), so
# that a test typing key by key waits for the answer to the whole query, not to its start.
# A page's script to add before it loads (`context.add_init_script(RECORD)`).
RECORD = """(() => {
  const Base = window.Worker;
  window.__portalAnswers = [];
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (ev) => {
        if (ev.data && ev.data.type === 3) window.__portalAnswers.push(ev.data.data.query);
      });
    }
  };
})()"""


def answered_results(page, term: str) -> list[list[str]]:
    """Type `term` into the search box as a reader does (key by key in Latin script; pasted
    for other scripts, whose key presses headless Chromium does not deliver to Material), and
    return the result groups of the worker's answer to the whole query (empty if none). The
    page must have been opened with RECORD."""
    page.evaluate("() => { window.__portalAnswers = []; }")
    box = page.locator("input.md-search__input")
    box.click()
    if term.isascii():
        page.keyboard.type(term)
    else:
        page.keyboard.insert_text(term)
        box.press("End")
    page.wait_for_function(
        "(t) => window.__portalAnswers.includes(t)", arg=term, polling=100, timeout=30_000
    )
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll(':scope > a')].map(a => a.href))",
    )
