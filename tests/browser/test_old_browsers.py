"""Old browsers: every script the portal ships parses as Safari 15 parses it.

A regular-expression lookbehind ((?<=…), (?<!…)) is a syntax error before Safari 16.4, and a
syntax error drops the whole file: on those iPhones the filters, the comparison and the cards
were dead. acorn (npm, pinned in the Makefile) parses each script with the grammar Safari 15
knows (ECMAScript 2021; acorn accepts lookbehind from ES2018 on, so its regular expressions
are checked for it too).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from contenttree import ROOT

ACORN = ROOT / ".cache/node/node_modules/acorn"
# Parses a file, prints the source of its regular-expression literals (JSON), or fails.
PARSE = """
const acorn = require(process.argv[1]);
const source = require("fs").readFileSync(process.argv[2], "utf8");
const found = [];
acorn.parse(source, {ecmaVersion: 2021, sourceType: "script",
  onToken: t => { if (t.type.label === "regexp") found.push(t.value.pattern); }});
console.log(JSON.stringify(found));
"""
LOOKBEHIND = re.compile(r"(?<!\\)\(\?<[=!]")


def scripts() -> list[Path]:
    found = sorted((ROOT / "overrides").rglob("*.js"))
    assert any(p.name == "portal.js" for p in found)
    return found


def regexps(path: Path) -> list[str]:
    assert (ACORN / "package.json").is_file(), "acorn is missing: `make test` installs it"
    result = subprocess.run(
        ["node", "-e", PARSE, str(ACORN), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, f"{path.relative_to(ROOT)} does not parse: {result.stderr}"
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", scripts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_script_parses_on_safari_15(path):
    assert [p for p in regexps(path) if LOOKBEHIND.search(p)] == []


def test_inline_scripts_have_no_lookbehind():
    for template in (ROOT / "overrides").rglob("*.html"):
        for script in re.findall(r"<script>(.*?)</script>", template.read_text(), re.DOTALL):
            assert not LOOKBEHIND.search(script), template
