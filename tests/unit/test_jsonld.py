"""Machine-readable laws (portal/jsonld.py): the country pages' JSON-LD uses only schema.org's
types, properties and enumeration members, each property on a type that has it; it parses as
JSON whatever a title holds, and no title can end its <script> element.

schema.org's vocabulary is read offline from the npm package `schema-dts` (pinned in the
Makefile, installed by `make test` into .cache/node): its `dist/schema.d.ts` is generated from
schema.org's vocabulary file, one interface per type with the properties schema.org gives it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from contenttree import ROOT, TODAY

from portal import content, csp, i18n, jsonld
from portal.view import View

VOCABULARY = ROOT / ".cache/node/node_modules/schema-dts/dist/schema.d.ts"
HOSTILE = '</script><script>alert(1)</script> & <!-- <b>"x"</b>'


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, list[str]], set[str]]:
    """(properties by type, parents by type, enumeration members) from schema-dts."""
    assert VOCABULARY.is_file(), "schema-dts is missing: `make test` installs it"
    text = VOCABULARY.read_text(encoding="utf-8")
    props: dict[str, set[str]] = {}
    parents: dict[str, list[str]] = {}
    for m in re.finditer(r"^interface (\w+)Base extends ([^{]+)\{(.*?)^\}", text, re.M | re.S):
        name = m[1]
        parents[name] = [
            p.strip()[: -len("Base")] for p in m[2].split(",") if p.strip().endswith("Base")
        ]
        props[name] = set(re.findall(r'^\s+"(\w+)"\?:', m[3], re.M))
    members = set(re.findall(r'"https://schema\.org/(\w+)"', text))
    return props, parents, members


def properties_of(kind: str) -> set[str]:
    props, parents, _ = vocabulary()
    assert kind in props, f"{kind} is not a schema.org type"
    found = set(props[kind])
    for parent in parents[kind]:
        if parent in props:
            found |= properties_of(parent)
    return found


@cache
def shipped() -> content.Content:
    return content.load(ROOT, content.Settings(("en", "fr", "es", "pt", "ru", "ar"), 365, TODAY))


def view(lang: str) -> View:
    return View(shipped(), lang, {}, None)


def test_the_vocabulary_is_read():
    assert "legislationLegalForce" in properties_of("Legislation")
    assert "name" in properties_of("Country")  # inherited from Thing
    assert "legislationRepeals" not in properties_of("Country")
    assert {"InForce", "NotInForce", "PartiallyInForce"} <= vocabulary()[2]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_type_property_and_member_used_is_schema_orgs(lang):
    _, _, members = vocabulary()
    used = 0
    for entry in shipped().countries:
        graph = jsonld.country_graph(view(lang), entry)
        assert graph["@context"] == "https://schema.org"
        for item in graph["@graph"]:
            allowed = properties_of(item["@type"])
            for key in item:
                if key.startswith("@"):
                    continue
                assert key in allowed, f"{item['@type']} has no property {key}"
                used += 1
            force = item.get("legislationLegalForce")
            if force:
                assert force.removeprefix(jsonld.SCHEMA) in members
    assert used > 100


def test_the_mapping_tables_name_only_schema_orgs_terms():
    _, _, members = vocabulary()
    assert set(jsonld.LEGAL_FORCE) == set(shipped_statuses())
    assert {v for v in jsonld.LEGAL_FORCE.values() if v} <= members
    assert set(jsonld.RELATION_PROPERTY.values()) <= properties_of("Legislation")


def shipped_statuses() -> tuple[str, ...]:
    from portal import schema

    return tuple(schema.INSTRUMENT_STATUSES)


def test_an_instrument_says_its_title_original_number_date_force_type_and_relations():
    morocco = next(c for c in shipped().countries if c.slug == "morocco")
    graph = jsonld.country_graph(view("fr"), morocco)
    country, *laws = graph["@graph"]
    assert country == {"@type": "Country", "@id": "#country", "name": "Maroc", "identifier": "MAR"}
    law = next(x for x in laws if x["@id"] == "#law-27-14")
    assert law["name"].startswith("Loi n° 27-14")
    assert law["alternateName"].startswith("القانون رقم 27.14")
    assert law["legislationIdentifier"] == "27-14" and law["legislationDate"] == "2016"
    assert law["legislationType"] == i18n.GENERIC("fr")["type_law"]
    assert law["legislationJurisdiction"] == {"@id": "#country"}
    assert law["url"].startswith("https://")
    assert "legislationLegalForce" not in law  # 'adopted' does not say in force
    # Morocco's decree implements Law No. 02-03: written on the decree, pointing at the law.
    based = [x for x in laws if x.get("isBasedOn")]
    assert based and all(ref["@id"].startswith("#") for x in based for ref in x["isBasedOn"])


def test_hostile_texts_stay_json_and_cannot_end_the_element():
    element = jsonld.script({"name": HOSTILE, "alternateName": "a > b & c"})
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": HOSTILE, "alternateName": "a > b & c"}
    # The policy reads it as a data block: no hash, no foreign script.
    assert csp.script_hashes(element, csp.OwnScripts(())) == []


def test_a_built_country_page_carries_one_block_that_parses(tmp_path: Path):
    """The block survives the page's last steps (bidi isolation in Arabic, the policy)."""
    from portal import rendering

    morocco = next(c for c in shipped().countries if c.slug == "morocco")
    head = view("ar").structured_data(morocco)
    page = '<html><head><title>x</title></head><body><article class="md-content__inner"><p>نص ABC</p></article></body></html>'
    out = rendering.finish(page, "ar", None, csp.OwnScripts(()), head=head)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', out, re.S)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])
    assert graph["@graph"][0]["name"] == "المغرب"
    assert out.index(blocks[0]) < out.index("</head>")
