"""Small content trees for the unit tests, written into a temporary folder."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import content  # noqa: E402

LANGS = ("en", "fr", "ar")
TODAY = dt.date(2026, 11, 28)

VALID_OBJECTIVE = """\
number: {n}
title: {{en: Objective {n}, fr: Objectif {n}, ar: الهدف {n}}}
summary: {{en: Summary {n}, fr: Résumé {n}, ar: ملخص {n}}}
"""

VALID_COUNTRY = """\
iso3: MAR
names: {en: Morocco, fr: Maroc, ar: المغرب}
region: africa
official_languages: [ar]
treaties:
  tip:
    status: party
    date: 2011
    source: https://example.org/tip
instruments:
  - type: law
    title: {en: Law No. 27-14, fr: Loi n° 27-14}
    number: "27-14"
    year: 2016
    status: adopted
    objectives: [alpha]
    source: https://example.org/law
activities:
  - date: 2018-09-24
    end: 2018-09-26
    objective: beta
    summary: {en: A training}
    source: https://example.org/training
contacts:
  - name: Ana Example
    email: ana@example.org
    verified: 2026-11-01
    source: https://example.org/contact
reviewed: 2026-11-28
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_tree(root: Path, country: str | None = VALID_COUNTRY, slug: str = "morocco") -> Path:
    write(root, "programme.yml", PROGRAMME)
    write(root, "objectives/alpha/objective.yml", VALID_OBJECTIVE.format(n=1))
    write(root, "objectives/beta/objective.yml", VALID_OBJECTIVE.format(n=2))
    if country is not None:
        write(root, f"countries/{slug}/country.yml", country)
        write(root, f"countries/{slug}/index.md", "Narrative of the country.\n")
    return root


PROGRAMME = """\
name: {en: Test portal, fr: Portail de test, ar: بوابة الاختبار}
short_name: Test
treaties:
  - key: tip
    name: {en: Trafficking in Persons Protocol}
  - key: som
    name: {en: Smuggling of Migrants Protocol}
themes:
  - key: tip
    name: {en: trafficking in persons}
  - key: som
    name: {en: smuggling of migrants}
regions:
  - key: africa
    name: {en: Africa}
  - key: asia
    name: {en: Asia}
"""


def settings() -> content.Settings:
    return content.Settings(LANGS, 365, TODAY)


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in content.load(root, settings()).problems.items]
