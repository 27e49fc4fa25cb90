"""One label system: every value of every choice the schema declares has its label in every
language the package ships, pages and PDFs alike, and the templates ask for labels by the
prefixes the schema declares (a new status is one schema value plus its labels)."""

from __future__ import annotations

import re

import pytest
import yaml
from contenttree import ROOT

from portal import pdf_document, schema
from portal.schema.base import Type
from portal.schema.structure import KeyedBy, ListOf, Object
from portal.schema.types import Choice, Text

LABELS = sorted(  # one file per language; glossary.<lang>.yml files are the glossary's
    p for p in (ROOT / "portal" / "labels").glob("*.yml") if re.fullmatch(r"[a-z]{2,3}", p.stem)
)
TEMPLATES = sorted((ROOT / "portal" / "templates").glob("*.j2")) + sorted(
    (ROOT / "overrides").rglob("*.html")
)


def choices(kind: Type, path: str = "") -> list[tuple[str, Choice]]:
    """Every Choice under a type, with the field path it is at."""
    if isinstance(kind, Choice) and not hasattr(kind, "kind"):  # not a programme's Declared
        return [(path, kind)]
    if isinstance(kind, Object):
        return [c for name, f in kind.fields.items() for c in choices(f.type, f"{path}.{name}")]
    if isinstance(kind, (ListOf, KeyedBy)):
        return choices(kind.item, f"{path}[]")
    if isinstance(kind, Text):
        return []
    return []


DECLARED = [
    (f"{file}{path}", choice)
    for file, obj in (
        ("country.yml", schema.COUNTRY),
        ("objective.yml", schema.OBJECTIVE),
        ("programme.yml", schema.PROGRAMME),
    )
    for path, choice in choices(obj)
]


def test_the_schema_declares_its_choices():
    fields = {path for path, _ in DECLARED}
    assert "country.yml.treaties[].status" in fields
    assert "country.yml.instruments[].type" in fields


@pytest.mark.parametrize("path, choice", DECLARED, ids=[p for p, _ in DECLARED])
def test_every_value_of_a_choice_has_its_label_in_every_language(path, choice):
    assert choice.labels, f"{path}: declare labels='<prefix>_' on its Choice"
    for labels_file in LABELS:
        labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
        missing = [key for key in choice.label_keys().values() if key not in labels]
        assert not missing, f"add {', '.join(missing)} to {labels_file.relative_to(ROOT)}"


def test_templates_ask_for_choice_labels_only_through_the_declared_names():
    """A value readers see as a label is asked for as `choice('<name>', value)`, a name of
    `schema.vocabulary.CHOICES`; no template builds a label key by joining strings (a status
    added to the schema then needs its labels, which the test above demands, and nothing in a
    template)."""
    from portal.schema.vocabulary import CHOICES

    assert {name: c.labels for name, c in CHOICES.items()} == {
        "type": "type_",
        "status": "status_",
        "treaty": "treaty_",
        "act": "act_",
        "relation": "relation_",
    }
    assert set(CHOICES.values()) <= {choice for _, choice in DECLARED}
    used = set()
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        joined = re.findall(r"(?:labels|L)\[['\"]\w+_['\"] ~", text)
        assert not joined, f"{template.name}: ask for {joined} through choice(...)"
        used |= set(re.findall(r"choice\('(\w+)'", text))
    assert used, "no template reads a choice's label"
    assert used <= set(CHOICES), f"names CHOICES does not declare: {used - set(CHOICES)}"


def test_pdf_words_are_labels_of_every_language():
    """The PDFs' words (page counter, link notes, map, table parts) are labels like the
    pages' ones: in every shipped language, so a programme's own labels file may add them."""

    for labels_file in LABELS:
        labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
        missing = [f"pdf_{w}" for w in pdf_document.PRINT_WORDS if f"pdf_{w}" not in labels]
        assert not missing, f"add {', '.join(missing)} to {labels_file.relative_to(ROOT)}"


def test_a_programmes_own_language_has_every_label(tmp_path):
    """A language the generator does not ship (Chinese here) is all its labels file: one
    label missing (a status) is an error naming the file and the key, so readers never meet
    a word of another language in it. The fixtures' own files are complete."""
    from portal import labelcheck
    from portal.problems import Problems

    english = yaml.safe_load((ROOT / "portal" / "labels" / "en.yml").read_text(encoding="utf-8"))
    own = sorted((ROOT / "tests" / "fixtures").glob("*/labels/*.yml"))
    shipped = {p.stem for p in LABELS}
    for path in own:
        if re.fullmatch(r"[a-z]{2,3}", path.stem) and path.stem not in shipped:
            found = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert [k for k in english if k not in found] == [], path.relative_to(ROOT)
    (tmp_path / "labels").mkdir()
    partial = {k: v for k, v in english.items() if k != "status_repealed"}
    (tmp_path / "labels" / "zh.yml").write_text(yaml.safe_dump(partial), encoding="utf-8")
    problems = Problems()
    labelcheck.check(tmp_path, ("en", "zh"), problems)
    said = [str(p) for p in problems.items]
    assert any(s.startswith("labels/zh.yml") and "status_repealed" in s for s in said), said
