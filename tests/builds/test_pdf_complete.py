"""Every datum in every PDF: each word of every cell of the tables a page shows is in the text
of its PDF (pdftotext), so no column is clipped at the page's edge and no row is lost.

Checked on the list pages (comparison, matrix, catalogue, contacts), on every dossier and on
the whole-portal PDF of the fixture portal in each of its languages (its shared PDF build),
and on the shipped portal in its six languages: the list pages, every country's dossier and
every objective's own PDF (an objective's dossier adds the very country pages its countries'
dossiers hold). The shipped PDFs are rendered through the PDF cache (.cache/pdf, which
`make site` fills too), from the shared PDF=0 build of the shipped portal.
"""

from __future__ import annotations

import html as htmlmod
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from contenttree import ROOT

from portal import build, config, i18n, paths, pdf, pdf_document
from portal import pdf_article as article

LIST_PAGES = ("compare/", "matrix/", "instruments/", "contacts/")
_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CELL = re.compile(r"<(t[hd])\b[^>]*>(.*?)</\1>", re.DOTALL)


_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LAM_ALEF = re.compile(r"[\u0622\u0623\u0625\u0627\u0644]")
_MARK = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def words(text: str, *, marked: bool = True) -> list[str]:
    """The words of a text, compared as a reader sees them: compatibility forms (Arabic
    presentation forms from the PDF) folded, runs of letters and of digits apart (an isolated
    number beside an Arabic word, "و2010"). A PDF's text puts the marks of a vocalised word
    (Arabic vowels, shadda) apart from their letters ("ُي ّطلع" for "يُطّلع"): such words are
    left out of what is looked for (`marked=False`), and marks out of what is found."""
    folded = unicodedata.normalize("NFKC", text)
    if not marked:
        folded = " ".join(w for w in folded.split() if not _MARK.search(w))
    found = re.findall(r"[^\W\d_]+|\d+", _MARK.sub("", folded))
    # Chromium's PDFs give the lam-alef ligature back as alef-lam ("مالحظة" for "ملاحظة"):
    # Arabic words are compared without their alefs and lams.
    return [_LAM_ALEF.sub("", w) if _ARABIC.search(w) else w for w in found]


def cell_words(site: Path, url: str) -> Counter:
    """Every word of every table cell of a built page, as its PDF receives it (web-only parts
    taken out by the PDF's own extraction)."""
    found: Counter = Counter()
    for table in _TABLE.findall(article.extract(site, url)):
        for _, cell in _CELL.findall(table):
            text = htmlmod.unescape(re.sub(r"<[^>]+>", " ", cell))
            found.update(words(text, marked=False))
    return found


def pdf_words(path: Path) -> Counter:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return Counter(words(out.stdout))


def half_empty_pages(path: Path, first: int) -> list[int]:
    """Pages from `first` to the one before last whose text ends above the middle of the
    text area (the running header and the page counter aside): a row kept whole that did not
    fit pushed to the next page, leaving this one half empty."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
    for number, (_, height, words_) in enumerate(pages, 1):
        if number < first or number == len(pages):
            continue
        top, bottom = 20 / 25.4 * 72, float(height) - 18 / 25.4 * 72  # the page's margins
        ends = [float(y) for y in re.findall(r'yMax="([\d.]+)"', words_) if top < float(y) < bottom]
        if ends and max(ends) < (top + bottom) / 2:
            found.append(number)
    return found


def _first_text_page(path: Path, doc: pdf_document.Doc) -> int:
    if doc.kind == "page":
        return 1
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True
    ).stdout
    return 3 if i18n.GENERIC(doc.lang)["toc"] in second else 2


def missing(site: Path, urls: list[str], path: Path) -> dict[str, int]:
    expected: Counter = Counter()
    for url in urls:
        expected += cell_words(site, url)
    assert expected, f"no table in {urls}"
    return dict(expected - pdf_words(path))


# -- the fixture portal: its own PDFs --------------------------------------------------------

FIXTURE_LANGS = {"en": "", "fr": "fr/", "ru": "ru/", "ar": "ar/"}


@pytest.fixture(scope="module")
def fixture_site(builds) -> Path:
    return builds.get("site+figure", pdf=True).site


def _fixture_docs(site: Path) -> list[tuple[str, list[str]]]:
    """(PDF, the pages it is made of) of the list pages, dossiers and whole portal."""
    docs = []
    for lang, prefix in FIXTURE_LANGS.items():
        for inner in LIST_PAGES:
            name = paths.page_pdf_name(inner, lang)
            docs.append((f"{prefix}{inner}{name}", [f"{prefix}{inner}"]))
        for slug in ("colombia", "morocco"):
            docs.append((paths.country_pdf(slug, lang), [f"{prefix}countries/{slug}/"]))
        pages = [
            p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.glob(f"{prefix}**/index.html"))
            # The Downloads page and the editors' translation report are no part of it.
            if not {"downloads", "translations", "assets"} & set(p.parts)
        ]
        if not prefix:
            pages = [p for p in pages if p.split("/")[0] not in FIXTURE_LANGS]
        docs.append((paths.portal_pdf(lang), [p.removeprefix("./") for p in pages]))
    return docs


def test_every_cell_of_the_fixture_s_tables_is_in_its_pdfs(fixture_site):
    lost = {}
    for out, urls in _fixture_docs(fixture_site):
        gone = missing(fixture_site, urls, fixture_site / out)
        if gone:
            lost[out] = gone
    assert lost == {}


# -- the shipped portal: rendered through the PDF cache ---------------------------------------


def _doc(site: Path, lang: str, prefix: str, inner: str, out: str = "") -> pdf_document.Doc:
    """A page's own PDF, or with `out` the dossier of a country, as the build makes them."""
    url = f"{prefix}{inner}"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", (site / url / "index.html").read_text())
    title = htmlmod.unescape(re.sub(r"<[^>]+>", "", heading.group(1) if heading else ""))
    kind, subtitle = (
        ("dossier", i18n.GENERIC(lang)["pdf_country_subtitle"]) if out else ("page", "")
    )
    name = out or f"{url}{paths.page_pdf_name(inner, lang)}"
    return pdf_document.Doc(
        name, title, lang, [pdf_document.Part(url, title, lang)], kind, subtitle
    )


def _shipped_docs(site: Path) -> list[pdf_document.Doc]:
    settings = config.from_file(ROOT)
    loaded = build.load(settings)
    docs = []
    for lang in settings.languages:
        prefix = "" if lang == settings.default else f"{lang}/"
        docs += [_doc(site, lang, prefix, inner) for inner in LIST_PAGES]
        docs += [
            _doc(site, lang, prefix, f"countries/{c.slug}/", paths.country_pdf(c.slug, lang))
            for c in loaded.countries
        ]
        docs += [_doc(site, lang, prefix, f"objectives/{o.slug}/") for o in loaded.objectives]
    return docs


def test_every_cell_of_the_shipped_portal_s_tables_is_in_its_pdfs(shipped_site, tmp_path):
    docs = _shipped_docs(shipped_site)
    settings = config.from_file(ROOT)
    words = build.load(settings).labels
    name = words("en")["portal_name"]
    report = pdf.render(
        docs, shipped_site, ROOT / ".cache/pdf", "", name, settings.today, out=tmp_path, words=words
    )
    assert report.failed == []
    lost, half_empty = {}, {}
    for doc in docs:
        gone = missing(shipped_site, [p.url for p in doc.parts], tmp_path / doc.out)
        if gone:
            lost[doc.out] = gone
        # One part each: no page of it but the last may end above its middle (a dossier's
        # first page is its cover, and its second its table of contents when it has one).
        pages = half_empty_pages(tmp_path / doc.out, _first_text_page(tmp_path / doc.out, doc))
        if pages:
            half_empty[doc.out] = pages
    assert lost == {}
    assert half_empty == {}
