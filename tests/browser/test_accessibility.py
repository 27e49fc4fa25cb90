"""Accessibility: axe-core reports no serious or critical violation, in English and Arabic."""

from __future__ import annotations

import pytest
from contenttree import ROOT

AXE = ROOT / ".cache/node/node_modules/axe-core/axe.min.js"
PAGES = ["", "countries/", "countries/morocco/", "instruments/", "contacts/", "compare/"]


@pytest.mark.parametrize("lang", ["", "ar/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(page, server, lang, path):
    assert AXE.is_file(), "axe-core is installed by `make test` (npm)"
    # An init script, not a <script> tag: the pages' Content-Security-Policy (portal/csp.py)
    # refuses inline scripts it has no hash for, as it should.
    page.add_init_script(path=str(AXE))
    page.goto(f"{server}/{lang}{path}")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
