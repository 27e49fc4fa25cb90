"""One table of the site's sections and of every file name and URL the portal writes.

Page generation, navigation, exports, the `.gitignore` check and the benchmark read them here,
so a section or a file name is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass

DOWNLOADS = "downloads"
LABELS = "labels"  # a portal's own labels folder, beside mkdocs.yml


@dataclass(frozen=True)
class EntryKind:
    """A kind of entry of the content tree: where its folders live, the page and PDF each
    folder gives. Adding a kind is one line here, its record in `model`, its file in
    `schema.vocabulary` and its template."""

    name: str  # "country": the metadata file is <name>.yml
    folder: str  # "countries": content folder, docs/ folder and first URL segment
    template: str  # the page's template in portal/templates
    section: str  # labels key of the navigation section listing them
    name_field: str  # the field of <name>.yml that names an entry for readers

    def page(self, slug: str, directory_urls: bool = True) -> str:
        """'countries/morocco/' (or 'countries/morocco.html' in the offline edition)."""
        return target_url(f"{self.folder}/{slug}", directory_urls)

    def pdf(self, slug: str, lang: str) -> str:
        return f"{DOWNLOADS}/{self.name}-{slug}.{lang}.pdf"


ENTRY_KINDS = (
    EntryKind("country", "countries", "country.md.j2", "nav_countries", "names"),
    EntryKind("objective", "objectives", "objective.md.j2", "nav_objectives", "title"),
)
KINDS = {k.name: k for k in ENTRY_KINDS}
BY_FOLDER = {k.folder: k for k in ENTRY_KINDS}
CONTENT_FOLDERS = tuple(f"{k.folder}/" for k in ENTRY_KINDS)


@dataclass(frozen=True)
class Section:
    """A top-level part of the site, in navigation order."""

    key: str  # folder of docs/ and first URL segment
    label: str  # labels key of its title
    template: str | None = None  # generated index page's template; None: hand-written or none
    generated: bool = True  # its folder of docs/ is written by the generator (git-ignored)
    in_nav: bool = True  # listed in the navigation (else linked from every page's footer)
    # One table with a column per country or objective and no headings to list: the page
    # takes the width of the (empty) table of contents, so that it stays a table longer.
    wide: bool = False
    # In the PDFs (the portal's, and the page's own): not a list of changes, which tells a
    # returning reader what moved online, goes stale on paper and grows with every change.
    printed: bool = True


SECTIONS = (
    Section("index", "nav_home", generated=False),
    Section("about", "nav_about", generated=False),
    Section("countries", "nav_countries", "countries_index.md.j2"),
    Section("objectives", "nav_objectives", "objectives_index.md.j2"),
    Section("instruments", "nav_instruments", "instruments_index.md.j2", wide=True),
    Section("matrix", "nav_matrix", "matrix.md.j2", wide=True),
    Section("compare", "nav_compare", "compare.md.j2", wide=True),
    Section("contacts", "nav_contacts", "contacts.md.j2"),
    Section("whats-new", "nav_whats_new", "whats_new.md.j2", printed=False),
    Section("downloads", "nav_downloads", "downloads.md.j2"),
    Section("open-data", "open_data"),
    Section("translations", "translations", "translations.md.j2", in_nav=False),
)
BY_KEY = {s.key: s for s in SECTIONS}
GENERATED_DIRS = tuple(s.key for s in SECTIONS if s.generated)
HIDDEN = tuple(s.key for s in SECTIONS if not s.in_nav)
# Generated index pages rendered in every language from a template of their own.
LIST_PAGES = tuple(s for s in SECTIONS if s.template and s.in_nav and s.key != "downloads")


def target_url(target: str, directory_urls: bool = True) -> str:
    """Site-relative address of a generated page ('countries/mali', 'whats-new/'):
    'countries/mali/' or, in the offline edition, 'countries/mali.html'."""
    if target.endswith("/") or not target:
        return target if directory_urls else f"{target}index.html"
    return f"{target}/" if directory_urls else f"{target}.html"


def section_of(inner_url: str) -> str:
    """'countries' for 'countries/morocco/' (a URL without its language prefix)."""
    return inner_url.strip("/").split("/")[0]


def hidden(inner_url: str) -> bool:
    """Is this page left out of navigation and PDFs (pages for editors)?"""
    return section_of(inner_url) in HIDDEN


def printed(inner_url: str) -> bool:
    """Does this page have its PDF and a place in the portal's PDF?"""
    section = BY_KEY.get(section_of(inner_url))
    return section is None or (section.in_nav and section.printed)


def feed_file(lang: str, default: str) -> str:
    """The Atom feed of a language's changes, at its root: 'feed.xml', 'fr/feed.xml'."""
    return "feed.xml" if lang == default else f"{lang}/feed.xml"


def page_file(target: str, lang: str, default: str) -> str:
    """Docs-relative source file of a generated page in one language (suffix structure)."""
    base = target if "/" in target and not target.endswith("/") else target.rstrip("/") + "/index"
    return f"{base}.md" if lang == default else f"{base}.{lang}.md"


def language_of(name: str, languages: tuple[str, ...]) -> str | None:
    """Which of `languages` (default first) a page file is in: 'fr' for 'index.fr.md', the
    default for 'index.md'; None for a language not among them."""
    parts = name.split(".")
    if len(parts) < 3:
        return languages[0]
    return parts[-2] if parts[-2] in languages else None


def vcard_path(entry_slug: str, index: int) -> str:
    """Where the vCard of contact `index` of a country or objective is published."""
    return f"{DOWNLOADS}/contacts/{entry_slug}-{index + 1}.vcf"


def portal_pdf(lang: str) -> str:
    return f"{DOWNLOADS}/portal.{lang}.pdf"


def country_pdf(slug: str, lang: str) -> str:
    return KINDS["country"].pdf(slug, lang)


def objective_pdf(slug: str, lang: str) -> str:
    return KINDS["objective"].pdf(slug, lang)


def page_pdf_name(inner_url: str, lang: str) -> str:
    """File name of a page's PDF, next to the page: 'morocco.fr.pdf', 'home.fr.pdf'."""
    slug = inner_url.strip("/").split("/")[-1] or "home"
    return f"{slug}.{lang}.pdf"


def offline_zip(programme_slug: str) -> str:
    """Where the offline edition is published: 'downloads/cote-resiliente-offline.zip'."""
    return f"{DOWNLOADS}/{programme_slug}-offline.zip"


DATA_FILES = (
    f"{DOWNLOADS}/data/portal.json",
    f"{DOWNLOADS}/data/instruments.csv",
    f"{DOWNLOADS}/data/treaties.csv",
    f"{DOWNLOADS}/data/contacts.csv",
    f"{DOWNLOADS}/data/activities.csv",
    f"{DOWNLOADS}/data/model-policies.csv",
    f"{DOWNLOADS}/data/catalog.jsonld",  # DCAT-AP catalogue of the files (portal.datacatalog)
    f"{DOWNLOADS}/data/datapackage.json",  # Frictionless Data Package of the CSV files
)


# -- who writes what ------------------------------------------------------------------------


def entry_outputs(kind: str, slug: str, contacts: int, languages: tuple[str, ...]) -> list[str]:
    """Every file a country or objective (`kind`) writes into docs/ or the site: its pages,
    its PDFs and its contacts' vCards. Two owners of one path would overwrite each other."""
    entry_kind = KINDS[kind]
    out = [page_file(f"{entry_kind.folder}/{slug}", lang, languages[0]) for lang in languages]
    out += [entry_kind.pdf(slug, lang) for lang in languages]
    out += [vcard_path(slug, i) for i in range(contacts)]
    return out


def portal_outputs(languages: tuple[str, ...], regions: tuple[str, ...]) -> list[str]:
    """The files the portal writes for itself: section pages and the catalogue's region
    pages (a country or region named like one of them would take its place)."""
    out = []
    for lang in languages:
        out += [page_file(f"{s.key}/", lang, languages[0]) for s in SECTIONS if s.generated]
        out += [page_file(f"instruments/{r}", lang, languages[0]) for r in regions]
    return out
