"""The cost of the worst narratives an editor can write, against an ordinary one (`make bench`).

A narrative is at most `safety.MAX_NARRATIVE_BYTES`; within that, some Markdown constructs cost
more than their length (Python-Markdown splits blocks, makes heading ids unique, parses nested
quotes again). `safety.check_markup` caps the ones whose cost grows faster than the text; this
script fills a whole narrative with each construct just under its cap, renders it the way a
page is rendered (the extensions of mkdocs.yml, then the sanitiser), once per language, and
reports each one's CPU time against an ordinary narrative of the same size. Refused inputs are
reported as refused (the check stops them before any rendering).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import config, narrative_cost, safety, sanitize  # noqa: E402
from portal.problems import Problems  # noqa: E402

SIZE = safety.MAX_NARRATIVE_BYTES - 10
S = narrative_cost


PROSE = "Ordinary text of a paragraph, which restates what a source says.\n\n"


def fill(unit: str) -> str:
    """A whole narrative of `unit`: as many as the construct budget allows, then prose."""
    count = min(
        SIZE // len(unit),
        S.MAX_CONSTRUCTS // max(1, S.construct_count(unit)),
        S.MAX_HEADINGS // max(1, len(S._HEADING_RE.findall(unit))),
        S.MAX_TABLE_CELLS // max(1, unit.count("|")),
    )
    text = unit * count
    return text + (PROSE * (SIZE // len(PROSE) + 1))[: SIZE - len(text)]


# The ordinary narrative: the longest shipped one (headings, lists, links, emphasis), repeated.
ORDINARY = max((ROOT / "countries").glob("*/index.md"), key=lambda p: p.stat().st_size)
CASES = {
    f"ordinary: {ORDINARY.parent.name}'s, repeated": (ORDINARY.read_text(encoding="utf-8") + "\n\n")
    * (SIZE // ORDINARY.stat().st_size),
    "12,000 headings, uncapped": ("## h\n" * 13000)[:SIZE],
    "headings": fill("## h\n" * S.MAX_SPLITS_PER_BLOCK + "\n"),
    "rules": fill("***\n" * S.MAX_SPLITS_PER_BLOCK + "\n"),
    "'['": fill("[" * S.MAX_BRACKETS_PER_PARAGRAPH + "\n\n"),
    "links": fill("[a](https://example.org) " * 19 + "\n\n"),
    "nested quotes": fill(">" * S.MAX_QUOTE_DEPTH + " a\n\n"),
    "a table of 30 columns": fill(
        "|" + "a|" * 30 + "\n|" + "-|" * 30 + "\n" + "|" + "b|" * 30 + "\n\n"
    ),
    "a list nested 40 levels": fill("".join("    " * i + "- a\n" for i in range(40)) + "\n"),
    "HTML blocks with markdown": fill("<div markdown>\n\ntext\n\n</div>\n\n"),
    "emphasis": fill("*a* _b_ **c** " * 50 + "\n\n"),
}


def render_cost(text: str, languages: int, extensions: list, configs: dict) -> float:
    started = time.process_time()
    for _ in range(languages):
        html = markdown.markdown(text, extensions=extensions, extension_configs=configs)
        sanitize.clean(html)
    return time.process_time() - started


def main() -> int:
    mk = config.read_mkdocs_file(ROOT)
    extensions, configs = [], {}
    for ext in mk.get("markdown_extensions") or []:
        name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, None)
        extensions.append(name)
        if options:
            configs[name] = options
    languages = len(config.from_file(ROOT).languages)
    print(f"Worst narratives ({SIZE:,} bytes, {languages} languages, CPU seconds):")
    base = None
    worst = 0.0
    for name, text in CASES.items():
        problems = Problems()
        safety.check_markup(text, "narrative.md", problems)
        if problems.errors:
            print(f"  {name:34} refused by the check: {problems.errors[0].message[:60]}...")
            continue
        cost = render_cost(text, languages, extensions, configs)
        base = base or cost
        worst = max(worst, cost / base)
        print(f"  {name:34} {cost:6.2f} s  x{cost / base:4.1f}")
    print(f"  worst accepted narrative: x{worst:.1f} the ordinary one (target <= x3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
