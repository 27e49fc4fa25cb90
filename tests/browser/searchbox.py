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
