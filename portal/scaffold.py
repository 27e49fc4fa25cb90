"""`make new-country`: a complete, valid country folder that builds at once.

The metadata skeleton lists every field of the schema with a comment saying what it holds;
fields an editor cannot yet source stay empty, which the portal shows as "not yet documented".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry

from . import i18n, schema
from .programme import Programme

TEMPLATE = """\
# {name} ({iso3}). Every fact needs the web address of a public page that states it (`source`).
# What no source states stays empty: the portal shows "not yet documented".
# Field reference: CONTRIBUTING.md, and schemas/country.schema.json for your editor.
# yaml-language-server: $schema=../../schemas/country.schema.json
iso3: {iso3}                      # {d_iso3}
names:                          # {d_names}
  {default}: {name_yaml}
{other_names}
region: {region}                  # {d_region}: {regions}
official_languages: [{languages}]   # {d_langs}
coordinating_bodies: []         # {d_bodies}
#  - name: {{{default}: ...}}
#    source: https://...
treaties:                       # {d_treaties}
{treaty_lines}
instruments: []                 # {d_instruments}
#  - id: law-27-14              # {d_id}
#    type: law                  # {types}
#    title: {{{default}: ...}}
#    original_title: ...
#    original_language: fr
#    number: "..."
#    year: 2016                 # or start: 2016 and end: 2020 for a period
#    status: adopted            # {statuses}
#    themes: [{themes_example}]{themes_comment}
#    objectives: []             # {d_objectives}
#    summary: {{{default}: ...}}
#    source: https://...
contacts: []                    # {d_contacts}
activities: []                  # {d_activities}
# reviewed: {today}             # {d_reviewed}
"""

NARRATIVE = (  # its first line in the default language, as the portal says it
    "{name}: {not_documented}.\n\n"
    "<!-- Replace the line above with two to four short paragraphs restating the sourced facts "
    "of country.yml, with links to the sources. No heading 1: the title comes from country.yml. "
    "-->\n"
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
    if not schema.SLUG_RE.fullmatch(slug or ""):
        raise ValueError(
            f"SLUG={slug!r} is not a valid slug: use lower-case ASCII letters, digits and "
            "single hyphens, like new-zealand"
        )
    if not (iso3 and iso3.isupper() and pycountry.countries.get(alpha_3=iso3)):
        raise ValueError(f"ISO={iso3!r} is not an ISO 3166-1 alpha-3 code such as MAR")
    if not name:
        raise ValueError(
            f"NAME is missing: give the name in the default language ({portal_languages[0]}), "
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
    folder = root / "countries" / slug
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} exists already; edit it instead")
    fields = schema.COUNTRY.fields
    instrument = schema.INSTRUMENT.fields
    treaty_values = schema.vocabulary.TREATY.fields
    themes = programme.vocabulary.themes
    treaty_lines = (
        "\n".join(
            f"  {t.key}: {{}}"
            + (
                f"                # status: {' | '.join(treaty_values['status'].type.values())}; "
                f"signed; act: {' | '.join(treaty_values['act'].type.values())}; date; as_of; "
                "note; source"
                if i == 0
                else ""
            )
            for i, t in enumerate(programme.treaties)
        )
        or "  {}"
    )
    text = TEMPLATE.format(
        name=name,
        default=portal_languages[0],
        name_yaml=_yaml_text(name),
        other_names=_iso_names(iso3, portal_languages[1:]),
        iso3=iso3,
        region=region,
        regions=" | ".join(regions),
        languages=", ".join(languages),
        today=dt.date.today().isoformat(),
        treaty_lines=treaty_lines,
        types=" | ".join(schema.INSTRUMENT_TYPES),
        statuses=" | ".join(schema.INSTRUMENT_STATUSES),
        themes_example=themes[0] if themes else "",
        themes_comment=f"               # {' | '.join(themes)}" if themes else "",
        d_iso3=fields["iso3"].description,
        d_names=fields["names"].description,
        d_region=fields["region"].description,
        d_langs=fields["official_languages"].description,
        d_bodies=fields["coordinating_bodies"].description,
        d_treaties=fields["treaties"].description,
        d_id=instrument["id"].description,
        d_objectives=instrument["objectives"].description,
        d_instruments=fields["instruments"].description,
        d_contacts=fields["contacts"].description,
        d_activities=fields["activities"].description,
        d_reviewed=fields["reviewed"].description,
    )
    folder.mkdir(parents=True)
    written = [folder / "country.yml"]
    written[0].write_text(text, encoding="utf-8")
    default = portal_languages[0]
    not_documented = i18n.labels(default)["not_documented"]
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
