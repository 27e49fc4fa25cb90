"""The schema and loader on small trees: one valid case, then one test per rule.

Each invalid case asserts the exact message line an editor sees: file, line, field path,
what was expected and what was found.
"""

from __future__ import annotations

import json

import pytest
from contenttree import VALID_COUNTRY, make_tree, problems_of, settings, write

from portal import content, schema


def test_valid_tree_loads_without_problems(tree):
    loaded = content.load(tree, settings())
    assert loaded.problems.items == []
    assert [c.slug for c in loaded.countries] == ["morocco"]
    assert [o.slug for o in loaded.objectives] == ["alpha", "beta"]
    morocco = loaded.countries[0]
    assert morocco.data.instruments[0].title == {
        "en": "Law No. 27-14",
        "fr": "Loi n° 27-14",
    }
    assert morocco.data.instruments[0].number == "27-14"
    assert morocco.data.activities[0].date == "2018-09-24"
    assert morocco.data.coordinating_bodies == ()  # missing lists are empty, not absent
    assert morocco.narratives == {"en": "Narrative of the country.\n"}


def country_with(old: str, new: str) -> str:
    assert old in VALID_COUNTRY, old
    return VALID_COUNTRY.replace(old, new, 1)


CASES = [
    (
        "wrong year type",
        country_with("year: 2016", "year: twenty"),
        "countries/morocco/country.yml:14: instruments[0].year: expected a year like 2016, got 'twenty'",
    ),
    (
        "year in the future",
        country_with("year: 2016", "year: 2031"),
        "countries/morocco/country.yml:14: instruments[0].year: expected a year from 1900 to 2026, got 2031 (in the future)",
    ),
    (
        "unknown field with suggestion",
        country_with("region: africa", "regoin: africa"),
        "countries/morocco/country.yml:3: regoin: unknown field 'regoin'; did you mean 'region'? "
        "(allowed here: iso3, names, aliases, region, official_languages, languages_note, "
        "coordinating_bodies, treaties, instruments, contacts, activities, reviewed)",
    ),
    (
        "missing required field",
        country_with("iso3: MAR\n", ""),
        "countries/morocco/country.yml:1: iso3: required field is missing: ISO 3166-1 alpha-3 code, e.g. MAR",
    ),
    (
        "bad ISO code",
        country_with("iso3: MAR", "iso3: MOR"),
        "countries/morocco/country.yml:1: iso3: expected an ISO 3166-1 alpha-3 country code in capitals such as MAR, got 'MOR'",
    ),
    (
        "unknown region",
        country_with("region: africa", "region: afrika"),
        "countries/morocco/country.yml:3: region: expected a region, one of: africa, asia; got 'afrika'; did you mean 'africa'?",
    ),
    (
        "unknown language code",
        country_with("official_languages: [ar]", "official_languages: [arabic]"),
        "countries/morocco/country.yml:4: official_languages[0]: expected a two-letter ISO 639-1 language code such as fr, got 'arabic'",
    ),
    (
        "reference to a missing objective",
        country_with("objectives: [alpha]", "objectives: [gamma]"),
        "countries/morocco/country.yml:16: instruments[0].objectives[0]: expected an existing objective (alpha, beta), got 'gamma'",
    ),
    (
        "impossible date",
        country_with("date: 2018-09-24", "date: 2016-13-45"),
        "countries/morocco/country.yml:19: activities[0].date: expected a real calendar date like 2018-09-24 (months 01 to 12, days that the month has), got '2016-13-45'",
    ),
    (
        "malformed date",
        country_with("date: 2018-09-24", "date: 24/09/2018"),
        "countries/morocco/country.yml:19: activities[0].date: expected a date like 2018-09-24 (or 2018-09, or 2018, when only that is known), got '24/09/2018'",
    ),
    (
        "end before start",
        country_with("end: 2018-09-26", "end: 2018-09-20"),
        "countries/morocco/country.yml:20: activities[0].end: expected an end (2018-09-20) not before the date (2018-09-24)",
    ),
    (
        "URL without a scheme",
        country_with("source: https://example.org/law", "source: example.org/law"),
        "countries/morocco/country.yml:17: instruments[0].source: expected a web address starting with https:// or http://, got 'example.org/law'",
    ),
    (
        "javascript URL",
        country_with("source: https://example.org/law", "source: javascript:alert(1)"),
        "countries/morocco/country.yml:17: instruments[0].source: expected a web address starting with https:// or http://, got 'javascript:alert(1)'",
    ),
    (
        "malformed email",
        country_with("email: ana@example.org", "email: ana-at-example.org"),
        "countries/morocco/country.yml:26: contacts[0].email: expected an email address like name@example.org, got 'ana-at-example.org'",
    ),
    (
        "unknown instrument status",
        country_with("status: adopted", "status: in force"),
        "countries/morocco/country.yml:15: instruments[0].status: expected a status, one of: draft, adopted, in-force, expired, repealed, under-review; got 'in force'; did you mean 'in-force'?",
    ),
    (
        "list expected",
        country_with("official_languages: [ar]", "official_languages: ar"),
        "countries/morocco/country.yml:4: official_languages: expected a list (lines starting with '- '), got 'ar'",
    ),
    (
        "text mapping needs English",
        country_with("title: {en: Law No. 27-14, fr: Loi n° 27-14}", "title: {fr: Loi n° 27-14}"),
        "countries/morocco/country.yml:12: instruments[0].title: expected a text in English (en), "
        "the default language and the fallback for every other, got only fr",
    ),
    (
        "treaty status without source",
        country_with("    source: https://example.org/tip\n", ""),
        "countries/morocco/country.yml:6: treaties.tip.source: required when status, date is "
        "given: add the web address of the depositary's page that states it",
    ),
    (
        "instrument without source",
        country_with("    source: https://example.org/law\n", ""),
        "countries/morocco/country.yml:11: instruments[0].source: required field is missing: Web address of a public page that states this fact",
    ),
    (
        "YAML syntax error",
        country_with("region: africa", "region: [africa"),
        "countries/morocco/country.yml:4: YAML syntax error, column 19: expected ',' or ']', but got ':'",
    ),
    (
        "file ends inside a bracket",
        VALID_COUNTRY + "extra: {a: 1\n",
        "countries/morocco/country.yml:30: YAML syntax error, column 8: while parsing a flow mapping opened here and never closed (expected ',' or '}', but got '<stream end>')",
    ),
    (
        "file ends after a comma in a list: its last line, no column past the end",
        VALID_COUNTRY + "extra: [1,\n  2,\n",
        "countries/morocco/country.yml:31: YAML syntax error: expected the node content, but found '<stream end>' at the end of the file",
    ),
    (
        "duplicate key",
        country_with("region: africa", "region: africa\nregion: asia"),
        "countries/morocco/country.yml:4: region: duplicate key 'region' (first at line 3); keep one and delete the other",
    ),
    (
        "alias",
        country_with("region: africa", "region: &r africa\nextra: *r"),
        "countries/morocco/country.yml:4: YAML syntax error, column 8: anchors and aliases (&name, *name) are not allowed in content files; write the value out in full",
    ),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_country(tmp_path, text, expected):
    make_tree(tmp_path, text)
    found = problems_of(tmp_path)
    assert found[0] == expected
    # One mistake, one line (a misspelt required field also reports the missing one).
    assert len(found) == (2 if "did you mean 'region'" in expected else 1), found


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    text = country_with("year: 2016", "year: twenty").replace("iso3: MAR", "iso3: XXX")
    make_tree(tmp_path, text)
    found = problems_of(tmp_path)
    assert len(found) == 2
    assert any("iso3" in p for p in found) and any("instruments[0].year" in p for p in found)


def test_two_countries_with_one_iso_code(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "countries/maroc/country.yml", VALID_COUNTRY)
    write(tmp_path, "countries/maroc/index.md", "x\n")
    assert problems_of(tmp_path) == [
        "countries/morocco/country.yml:1: iso3: expected a code no other country uses, got 'MAR', "
        "which countries/maroc/country.yml uses too"
    ]


def test_bad_folder_slug(tmp_path):
    make_tree(tmp_path, slug="South Africa")
    assert problems_of(tmp_path) == [
        "countries/South Africa: folder name 'South Africa' is not a valid slug: use lower-case "
        "ASCII letters, digits and single hyphens, like 'new-zealand'"
    ]


def test_translation_into_a_language_the_portal_lacks(tree):
    write(tree, "countries/morocco/index.de.md", "Erzählung\n")
    assert problems_of(tree) == [
        "countries/morocco/index.de.md: is a translation into 'de', which the portal does not "
        "have (languages: en, fr, ar); rename or remove it"
    ]


def test_orphan_translation(tree):
    (tree / "countries/morocco/index.md").unlink()
    write(tree, "countries/morocco/index.fr.md", "Récit\n")
    assert problems_of(tree) == [
        "countries/morocco/index.md: is missing: translations exist but the English narrative "
        "they translate does not"
    ]


def test_python_tags_are_refused(tmp_path):
    make_tree(tmp_path, VALID_COUNTRY + "x: !!python/object/apply:os.system ['true']\n")
    (found,) = problems_of(tmp_path)
    assert found.startswith("countries/morocco/country.yml:30: YAML error:")
    assert "python/object/apply:os.system" in found


def test_empty_file(tmp_path):
    make_tree(tmp_path, "")
    assert problems_of(tmp_path) == [
        "countries/morocco/country.yml: is empty; it must hold a YAML mapping of fields"
    ]


def test_missing_translations_of_a_name_are_warnings(tmp_path):
    make_tree(
        tmp_path,
        country_with("names: {en: Morocco, fr: Maroc, ar: المغرب}", "names: {en: Morocco}"),
    )
    loaded = content.load(tmp_path, settings())
    assert loaded.problems.errors == []
    assert [str(p) for p in loaded.problems.warnings] == [
        "countries/morocco/country.yml:2: warning: names: no name in fr, ar: readers of those "
        "languages see the English one"
    ]


def test_a_name_without_the_default_language_is_an_error_and_no_more(tmp_path):
    make_tree(
        tmp_path,
        country_with("names: {en: Morocco, fr: Maroc, ar: المغرب}", "names: {fr: Maroc}"),
    )
    loaded = content.load(tmp_path, settings())
    assert [p.field for p in loaded.problems.errors] == ["names"]
    assert "expected a text in English (en)" in loaded.problems.errors[0].message
    assert loaded.problems.warnings == []  # not also "readers of those languages see ..."


def test_stale_contact_is_a_warning(tmp_path):
    make_tree(tmp_path, country_with("verified: 2026-11-01", "verified: 2024-01-15"))
    loaded = content.load(tmp_path, settings())
    assert [str(p) for p in loaded.problems.warnings] == [
        "countries/morocco/country.yml:27: warning: contacts[0].verified: Ana Example was last "
        "verified on 2024-01-15, more than 365 days ago; check the details against the source "
        "and update the date"
    ]


def test_json_schema_describes_every_field():
    def walk(node, path):
        if isinstance(node, dict):
            if "properties" in node:
                for name, sub in node["properties"].items():
                    assert sub.get("description"), f"{path}.{name} has no description"
                    walk(sub, f"{path}.{name}")
            for key in ("items", "oneOf"):
                if key in node:
                    subs = node[key] if isinstance(node[key], list) else [node[key]]
                    for sub in subs:
                        walk(sub, path)

    for kind in ("country", "objective"):
        generated = schema.json_schema(kind)
        json.dumps(generated)  # serialisable
        assert generated["additionalProperties"] is False
        walk(generated, kind)


def test_committed_json_schemas_are_generated_from_the_schema():
    from contenttree import ROOT

    from portal import build, config
    from portal.schema.written import out_of_date

    vocabulary = build.load(config.from_file(ROOT)).programme.vocabulary
    assert out_of_date(ROOT, vocabulary) == [], "run `python -m portal schema`"
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    # The list of fields names the programme's own themes (whatever they are: an editor's
    # change of programme.yml must not break this test).
    themes = ", ".join(f"`{key}`" for key in vocabulary.themes)
    assert "`instruments[].themes`" in contributing and themes in contributing


def test_new_country_scaffold_is_valid_at_once(tmp_path):
    from portal import scaffold

    make_tree(tmp_path, None)
    programme = content.load(tmp_path, settings()).programme
    written = scaffold.new_country(
        tmp_path, "chad", "TCD", "Chad", "africa", ["fr", "ar"], ("en", "fr", "ar"), programme
    )
    # The official languages are recorded, not turned into translation files: a file holding
    # only the name hid the notice that the text is not yet translated.
    assert [p.name for p in written] == ["country.yml", "index.md"]
    loaded = content.load(tmp_path, settings())
    assert [str(p) for p in loaded.problems.items] == []
    assert loaded.countries[0].data.names == {"en": "Chad", "fr": "Tchad", "ar": "تشاد"}
    assert loaded.countries[0].data.official_languages == ("fr", "ar")
    assert set(loaded.countries[0].narratives) == {"en"}
    with pytest.raises(ValueError, match="ISO='TCX' is not an ISO 3166-1 alpha-3 code"):
        scaffold.new_country(tmp_path, "x", "TCX", "X", "africa", [], ("en",), programme)
    with pytest.raises(ValueError, match="exists already"):
        scaffold.new_country(tmp_path, "chad", "TCD", "Chad", "africa", [], ("en",), programme)
