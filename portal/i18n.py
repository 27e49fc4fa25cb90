"""Languages: labels per language, localised text, dates, language names and sorting.

The generic labels of the interface ship in `labels/<lang>.yml` for the six UN languages. A
portal may add a language, or override a label, with a file of its own in `labels/<lang>.yml`
at its repository root; `configure()` points this module at that folder and at the programme's
name, once per build.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton
from markupsafe import Markup

LABELS_DIR = Path(__file__).parent / "labels"
# The labels files are the generator's and the portal's own, not editors' content: read them
# with libyaml (several times faster) when PyYAML has it.
_LABELS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Labels:
    """The interface's words in every language of one portal: the generator's labels
    (portal/labels/<lang>.yml), the portal's own labels folder over them (may be absent), and
    the portal's name. Made from the configuration and the programme (`content.load`) and
    passed down: nothing global, two portals in one process never mix their words.

    `labels("fr")` is the merged mapping of a language: a missing key falls back to the
    default language's, then to English, the one complete set (a test forbids missing keys in
    the shipped files)."""

    own_dir: Path | None = None
    names: tuple[tuple[str, str], ...] = ()  # the portal's name, (language, name) pairs
    default: str = "en"
    licence: str = ""  # programme.yml's licence as JSON ("": none is stated)

    @classmethod
    def of_portal(
        cls,
        own_dir: Path | None,
        names: Mapping[str, str] | None,
        default: str,
        licence: Mapping[str, Any] | None = None,
    ) -> Labels:
        stated = json.dumps(licence, sort_keys=True, ensure_ascii=False) if licence else ""
        return cls(own_dir, tuple((names or {}).items()), default, stated)

    def files(self, lang: str) -> list[Path]:
        """The labels files of a language, generic first, the portal's own last."""
        own = self.own_dir
        candidates = [LABELS_DIR / f"{lang}.yml"] + ([own / f"{lang}.yml"] if own else [])
        # A link is never read (it could publish any file of the build machine): `safety`
        # refuses it.
        return [p for p in candidates if p.is_file() and not p.is_symlink()]

    def __call__(self, lang: str) -> dict[str, Any]:
        return _merged(self, lang)

    def own(self, lang: str) -> dict[str, Any]:
        """Only the language's own files: a fallback label is another language's."""
        return _own(self, lang)

    def escaped(self, lang: str) -> dict[str, Any]:
        """The labels of `lang` as HTML (`html_text`), for templates that print unescaped;
        `.format()` on one escapes its arguments."""
        return {
            key: {k: html_text(v) for k, v in value.items()}
            if isinstance(value, dict)
            else html_text(value)
            for key, value in self(lang).items()
        }

    def punctuation(self, lang: str) -> dict[str, str]:
        """{'semicolon', 'space', 'open', 'close'} in the language. The semicolon is a label
        (labels/<lang>.yml: French puts a no-break space before it, a programme may set its
        own); the brackets around a remark and the space before them follow the script ('(',
        ')' and a space by default; full-width and no space in Chinese and Japanese)."""
        script = _PUNCTUATION.get(lang.split("-")[0])
        semicolon, space, opening, closing = script or (self(lang)["semicolon"], " ", "(", ")")
        own = self.own(lang)
        if "semicolon" in own:
            semicolon = str(own["semicolon"])
        return {"semicolon": semicolon, "space": space, "open": opening, "close": closing}


GENERIC = Labels()  # the generator's own labels, for what belongs to no portal


@lru_cache(maxsize=256)
def _merged(labels: Labels, lang: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in labels.files("en") + labels.files(labels.default) + labels.files(lang):
        merged.update(read_labels(path))
    name = pick(dict(labels.names), lang, labels.default)
    merged["portal_name"] = name[0] if name else ""
    licence = json.loads(labels.licence) if labels.licence else None
    merged.update(licence_labels(licence, lang, labels.default))
    return merged


@lru_cache(maxsize=256)
def _own(labels: Labels, lang: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in labels.files(lang):
        merged.update(read_labels(path))
    return merged


def read_labels(path: Path) -> dict[str, Any]:
    """One labels file, as it is (`labels()` merges a language's files)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LABELS_LOADER) or {}


@cache
def direction(lang: str) -> str:
    """'rtl' for languages written right to left (Arabic, Hebrew, Persian, Urdu...), from CLDR."""
    try:
        order = Locale.parse(lang).character_order
    except Exception:  # noqa: BLE001 - an unknown code: left to right
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def licence_labels(licence: dict[str, Any] | None, lang: str, default: str) -> dict[str, str]:
    """The declared licence as labels of `lang`, like the portal's name: every page's footer,
    the PDFs (whose cache key holds the labels) and the open data read it from one place.
    `portal_licence` is "" when programme.yml declares none; `_lang` keys name the language
    a text is shown in (a fallback is marked as such)."""
    licence = licence or {}
    name = pick(licence.get("name"), lang, default) or ("", lang)
    note = pick(licence.get("note"), lang, default) or ("", lang)
    return {
        "portal_licence": name[0],
        "portal_licence_lang": name[1],
        "portal_licence_url": licence.get("url") or "",
        "portal_licence_note": note[0],
        "portal_licence_note_lang": note[1],
    }


def html_text(text: object) -> Markup:
    """Text as HTML for templates that print unescaped, in text and in double-quoted
    attributes (the theme's and ours): '&', '<', '>' and '"' escaped. An apostrophe stays
    itself ("n'est"), so the page reads as typed; `| e` on the result escapes nothing again."""
    if isinstance(text, Markup):
        return text
    value = str(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        value = value.replace(char, entity)
    return Markup(value)


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's


@cache
def _plural_rule(lang: str) -> Any:
    try:
        return Locale.parse(lang).plural_form
    except Exception:  # noqa: BLE001 - an unknown code: every number is "other"
        return lambda n: "other"


def counted(text: str | dict[str, str], lang: str, n: int) -> str:
    """A label's text for the number `n`: a label that counts may give one text per CLDR
    plural category ({one: "{n} country", other: "{n} countries"}; Russian has few and many,
    Arabic zero, one, two, few and many)."""
    if isinstance(text, str):
        return text
    return text.get(_plural_rule(lang)(abs(n))) or text["other"]


def pick(text: Mapping[str, str] | None, lang: str, default: str = "en") -> tuple[str, str] | None:
    """The text in `lang`, else in the default language: (text, language it is in)."""
    if not text:
        return None
    if lang in text:
        return text[lang], lang
    if default in text:
        return text[default], default
    first = next(iter(text))
    return text[first], first


def sort_key(name: str, lang: str = "") -> str:
    """Sort key that ignores accents and case, so 'Égypte' sorts beside 'Egypte'. Chinese
    sorts by pinyin, as CLDR's default Chinese collation does (卡塔尔 kataer, 黎巴嫩 libanen,
    约旦 yuedan), not by code point: anyascii's readings of the characters, tones aside."""
    if lang.split("-")[0].split("_")[0] == "zh":
        from anyascii import anyascii

        name = " ".join(
            anyascii(c) if unicodedata.name(c, "").startswith("CJK") else c for c in name
        )
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Between the items of a list whose items may hold commas (titles), and around a remark (the
# space before it, the brackets): the full-width forms in Chinese and Japanese, with no space;
# the Arabic semicolon in Arabic script.
_PUNCTUATION = {
    "zh": ("；", "", "（", "）"),
    "ja": ("；", "", "（", "）"),
    "ar": ("؛ ", " ", "(", ")"),
    "fa": ("؛ ", " ", "(", ")"),
    "ur": ("؛ ", " ", "(", ")"),
}


@cache
def language_name(code: str, lang: str) -> str:
    try:
        name = Locale.parse(lang).languages.get(code)
    except Exception:  # an unknown locale: fall back to the code itself
        name = None
    return name or code


@cache
def format_partial_date(text: str | None, lang: str) -> str:
    """'2018-09-24', '2018-09' or '2018' in the reader's language."""
    if not text:
        return ""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=lang)
    return format_date(dt.date(*parts), format="long", locale=lang)


def format_date_range(start: str | None, end: str | None, lang: str) -> str:
    if not end or end == start:
        return format_partial_date(start, lang)
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"
