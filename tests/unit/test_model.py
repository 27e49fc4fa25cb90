"""The typed model and the schema say the same thing: every `schema.Object` reached from the
files' declarations has a record in `portal.model` with the same fields in the same order, each
of the kind the schema validates (a text is a `Text`, a list a tuple, a keyed mapping a
`Mapping`, a required field never `None`). A field added to one and not the other fails here,
naming both."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping

import pytest
from contenttree import settings

from portal import content, model, schema
from portal.schema import structure
from portal.schema import types as st

ROOTS = [(schema.COUNTRY, model.Country), (schema.OBJECTIVE, model.Objective)]


def _pairs() -> list[tuple[str, structure.Object, type]]:
    """(path, schema object, record) for every object the two files declare, walked from the
    roots through the fields whose type holds an object."""
    found: list[tuple[str, structure.Object, type]] = []

    def walk(path: str, obj: structure.Object, cls: type) -> None:
        found.append((path, obj, cls))
        hints = typing.get_type_hints(cls)
        for name, spec in obj.fields.items():
            inner = getattr(spec.type, "item", None)
            if isinstance(inner, structure.Object):
                args = typing.get_args(hints[name])
                record = args[0] if typing.get_origin(hints[name]) is tuple else args[-1]
                walk(f"{path}.{name}", inner, record)

    for obj, cls in ROOTS:
        walk(cls.__name__, obj, cls)
    return found


def _optional(hint: object) -> tuple[bool, object]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return True, args[0]
    return False, hint


@pytest.mark.parametrize(("path", "obj", "cls"), _pairs(), ids=lambda v: getattr(v, "__name__", ""))
def test_every_record_has_the_schemas_fields_in_order(path, obj, cls):
    fields = [f.name for f in dataclasses.fields(cls)]
    assert fields == list(obj.fields), (
        f"{path}: portal/model.py {cls.__name__} and portal/schema/vocabulary.py differ; "
        f"add or remove the same field in both"
    )


@pytest.mark.parametrize(("path", "obj", "cls"), _pairs(), ids=lambda v: getattr(v, "__name__", ""))
def test_every_field_has_the_kind_the_schema_validates(path, obj, cls):
    hints = typing.get_type_hints(cls)
    for name, spec in obj.fields.items():
        optional, hint = _optional(hints[name])
        where = f"{path}.{name} ({cls.__name__})"
        if isinstance(spec.type, st.Text):
            assert hint is model.Text, where
        elif isinstance(spec.type, structure.ListOf):
            assert typing.get_origin(hint) is tuple and not optional, where
        elif isinstance(spec.type, structure.KeyedBy):
            assert typing.get_origin(hint) is Mapping and not optional, where
        elif isinstance(spec.type, (st.Year, st.Integer)):
            assert hint is int, where
        else:
            assert hint is str, where
        collection = isinstance(spec.type, (structure.ListOf, structure.KeyedBy))
        if not collection and name != "id":  # an instrument's id is given by content.load
            assert optional != spec.required, f"{where}: required is {spec.required}"


def test_a_record_is_built_from_what_the_schema_validated(tree):
    loaded = content.load(tree, settings())
    morocco = loaded.countries[0].data
    assert isinstance(morocco, model.Country)
    assert isinstance(morocco.names, model.Text) and morocco.names.languages[0] == "en"
    assert all(isinstance(i, model.Instrument) for i in morocco.instruments)
    assert all(isinstance(t, model.TreatyStatus) for t in morocco.treaties.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        morocco.iso3 = "XXX"  # type: ignore[misc]
    with pytest.raises(TypeError):
        morocco.names["en"] = "x"  # type: ignore[index]


def test_plain_gives_back_what_was_validated():
    data = {"type": "law", "id": "l-1", "title": {"en": "A law"}, "source": "https://x.org/"}
    ins = model.record(model.Instrument, data)
    assert ins.themes == () and ins.summary is None
    assert model.plain(ins) == data
    full = model.plain(ins, keep_empty=True)
    assert list(full) == list(schema.INSTRUMENT.fields) and full["themes"] == []


def test_a_text_knows_its_kind_from_the_declaration():
    """'plain' where the schema refuses markup characters (a name the theme prints), else
    'text'; its languages in the order written."""
    declared = st.Text(plain=True)
    built = model._value(model.Text, {"en": "A", "fr": "B"}, declared)
    assert built.kind == "plain" and built.languages == ("en", "fr")
    note = model.record(model.Lead, {"agency": "X", "note": {"en": "n"}}, schema.vocabulary.LEAD)
    assert note.note is not None and note.note.kind == "text"
