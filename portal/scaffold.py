"""`make new-country`: a complete, valid country folder that builds at once.

The metadata skeleton lists every field of the schema with a comment saying what it holds;
fields an editor cannot yet source stay empty, which the portal shows as "not yet documented".
"""

from __future__ import annotations

from pathlib import Path

import pycountry

from . import i18n, paths, schema
from .programme import Programme
from .schema import base, structure
from .schema import types as st

HEADER = """\
# {name} ({iso3}). Every fact needs the web address of a public page that states it (`source`).
# What no source states stays empty: the portal shows "not yet documented".
# Field reference: CONTRIBUTING.md, and schemas/country.schema.json for your editor.
# yaml-language-server: $schema=../../schemas/country.schema.json
"""
COMMENT_AT = 32  # the column where a field's comment starts


def _line(text: str, comment: str) -> str:
    return f"{text.ljust(COMMENT_AT - 1)} # {comment}" if comment else text


def _example(name: str, kind: base.Type, default: str, vocabulary: schema.Vocabulary) -> str:
    """What an editor writes in a field, as a hint: `{en: ...}`, `https://...`, `2016`."""
    if isinstance(kind, st.Text):
        return f"{{{default}: ...}}"
    if isinstance(kind, st.Url):
        return "https://..."
    if isinstance(kind, st.Date):
        return "YYYY-MM-DD"
    if isinstance(kind, (st.Year, st.Integer)):
        return "2016"
    if isinstance(kind, structure.ListOf):
        return "[]"
    values = _values(kind, vocabulary)
    return values[0] if values else "..."


def _values(kind: base.Type, vocabulary: schema.Vocabulary) -> tuple[str, ...]:
    """The values a field allows: the schema's, or the programme's (themes, regions...)."""
    inner = getattr(kind, "item", kind)
    declared = getattr(inner, "kind", None)
    if isinstance(declared, str) and hasattr(vocabulary, declared):
        return tuple(getattr(vocabulary, declared))
    return inner.values()


def _comment(spec: structure.Field, vocabulary: schema.Vocabulary) -> str:
    values = _values(spec.type, vocabulary)
    return spec.description + (f": {' | '.join(values)}" if values else "")


def _item_lines(obj: structure.Object, default: str, vocabulary: schema.Vocabulary) -> list[str]:
    """An item of a list, commented out: every field of `obj` with a hint and its meaning."""
    lines = []
    for i, (name, spec) in enumerate(obj.fields.items()):
        lead = "#  - " if i == 0 else "#    "
        text = f"{lead}{name}: {_example(name, spec.type, default, vocabulary)}"
        lines.append(_line(text, _comment(spec, vocabulary)))
    return lines


def skeleton(
    given: dict[str, str], default: str, vocabulary: schema.Vocabulary, treaties: list[str]
) -> str:
    """country.yml with `given` fields filled (YAML text by field) and every other field of the
    schema present, empty, with a comment saying what it holds: written from the schema, so a
    field added there is offered here."""
    lines = []
    for name, spec in schema.COUNTRY.fields.items():
        comment = _comment(spec, vocabulary)
        kind = spec.type
        if name in given:
            first, _, rest = given[name].partition("\n")
            lines.append(_line(f"{name}: {first}".rstrip(), comment))
            lines += [rest] if rest else []
        elif isinstance(kind, structure.KeyedBy):
            item = ", ".join(kind.item.fields)
            lines.append(_line(f"{name}:", comment))
            keys = treaties or ["{}"]
            lines += [
                _line(f"  {k}: {{}}", f"fields: {item}" if i == 0 and treaties else "")
                for i, k in enumerate(keys)
            ]
        elif isinstance(kind, structure.ListOf) and isinstance(kind.item, structure.Object):
            lines.append(_line(f"{name}: []", comment))
            lines += _item_lines(kind.item, default, vocabulary)
        else:
            lines.append(_line(f"# {name}: {_example(name, kind, default, vocabulary)}", comment))
    return "\n".join(lines) + "\n"


NARRATIVE = (  # its first line in the default language, as the portal says it
    "{name}: {not_documented}.\n\n"
    "<!-- Replace the line above with two to four short paragraphs restating the sourced facts "
    "of country.yml, with links to the sources. No heading 1: the title comes from country.yml. "
    "-->\n"
)


def _check_arguments(
    slug: str,
    iso3: str,
    name: str,
    region: str,
    languages: list[str],
    default: str,
    programme: Programme,
) -> None:
    """Raise ValueError naming the first argument of `make new-country` that is wrong."""
    if not schema.SLUG_RE.fullmatch(slug or ""):
        raise ValueError(
            f"SLUG={slug!r} is not a valid slug: use lower-case ASCII letters, digits and "
            "single hyphens, like new-zealand"
        )
    if not (iso3 and iso3.isupper() and pycountry.countries.get(alpha_3=iso3)):
        raise ValueError(f"ISO={iso3!r} is not an ISO 3166-1 alpha-3 code such as MAR")
    if not name:
        raise ValueError(
            f"NAME is missing: give the name in the default language ({default}), "
            'e.g. NAME="New Zealand"'
        )
    regions = programme.vocabulary.regions
    if region not in regions:
        raise ValueError(f"REGION={region!r} is not one of: {', '.join(regions)}")
    for code in languages:
        if not schema.LANG_CODE.valid(code):
            raise ValueError(
                f"OFFICIAL_LANGS: {code!r} is not a two-letter ISO 639-1 code such as fr "
                "(the country's official languages, recorded in country.yml)"
            )


def new_country(
    root: Path,
    slug: str,
    iso3: str,
    name: str,
    region: str,
    languages: list[str],
    portal_languages: tuple[str, ...],
    programme: Programme,
) -> list[Path]:
    """Create countries/<slug>/ (country.yml and the default language's index.md); raise
    ValueError with a clear message for bad arguments. `languages` are the country's official
    languages (OFFICIAL_LANGS), recorded in country.yml, not languages to translate into."""
    _check_arguments(slug, iso3, name, region, languages, portal_languages[0], programme)
    folder = root / paths.KINDS["country"].folder / slug
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} exists already; edit it instead")
    names = f"\n  {portal_languages[0]}: {_yaml_text(name)}"
    others = _iso_names(iso3, portal_languages[1:])
    given = {
        "iso3": iso3,
        "names": names + (f"\n{others}" if others else ""),
        "region": region,
        "official_languages": f"[{', '.join(languages)}]",
    }
    treaties = [t.key for t in programme.treaties]
    text = HEADER.format(name=name, iso3=iso3) + skeleton(
        given, portal_languages[0], programme.vocabulary, treaties
    )
    folder.mkdir(parents=True)
    written = [folder / "country.yml"]
    written[0].write_text(text, encoding="utf-8")
    default = portal_languages[0]
    words = i18n.Labels(root / paths.LABELS, (), default)
    not_documented = words(default)["not_documented"]
    narrative = NARRATIVE.format(name=name, not_documented=not_documented)
    (folder / "index.md").write_text(narrative, encoding="utf-8")
    written.append(folder / "index.md")
    # No index.<lang>.md: a translation file that only held the name hid the notice telling
    # readers the text is not yet in their language. A translator adds it with the text.
    return written


def _iso_names(iso3: str, languages: tuple[str, ...]) -> str:
    """The country's ISO 3166 short name in each language, from pycountry's translations."""
    import gettext

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return ""
    lines = []
    for lang in languages:
        tr: gettext.NullTranslations
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            # pycountry's names are English and it ships no English catalogue: in a portal
            # whose default is another language, English is one of the translations.
            if lang != "en":
                continue
            tr = gettext.NullTranslations()
        translated = tr.gettext(country.name)
        if translated:
            lines.append(f"  {lang}: {_yaml_text(translated)}   # ISO 3166 name: check it")
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar
