"""What the templates see: the content of one language, with named helpers.

A `View` is made once per language by the page plan (`pages.Renderer`) and shared by every
page of that language; what depends on the page itself (its relative links) is added there.
`View.context()` is the one context of every page kind: the names a template may use, each a
method or a value of this class with a docstring, so a template's vocabulary is read here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from . import corrections, highlights, i18n, jsonld, paths, schema, sources, timeline
from .content import Content, Entry
from .model import Activity, Contact, Country, Instrument, international
from .programme import Programme
from .schema.base import first_day


@dataclass(frozen=True)
class ContactRow:
    """A contact as a table row: the contact, the entries it belongs to (shown in a "related
    to" column), and the owner's slug and index that name its vCard."""

    contact: Contact
    related: tuple[Entry[Any], ...]
    slug: str
    index: int

    def __iter__(self) -> Any:  # the templates unpack rows: {% for c, rel, slug, i in rows %}
        return iter((self.contact, self.related, self.slug, self.index))


class View:
    """The content as one language shows it: texts picked, countries sorted, labels filled."""

    def __init__(
        self,
        content: Content,
        lang: str,
        by_objective: Mapping[str, Mapping[str, list[Instrument]]],
        world: Any,
        corrections_to: corrections.Target | None = None,
    ) -> None:
        self.content, self.lang = content, lang
        self.corrections_to = corrections_to or corrections.Target()
        self.programme: Programme = content.programme
        self.default = content.settings.languages[0]
        self.labels = content.labels(lang)
        self.today = content.settings.today
        self.max_age = content.settings.contact_max_age_days
        self.by_objective = by_objective
        self.world = world
        self._missing = Markup('<span class="portal-nyd">{}</span>').format(
            self.labels["not_documented"]
        )
        self._shown: dict[int, tuple[Mapping[str, str], Markup]] = {}
        self.countries = sorted(content.countries, key=lambda c: i18n.sort_key(self.name(c), lang))

    # -- texts ---------------------------------------------------------------------------------

    def not_documented(self) -> Markup:
        """'Not yet documented', marked so that pages and PDFs style it."""
        return self._missing

    def text(self, value: Mapping[str, str] | None) -> Markup:
        """A text in the reader's language, or marked with its own language when it falls
        back. The same texts appear on many pages: each is escaped once per language (the
        cache holds the text itself, so its id stays its own)."""
        if value is None:
            return self._missing
        known = self._shown.get(id(value))
        if known is None or known[0] is not value:
            html = text_html(value, self.lang, self.default, self._missing)
            known = self._shown[id(value)] = (value, html)
        return known[1]

    def plain(self, value: Mapping[str, str] | None) -> str:
        """A text in the reader's language (else the default's), as a string."""
        got = i18n.pick(value, self.lang, self.default)
        return got[0] if got else ""

    def name(self, entry: Entry[Any]) -> str:
        """A country's name or an objective's title."""
        return self.plain(entry.name)

    def label(self, key: str, **values: Any) -> str:
        """A label with its {placeholders} filled; one that counts takes the form of {n}."""
        text = i18n.counted(self.labels[key], self.lang, values.get("n", 0))
        return text.format(**values) if values else text

    def label_html(self, key: str, **values: Any) -> Markup:
        """A label as HTML, its {placeholders} filled with HTML (a link, an isolated period):
        the label's own text is escaped, the values are Markup already."""
        text = i18n.counted(self.labels[key], self.lang, values.get("n", 0))
        return escape(text).format(**values)  # Markup.format escapes what is not Markup

    def total_instruments(self, instruments: int, countries: int) -> str:
        return self.label(
            "total_instruments",
            instruments=self.label("count_instruments", n=instruments),
            countries=self.label("count_countries", n=countries),
        )

    def term(self, kind: str, key: str) -> str:
        """The name of a treaty, theme or region the programme declares."""
        found = self.programme.term(kind, key)
        return self.plain(found.name) if found else key

    def choice(self, name: str, value: str) -> str:
        """The label of a value of one of the schema's choices (`schema.vocabulary.CHOICES`):
        choice('status', 'in-force') is 'In force'."""
        return schema.vocabulary.choice_label(self.labels, name, value)

    def page_of(self, entry: Entry[Any]) -> str:
        """The page of a country or an objective, for `link()`: 'countries/morocco'."""
        return self.page_of_slug(entry.kind, entry.slug)

    def page_of_slug(self, kind: str, slug: str) -> str:
        """The page of the entry of kind `kind` ('objective') named `slug`."""
        return f"{paths.KINDS[kind].folder}/{slug}"

    def names_of(self, kind: str) -> Callable[[str], str]:
        """The naming function of one kind of term: treaty_name('tip')."""
        return lambda key: self.term(kind, key)

    def date(self, start: str | None, end: str | None = None) -> str:
        return i18n.format_date_range(start, end, self.lang)

    def language_name(self, code: str) -> str:
        return i18n.language_name(code, self.lang)

    def native_name(self, code: str) -> str:
        """A language's name in itself, as a language menu writes it: 'Français', 'العربية'."""
        name = i18n.language_name(code, code)
        return name[:1].upper() + name[1:]

    def source_urls(self, item: Any) -> list[str]:
        """The addresses that state a fact: its `source`, then its further `sources`."""
        if not item:
            return []
        first = [item.source] if item.source else []
        return first + list(getattr(item, "sources", ()))

    def treaty_status(self, country: Entry[Country], treaty: str) -> str:
        """'party', 'signatory', 'not-party', or 'unknown' when nothing is documented."""
        found = country.data.treaties.get(treaty)
        return (found.status if found else None) or "unknown"

    def parties(self, treaty: str) -> int:
        """How many countries are party to the treaty."""
        return sum(1 for c in self.content.countries if self.treaty_status(c, treaty) == "party")

    # -- contacts ------------------------------------------------------------------------------

    def contact_state(self, contact: Contact) -> str:
        """'period' (belongs to a past period), 'unverified', 'stale' or 'current'. A contact
        with no channel to reach it is never shown as verified: there is nothing a reader
        could use that was checked."""
        if contact.end:
            return "period"
        if not contact.verified or not contact.reachable:
            return "unverified"
        age = (self.today - first_day(contact.verified)).days
        return "stale" if age > self.max_age else "current"

    def contacts_of(self, entry: Entry[Any]) -> list[ContactRow]:
        return [ContactRow(x, (), entry.slug, i) for i, x in enumerate(entry.data.contacts)]

    def programme_contacts(self) -> list[ContactRow]:
        """The objectives' contacts, one row per person however many objectives list them."""
        rows: dict[tuple[str, str | None], ContactRow] = {}
        for o in self.content.objectives:
            for i, x in enumerate(o.data.contacts):
                first = rows.get((x.name, x.email))
                rows[(x.name, x.email)] = (
                    ContactRow(x, (o,), o.slug, i)
                    if first is None
                    else dataclasses.replace(first, related=(*first.related, o))
                )
        return list(rows.values())

    def national_contacts(self) -> list[ContactRow]:
        return [
            ContactRow(x, (c,), c.slug, i)
            for c in self.countries
            for i, x in enumerate(c.data.contacts)
        ]

    # -- lists ---------------------------------------------------------------------------------

    def countries_in(self, region: str) -> list[Entry[Country]]:
        return [c for c in self.countries if c.data.region == region]

    def all_instruments(self) -> list[tuple[Entry[Country], Instrument]]:
        return [(c, ins) for c in self.countries for ins in c.data.instruments]

    def count_for(self, objective: str) -> int:
        return sum(len(v) for v in self.by_objective.get(objective, {}).values())

    def activities_for(self, objective: str) -> list[tuple[Entry[Country], Activity]]:
        found = [
            (c, a)
            for c in self.content.countries
            for a in c.data.activities
            if a.objective == objective
        ]
        return sorted(found, key=lambda pair: pair[1].date)

    def plans_in_force(self, instruments: tuple[Instrument, ...]) -> highlights.Plans:
        """The build date is "today" for what is in force (settings.today)."""
        return highlights.plans_in_force(instruments, self.today)

    def timeline_of(self, country: Entry[Country]) -> list[timeline.Event]:
        """Every dated event of a country, in date order (portal/timeline.py says what counts
        and how partial dates are placed), each with its sources and the id of its row."""
        return timeline.events(country.data)

    def official_editions(self, country: Entry[Country]) -> list[str]:
        """The portal's languages, other than the reader's, that are official languages of
        the country (by their ISO 639-1 code: `pt-BR` is Portuguese), in the country's order:
        the editions of its page a reader of the country may prefer."""
        found = []
        for code in country.data.official_languages:
            for lang in self.content.settings.languages:
                if lang != self.lang and lang.split("-")[0] == code and lang not in found:
                    found.append(lang)
        return found

    def structured_data(self, country: Entry[Country]) -> str:
        """The country page's laws as schema.org JSON-LD (portal/jsonld.py): an inert
        `<script type="application/ld+json">` element for the page's head."""
        return jsonld.script(jsonld.country_graph(self, country))

    # -- the templates' names ------------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        """The names every template may use."""
        all_instruments = self.all_instruments()
        return {
            **FUNCTIONS,
            "lang": self.lang,
            "dir": i18n.direction(self.lang),
            "labels": self.labels,
            "punctuation": self.content.labels.punctuation(self.lang),
            "label": self.label,
            "label_html": self.label_html,
            "choice": self.choice,
            "total_instruments": self.total_instruments,
            "in_language": self.text,
            "plain": self.plain,
            "not_documented": self.not_documented,
            "name": self.name,
            "date": self.date,
            "language_name": self.language_name,
            "page_of": self.page_of,
            "page_of_slug": self.page_of_slug,
            "content": self.content,
            "programme": self.programme,
            "treaties": self.programme.treaties,
            "treaty_name": self.names_of("treaties"),
            "theme_name": self.names_of("themes"),
            "region_name": self.names_of("regions"),
            "regions": [r.key for r in self.programme.regions],
            "objective_of": self.content.objective,
            "by_objective": self.by_objective,
            "sorted_countries": lambda: self.countries,
            "countries_in": self.countries_in,
            "all_instruments": all_instruments,
            "count_for": self.count_for,
            "activities_for": self.activities_for,
            "contacts_of": self.contacts_of,
            "programme_contacts": self.programme_contacts,
            "national_contacts": self.national_contacts,
            "contact_state": self.contact_state,
            "has_channel": lambda contact: contact.reachable,
            "stale_months": self.max_age // 30,
            "world": self.world,
            "default_lang": self.default,
            "source_urls": self.source_urls,
            "treaty_status": self.treaty_status,
            "parties": self.parties,
            "plans_in_force": self.plans_in_force,
            "correction": corrections.for_pages(
                self.corrections_to, self.content.labels, self.lang, self.default
            ),
            "timeline": self.timeline_of,
            "treaty_anchor": timeline.treaty_anchor,
            "structured_data": self.structured_data,
            "official_editions": self.official_editions,
            "native_name": self.native_name,
        }


# What templates may call that depends on no language.
FUNCTIONS: dict[str, Any] = {
    "direction": i18n.direction,
    "period": lambda ins: ins.period,  # when an instrument applies: '2018–2022', the year
    "vcard": paths.vcard_path,
    "instrument_types": schema.INSTRUMENT_TYPES,
    "instrument_statuses": schema.INSTRUMENT_STATUSES,
    "publisher": sources.publisher,
    "main_laws": highlights.main_laws,
    "international": international,
}


def text_html(text: Mapping[str, str], lang: str, default: str, missing: Markup) -> Markup:
    """A text in `lang`, or in the language it falls back to, marked with that language."""
    got = i18n.pick(text, lang, default)
    if got is None:
        return missing
    value, in_lang = got
    if in_lang == lang:
        return escape(value)
    return Markup(
        f'<span lang="{escape(in_lang)}" dir="{i18n.direction(in_lang)}">{escape(value)}</span>'
    )
