"""Loading the content tree: countries/<slug>/ and objectives/<slug>/ into one validated model.

`load(root, settings)` reads every folder, validates it against `schema`, resolves the
references between files and returns a `Content` with every problem found. It knows nothing
of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import i18n, paths, safety, schema
from . import programme as programme_mod
from .model import CHANNELS, Contact, Country, Objective, Text, international, plain, record
from .problems import Problems
from .schema.base import first_day, language_name
from .versions import instrument_id
from .yamlio import load_yaml

NARRATIVE_RE = re.compile(r"index(?:\.([a-z]{2}))?\.md")
NOTES_FILE = "NOTES.md"  # per folder: the gaps no source fills yet, for the next editor


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...]  # default language first
    contact_max_age_days: int = 365
    today: dt.date = field(default_factory=dt.date.today)
    catalogue_rows: int = 500  # beyond, the catalogue is one page per region
    labels_dir: Path | None = None  # the portal's own labels folder (labels/), if any


R = TypeVar("R", Country, Objective)
# Each kind of entry (paths.ENTRY_KINDS): the schema of its <kind>.yml and its record.
RECORDS: dict[str, tuple[schema.Object, type[Any]]] = {
    "country": (schema.COUNTRY, Country),
    "objective": (schema.OBJECTIVE, Objective),
}


@dataclass
class Entry(Generic[R]):
    """A country or an objective: its validated record and its narratives."""

    kind: str  # "country" or "objective"
    slug: str
    data: R
    narratives: dict[str, str]  # language -> Markdown
    folder: str  # relative to the content root, e.g. "countries/morocco"
    lines: Any = None  # yamlio.Loaded, to point later checks at a line

    @property
    def meta_file(self) -> str:
        return f"{self.folder}/{self.kind}.yml"

    def page(self, directory_urls: bool = True) -> str:
        """Its page's URL below the language root: 'countries/morocco/'."""
        return paths.KINDS[self.kind].page(self.slug, directory_urls)

    @property
    def name(self) -> Text:
        """The country's names, or the objective's title."""
        return self.data.names if isinstance(self.data, Country) else self.data.title

    def narrative_file(self, lang: str, default: str) -> str:
        return f"{self.folder}/index.md" if lang == default else f"{self.folder}/index.{lang}.md"


@dataclass
class Content:
    settings: Settings
    programme: programme_mod.Programme
    countries: list[Entry[Country]]
    objectives: list[Entry[Objective]]
    problems: Problems
    labels: i18n.Labels = i18n.GENERIC  # the interface's words, the portal's own included

    @property
    def entries(self) -> list[Entry[Any]]:
        """Countries, then objectives."""
        return [*self.countries, *self.objectives]

    def objective(self, slug: str) -> Entry[Objective] | None:
        return next((o for o in self.objectives if o.slug == slug), None)


def _narratives(folder: Path, rel: str, settings: Settings, problems: Problems) -> dict[str, str]:
    """language -> Markdown of a folder's narratives (index.md, index.<lang>.md); every
    misnamed file reported."""
    narratives: dict[str, str] = {}
    for md in sorted(folder.glob("*.md")):
        if md.name == NOTES_FILE:
            continue  # editors' notes on what is still to find: never published
        m = NARRATIVE_RE.fullmatch(md.name)
        md_rel = f"{rel}/{md.name}"
        if not m:
            problems.add(
                md_rel,
                "",
                f"unexpected Markdown file: a narrative is index.md "
                f"({language_name(settings.languages[0])}) or index.<lang>.md, "
                f"with <lang> one of {', '.join(settings.languages[1:])}",
            )
            continue
        lang = m[1] or settings.languages[0]
        if lang not in settings.languages:
            problems.add(
                md_rel,
                "",
                f"is a translation into {lang!r}, which the portal does not have "
                f"(languages: {', '.join(settings.languages)}); rename or remove it",
            )
            continue
        if m[1] == settings.languages[0]:
            problems.add(
                md_rel,
                "",
                f"the {settings.languages[0]!r} narrative is index.md; rename this file",
            )
            continue
        text = safety.read_narrative(md, md_rel, problems)
        if text is None:
            continue
        narratives[lang] = text
    if narratives and settings.languages[0] not in narratives:
        problems.add(
            f"{rel}/index.md",
            "",
            f"is missing: translations exist but the {language_name(settings.languages[0])} "
            "narrative they translate does not",
        )
    return narratives


def _read_folder(
    root: Path,
    kind: str,
    folder: Path,
    settings: Settings,
    problems: Problems,
    refs: list[Any],
    vocabulary: schema.Vocabulary,
) -> Entry[Any] | None:
    rel = folder.relative_to(root).as_posix()
    slug = folder.name
    if not schema.SLUG_RE.fullmatch(slug):
        problems.add(
            rel,
            "",
            f"folder name {slug!r} is not a valid slug: use lower-case ASCII letters, "
            "digits and single hyphens, like 'new-zealand'",
        )
        return None
    meta = folder / f"{kind}.yml"
    if not meta.is_file():
        problems.add(rel, "", f"has no {kind}.yml; every {kind} folder needs one")
        return None
    loaded = load_yaml(meta, f"{rel}/{kind}.yml", problems)
    narratives = _narratives(folder, rel, settings, problems)
    if loaded is None:
        return None
    ctx = schema.Context(
        file=f"{rel}/{kind}.yml",
        problems=problems,
        lines=loaded,
        languages=settings.languages,
        vocabulary=vocabulary,
        today=settings.today,
    )
    obj, cls = RECORDS[kind]
    data = obj.check(loaded.data, "", ctx)
    for kind_ref, value, path in ctx.refs:
        refs.append((ctx, kind_ref, value, path))
    if data is None:
        return None
    if "instruments" in obj.fields:
        _instrument_ids(data, ctx)
    return Entry(kind, slug, record(cls, data, obj), narratives, rel, loaded)


def _instrument_ids(data: dict[str, Any], ctx: schema.Context) -> None:
    """Give every instrument an id (its anchor), unique in the country; check relations.

    An id an editor did not write is derived from the type and the number (or the year), never
    from the title, so links keep working when a title is corrected or translated.
    """
    instruments = data.get("instruments") or []
    seen: dict[str, int] = {}
    for i, ins in enumerate(instruments):
        given = ins.get("id")
        if given is None:
            base = instrument_id(ins)  # one rule with the comparisons of versions
            given, n = base, 1
            while given in seen or any(given == x.get("id") for x in instruments):
                n += 1
                given = f"{base}-{n}"
            ins["id"] = given
        elif given in seen:
            ctx.error(
                f"instruments[{i}].id",
                f"expected an id no other instrument of this country has, got {given!r}, "
                f"which instruments[{seen[given]}] has too",
            )
        seen.setdefault(given, i)
    for i, ins in enumerate(instruments):
        for j, rel in enumerate(ins.get("relations") or []):
            if rel.get("target") and rel["target"] not in seen:
                ctx.error(
                    f"instruments[{i}].relations[{j}].target",
                    f"expected the id of another instrument of this country "
                    f"({', '.join(sorted(seen)) or 'none has an id'}), got {rel['target']!r}",
                )


def _entries(
    root: Path,
    kind: str,
    folder_name: str,
    settings: Settings,
    problems: Problems,
    refs: list[Any],
    vocabulary: schema.Vocabulary,
) -> list[Entry[Any]]:
    base = root / folder_name
    if not base.is_dir():
        return []
    out = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        if folder.name.startswith(".") or folder.is_symlink():  # safety.check_tree reports
            continue
        entry = _read_folder(root, kind, folder, settings, problems, refs, vocabulary)
        if entry:
            out.append(entry)
    for stray in sorted(p for p in base.iterdir() if p.is_file() and not p.name.startswith(".")):
        problems.add(
            stray.relative_to(root).as_posix(),
            "",
            f"unexpected file: each {kind} lives in its own folder, {folder_name}/<slug>/",
        )
    return out


def _cross_checks(content: Content, refs: list[Any]) -> None:
    problems = content.problems
    objective_slugs = {o.slug for o in content.objectives}
    for ctx, kind, value, path in refs:
        if kind == "objective" and value not in objective_slugs:
            close = difflib.get_close_matches(value, sorted(objective_slugs), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            ctx.error(
                path,
                f"expected an existing objective ({', '.join(sorted(objective_slugs))}), "
                f"got {value!r}{hint}",
            )
    _one_owner(content)
    _unique(problems, content.countries, "iso3", "a code no other country uses")
    _unique(problems, content.objectives, "number", "a number no other objective uses")
    # Smells, not errors: warnings make `--strict` and `make check --strict` fail.
    today = content.settings.today
    max_age = dt.timedelta(days=content.settings.contact_max_age_days)
    for entry in content.entries:
        names = entry.name or Text({})
        missing = [lang for lang in content.settings.languages if names and lang not in names]
        # Without the default language's name there is nothing to fall back on: that is an
        # error the schema reports, and this warning would only contradict it.
        if missing and content.settings.languages[0] in names:
            field_name = paths.KINDS[entry.kind].name_field
            problems.add(
                entry.meta_file,
                field_name,
                line=entry.lines.line(field_name),
                message=f"no name in {', '.join(missing)}: readers of those languages see the "
                f"{language_name(content.settings.languages[0])} one",
                severity="warning",
            )
        for i, contact in enumerate(entry.data.contacts):
            _contact_channels(problems, entry, i, contact)
            verified = contact.verified
            if contact.end or not verified:
                continue  # a contact of a past period, or never checked: said on the page
            if today - first_day(verified) > max_age:
                problems.add(
                    entry.meta_file,
                    f"contacts[{i}].verified",
                    line=entry.lines.line(f"contacts[{i}].verified"),
                    message=f"{contact.name} was last verified on {verified}, more than "
                    f"{content.settings.contact_max_age_days} days ago; check the details "
                    "against the source and update the date",
                    severity="warning",
                )


def _one_owner(content: Content) -> None:
    """Report every output path that two owners would write (the second would silently
    replace the first: an objective named like a country took over its vCards)."""
    languages = content.settings.languages
    owner: dict[str, str] = dict.fromkeys(
        paths.portal_outputs(languages, content.programme.vocabulary.regions),
        "the portal itself",
    )
    for entry in content.entries:
        contacts = len(entry.data.contacts)
        for path in paths.entry_outputs(entry.kind, entry.slug, contacts, languages):
            first = owner.setdefault(path, entry.folder)
            if first != entry.folder:
                content.problems.add(
                    entry.folder,
                    "",
                    f"would write {path}, which {first} writes too; rename the folder "
                    f"(a slug no other country, objective or portal page uses)",
                )
                break


def _contact_channels(problems: Problems, entry: Entry[Any], i: int, contact: Contact) -> None:
    """A contact answers "how do I reach them?": a phone number a reader can dial from
    abroad, and no "verified" date on a contact that has no channel to verify."""
    phone = contact.phone
    if phone and not international(phone):
        problems.add(
            entry.meta_file,
            f"contacts[{i}].phone",
            line=entry.lines.line(f"contacts[{i}].phone"),
            message=f"expected the international format, +<country code> <number> (e.g. "
            f"+43 1 26060), got {phone!r}; readers abroad cannot dial a local number",
            severity="warning",
        )
    # The file as written: a channel the schema refused (a malformed email) is reported there.
    data = entry.lines.data if entry.lines else None
    written_list = data.get("contacts") if isinstance(data, dict) else None
    raw = written_list[i] if isinstance(written_list, list) and i < len(written_list) else None
    written = raw if isinstance(raw, dict) else plain(contact)
    if contact.verified and not any(written.get(k) for k in CHANNELS):
        problems.add(
            entry.meta_file,
            f"contacts[{i}].verified",
            line=entry.lines.line(f"contacts[{i}].verified"),
            message=f"{contact.name} has no email, phone, website or address, so there is "
            "nothing a reader can use that was verified; add the channel the source gives, "
            "or remove `verified`",
            severity="warning",
        )


def _unique(problems: Problems, entries: list[Entry[Any]], field_name: str, expected: str) -> None:
    """Report every entry whose `field_name` an earlier entry already uses."""
    seen: dict[Any, Entry[Any]] = {}
    for entry in entries:
        value = getattr(entry.data, field_name)
        if value is None:
            continue
        if value in seen:
            problems.add(
                entry.meta_file,
                field_name,
                line=entry.lines.line(field_name),
                message=f"expected {expected}, got {value!r}, "
                f"which {seen[value].meta_file} uses too",
            )
        else:
            seen[value] = entry


def load(root: Path, settings: Settings) -> Content:
    """Read and validate every country and objective under `root`."""
    problems = Problems()
    safety.check_tree(root, problems, generated=paths.GENERATED_DIRS)
    refs: list[Any] = []
    programme = programme_mod.load(root, settings.languages, problems, settings.today)
    vocabulary = programme.vocabulary if programme else schema.Vocabulary(known=False)
    found = {
        k.name: _entries(root, k.name, k.folder, settings, problems, refs, vocabulary)
        for k in paths.ENTRY_KINDS
    }
    objectives, countries = found["objective"], found["country"]
    objectives.sort(key=lambda o: (o.data.number or 0, o.slug))
    if programme is None:  # reported; an empty one lets every other file be checked
        programme = programme_mod.Programme({}, "", None, (), (), ())
    labels = i18n.Labels.of_portal(
        settings.labels_dir, programme.name, settings.languages[0], programme.licence
    )
    content = Content(settings, programme, countries, objectives, problems, labels)
    _cross_checks(content, refs)
    return content
