"""PDF export of the fixture portal: every page, dossiers, the whole portal, and the cache."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sitebuild import copy_tree, mkdocs_build

LANGS = {"en": "", "fr": "fr/", "ru": "ru/", "ar": "ar/"}
PAGES = {
    "": "home",
    "about/": "about",
    "compare/": "compare",
    "contacts/": "contacts",
    "downloads/": "downloads",
    "countries/": "countries",
    "countries/colombia/": "colombia",
    "countries/morocco/": "morocco",
    "instruments/": "instruments",
    "matrix/": "matrix",
    "objectives/": "objectives",
    "objectives/cooperation/": "cooperation",
    "objectives/legislation/": "legislation",
    "open-data/": "open-data",
}


@pytest.fixture(scope="module")
def built(builds) -> Path:
    """The fixture with a figure beside Colombia's narrative (sitebuild.copy_with_figure),
    built once per session with its PDFs; tests/builds/test_fixture_build.py reads it too."""
    return builds.get("site+figure", pdf=True).project


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*cmd, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def last_run(project: Path) -> dict:
    return json.loads((project / ".cache/pdf/last-run.json").read_text())


def test_a_pdf_of_every_page_in_every_language_next_to_it(built):
    site = built / "site"
    missing = [
        f"{prefix}{url}{name}.{lang}.pdf"
        for lang, prefix in LANGS.items()
        for url, name in PAGES.items()
        if not (site / f"{prefix}{url}{name}.{lang}.pdf").is_file()
    ]
    assert missing == []
    # What's new is not printed (paths.Section.printed): no PDF, no button, not in the portal's.
    assert not list(site.rglob("whats-new/*.pdf"))
    assert "md-button" not in (site / "whats-new/index.html").read_text(encoding="utf-8")
    page = (site / "fr/countries/morocco/index.html").read_text(encoding="utf-8")
    assert (
        '<a class="md-button" href="morocco.fr.pdf" download>Télécharger cette page en PDF</a>'
        in page
    )


def test_dossiers_and_whole_portal_per_language(built):
    downloads = built / "site" / "downloads"
    for lang in LANGS:
        for name in (
            "portal",
            "country-morocco",
            "country-colombia",
            "objective-legislation",
            "objective-cooperation",
        ):
            assert (downloads / f"{name}.{lang}.pdf").is_file(), (name, lang)


def test_pdf_text_is_the_page_in_its_language(built):
    site = built / "site"
    assert "Morocco adopted a law against trafficking in 2016" in text(
        site / "countries/morocco/morocco.en.pdf"
    )
    french = text(site / "fr/countries/morocco/morocco.fr.pdf")
    assert "Organes de coordination" in french and "Loi n° 27-14" in french
    russian = text(site / "ru/countries/morocco/morocco.ru.pdf")
    assert "Марокко приняло закон" in russian and "Координирующие органы" in russian
    arabic = text(site / "ar/countries/morocco/morocco.ar.pdf")
    assert "المغرب" in arabic
    # The English fallback narrative inside the Arabic edition stays readable English.
    assert "kumquat" in text(site / "ar/countries/colombia/colombia.ar.pdf")


def test_no_site_chrome_and_no_blank_first_page(built):
    site = built / "site"
    for lang, prefix in LANGS.items():
        pdf = site / f"{prefix}countries/morocco/morocco.{lang}.pdf"
        first = text(pdf, 1)
        assert first.strip(), f"{pdf} starts with a blank page"
        for chrome in ("Skip to content", "Made with", "Material for MkDocs", "Search"):
            assert chrome not in text(pdf)


def fonts(pdf: Path) -> list[str]:
    """Names of the fonts a PDF embeds, without the subset prefix ('Noto-Sans-Bold')."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split()[0].split("+")[-1] for line in out.stdout.splitlines()[2:]]


def test_the_bundled_noto_fonts_are_the_ones_embedded(built):
    site = built / "site"
    for pdf in [
        site / "countries/morocco/morocco.en.pdf",
        site / "ru/countries/morocco/morocco.ru.pdf",
    ]:
        names = fonts(pdf)
        assert "Noto-Sans" in names and "Noto-Sans-Bold" in names, (pdf, names)
        assert all(n.startswith("Noto") for n in names), (pdf, names)
    arabic = fonts(site / "ar/countries/morocco/morocco.ar.pdf")
    assert "Noto-Naskh-Arabic" in arabic and "Noto-Naskh-Arabic-Bold" in arabic, arabic
    assert all(n.startswith("Noto") for n in arabic), arabic
    # English text inside the Arabic page is set in Noto Sans.
    assert "Noto-Sans" in arabic


def test_an_image_beside_a_narrative_is_on_the_page_and_in_its_pdfs(built):
    site = built / "site"
    for lang, prefix in LANGS.items():
        page = (site / f"{prefix}countries/colombia/index.html").read_text(encoding="utf-8")
        assert '<img alt="Chart of the cases, 2015–2019" src="figure.png"' in page, lang
        assert (site / f"{prefix}countries/colombia/figure.png").is_file(), lang
        for pdf in (
            site / f"{prefix}countries/colombia/colombia.{lang}.pdf",
            site / f"downloads/country-colombia.{lang}.pdf",
        ):
            images = subprocess.run(
                ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()[2:]
            assert any(line.split()[3:5] == ["400", "200"] for line in images), (pdf, images)


def test_every_font_is_embedded(built):
    site = built / "site"
    for pdf in [
        site / "downloads/portal.ar.pdf",
        site / "downloads/portal.ru.pdf",
        site / "countries/morocco/morocco.en.pdf",
    ]:
        lines = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines, f"{pdf} has no font"
        for line in lines:
            assert re.search(r"\syes\s+yes\s+yes\s", line), f"{pdf}: {line}"


def test_metadata(built):
    reader = PdfReader(built / "site/downloads/portal.fr.pdf")
    meta = reader.metadata
    assert meta.title == "Portail de test"  # the programme's name in French (programme.yml)
    assert meta.author == "Portail de test"  # in the document's language too, not English
    assert meta.creation_date.year == 2026
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") == "fr"


def test_whole_portal_has_cover_toc_outline_and_working_internal_links(built):
    pdf = built / "site/downloads/portal.fr.pdf"
    reader = PdfReader(pdf)
    cover = text(pdf, 1)
    assert "Portail de test" in cover and "28 novembre 2026" in cover
    toc = text(pdf, 2)
    assert "Table des matières" in toc and "Maroc" in toc
    assert re.search(r"Maroc\s*\.{3,}\s*\d+", toc), toc
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Pays" in titles and "Objectifs" in titles
    # Internal links point at destinations that exist in the document.
    named = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            action = a.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is None:
                continue
            internal += 1
            if isinstance(dest, str):
                assert dest in named, dest
    assert internal > 10


def outline(items: list) -> list[tuple[str, list]]:
    """A PDF's outline as (title, its children), pypdf's nested lists folded in."""
    out: list[tuple[str, list]] = []
    for item in items:
        if isinstance(item, list):
            out[-1] = (out[-1][0], outline(item))
        else:
            out.append((item.title, []))
    return out


def toc_edges(pdf: Path) -> dict[str, tuple[float, float]]:
    """Each word of the contents page (page 2) with its left and right edges (a right-to-left
    word under its letters' visual order too, as poppler gives it)."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(r'xMin="([\d.]+)" [^>]*xMax="([\d.]+)" [^>]*>([^<]+)<', bbox)
    edges = {word: (float(x0), float(x1)) for x0, x1, word in reversed(found)}
    return {**{word[::-1]: box for word, box in edges.items()}, **edges}


@pytest.mark.parametrize(
    ("lang", "countries", "objectives", "names"),
    [
        ("fr", "Pays", "Objectifs", ["Colombie", "Maroc"]),
        ("ar", "البلدان", "الأهداف", ["كولومبيا", "المغرب"]),
    ],
)
def test_whole_portal_contents_nest_countries_and_objectives(
    built, lang, countries, objectives, names
):
    """The whole portal's outline lists each country under "Countries" and each objective
    under "Objectives" (they stood flat beside the index pages), and its printed contents
    indent them, towards the left in Arabic."""
    pdf = built / f"site/downloads/portal.{lang}.pdf"
    tree = dict(outline(PdfReader(pdf).outline))
    assert sorted(title for title, _ in tree[countries]) == sorted(names)
    assert len(tree[objectives]) == 2, tree[objectives]  # the fixture's two objectives
    assert not set(names) & set(tree)  # no country at the top any more
    edges = toc_edges(pdf)
    parent, child = edges[countries], edges[names[-1]]
    if lang == "ar":
        assert child[1] < parent[1] - 5, (parent, child)
    else:
        assert child[0] > parent[0] + 5, (parent, child)


def test_an_instrument_s_summary_sits_beneath_its_row_across_the_table(built):
    """In a dossier an instrument's summary starts at the table's edge, under its row (not
    in the title's column, where a summary and notes made rows a page tall)."""
    pdf = built / "site/downloads/country-colombia.en.pdf"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = {
        word: (float(x0), float(y0))
        for x0, y0, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<', bbox)
        if word in ("Type", "Title", "Adopts")  # "Adopts": the fixture law's summary
    }
    assert boxes["Title"][0] > boxes["Type"][0] + 20, boxes  # the title's column
    assert abs(boxes["Adopts"][0] - boxes["Type"][0]) < 3, boxes  # at the table's edge
    assert boxes["Adopts"][1] > boxes["Title"][1], boxes


def test_arabic_dossier_is_right_to_left(built):
    pdf = built / "site/downloads/country-morocco.ar.pdf"
    html_doc = (built / "site/ar/countries/morocco/index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html_doc
    # pdftotext keeps logical order; the Arabic title and labels are there, shaped.
    body = text(pdf)
    assert "المغرب" in body and "الصكوك" in body


def plain(pdf: Path, *args: str) -> str:
    """pdftotext in reading order, without the bidi control characters it adds."""
    out = subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.translate({c: None for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E)})


def test_arabic_law_number_and_page_counter_read_in_their_order(built):
    pdf = built / "site/ar/countries/morocco/morocco.ar.pdf"
    body = plain(pdf)
    # "الرقم: 27-14" (Number: 27-14): WeasyPrint laid it out as 14-27 before isolation.
    lines = [line for line in body.splitlines() if "الرقم" in line]
    assert lines and all("27-14" in line for line in lines), lines
    assert "14-27" not in body
    pages = len(PdfReader(pdf).pages)
    assert pages >= 2
    first = plain(pdf, "-f", "1", "-l", "1")
    assert re.search(rf"صفحة\s*1\s*من\s*{pages}\b", first), first[-200:]
    # Visually (left to right) the counter of page 1 of N reads "N من 1 صفحة".
    raw = plain(pdf, "-raw", "-f", "1", "-l", "1")
    assert re.search(rf"{pages}\s*من\s*1\s*صفحة", raw), raw[-200:]
    assert f"1 / {pages}" not in first and f"{pages} / 1" not in first


MM = 72 / 25.4


def page_fill(pdf: Path) -> list[float]:
    """How far down each page the text goes, as a share of the page's text area
    (header and page counter excluded)."""
    out = plain(pdf, "-bbox")
    fills = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        top, bottom = 20 * MM, height - 18 * MM
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in ys if top < y < bottom]
        fills.append((max(body) - top) / (bottom - top) if body else 0.0)
    return fills


def section_ends(pdf: Path) -> set[int]:
    """0-based pages that end a section: the last page, a cover, and every page followed by
    one that opens with a new part (a top-level bookmark at the top of the page)."""
    reader = PdfReader(pdf)
    ends = {len(reader.pages) - 1}
    if pdf.parent.name == "downloads":
        ends.add(0)  # the cover
    # Parts are the outline's top level, and a level down under an index that holds them
    # (a country under "Countries").
    items = [i for i in reader.outline if not isinstance(i, list)]
    items += [i for group in reader.outline if isinstance(group, list) for i in group]
    for item in items:
        if isinstance(item, list):
            continue
        number = reader.get_destination_page_number(item)
        height = float(reader.pages[number].mediabox.height)
        if number > 0 and (item.top is None or item.top > height - 40 * MM):
            ends.add(number - 1)
    return ends


def test_no_page_is_more_than_half_empty_except_at_the_end_of_a_section(built):
    site = built / "site"
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) > 70
    half_empty = []
    for pdf in pdfs:
        ends = section_ends(pdf)
        for number, fill in enumerate(page_fill(pdf)):
            if fill < 0.5 and number not in ends:
                half_empty.append((pdf.relative_to(site).as_posix(), number + 1, round(fill, 2)))
    assert half_empty == []


def test_table_of_contents_only_for_long_documents(built):
    downloads = built / "site/downloads"
    portal = downloads / "portal.fr.pdf"
    assert len(PdfReader(portal).pages) > 6
    assert "Table des matières" in text(portal, 2)
    dossier = downloads / "country-morocco.fr.pdf"
    assert len(PdfReader(dossier).pages) <= 5
    assert "Table des matières" not in text(dossier)


def test_cover_names_programme_title_language_date_and_no_local_address(built):
    site = built / "site"
    cover = text(site / "downloads/country-morocco.fr.pdf", 1)
    assert "Maroc" in cover and "français" in cover and "28 novembre 2026" in cover
    assert "PORTAIL DE TEST" in cover  # the programme's name (programme.yml), in capitals
    # The fixture's site_url is http://localhost:8000/: no PDF prints or links to it.
    for pdf in sorted(site.rglob("*.pdf")):
        assert b"localhost" not in pdf.read_bytes(), pdf
        assert "localhost" not in plain(pdf), pdf


def test_key_facts_are_an_aligned_table(built):
    body = text(built / "site/countries/morocco/morocco.en.pdf", 1)
    # Label and value on the same line: values no longer slide up a row.
    # On one line (pdftotext -layout keeps lines): not a label with its value under it.
    assert re.search(r"Trafficking in Persons Protocol[ \t]+\S*\s?Party \(2011;", body), body
    assert re.search(r"Main laws[ \t]+\S*\s?Law No\. 27-14", body), body
    tables = [line for line in body.splitlines() if "Smuggling of Migrants Protocol" in line]
    assert tables and all("Commission" not in line for line in tables)


def test_every_link_address_is_printed_and_web_only_parts_are_not(built):
    site = built / "site"
    english = text(site / "countries/morocco/morocco.en.pdf")
    for address in (
        "https://example.org/law-27-14",
        "https://example.org/strategy",
        "https://example.org/commission",
        "https://example.org/workshop",
    ):
        assert address in english, address
    # A source, named by its publisher, with the number of its printed address.
    assert re.search(r"example\.org\s*\d", english)
    for lang, prefix in LANGS.items():
        for name in (
            f"{prefix}countries/morocco/morocco.{lang}.pdf",
            f"{prefix}countries/countries.{lang}.pdf",
            f"downloads/portal.{lang}.pdf",
        ):
            body = text(site / name)
            for web_only in (
                "Translation status",
                "Cite this page",
                "Citer cette page",
                "select one to open",
                "sélectionnez-en un",
                "vCard",
                "Edit the data",
                "Download this page",
                "Télécharger cette page",
            ):
                assert web_only not in body, (name, web_only)


def test_pdfs_are_tagged_with_language_title_and_structure(built):
    site = built / "site"
    for lang, prefix in LANGS.items():
        pdf = site / f"{prefix}countries/morocco/morocco.{lang}.pdf"
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, pdf
        tree = root["/StructTreeRoot"].get_object()
        assert tree.get("/K"), pdf
        assert root["/Lang"] == lang, pdf
        assert root["/MarkInfo"]["/Marked"].value is True, pdf
        assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True, pdf
        assert reader.metadata.title
    info = subprocess.run(
        ["pdfinfo", str(site / "downloads/portal.ar.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Tagged:\s+yes", info), info


def figures_alt(pdf: Path) -> list[str]:
    reader = PdfReader(pdf)
    found = []

    def walk(node, depth=0):
        node = node.get_object()
        if depth > 60:
            return
        if hasattr(node, "get") and node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K") if hasattr(node, "get") else None
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if hasattr(kid, "get"):
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_map_has_alternative_text(built):
    alts = figures_alt(built / "site/countries/countries.en.pdf")
    assert any("Morocco" in a and "Colombia" in a for a in alts), alts
    arabic = figures_alt(built / "site/ar/countries/countries.ar.pdf")
    assert any("المغرب" in a for a in arabic), arabic


def test_the_map_shows_the_grey_world_and_no_pdf_was_refused_a_file(built, tmp_path):
    from PIL import Image, ImageChops

    # The grey world is an <image> of the site's own assets/map/world.svg inside the map's SVG.
    refused = {p.name: json.loads(p.read_text()) for p in built.glob(".cache/pdf/*.refused.json")}
    assert refused and not any(refused.values()), {k: v for k, v in refused.items() if v}
    page = tmp_path / "countries"
    pdf = built / "site/countries/countries.en.pdf"
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", pdf, page], check=True)
    image = Image.open(next(tmp_path.glob("countries*.png"))).convert("RGB")
    # The land's grey (#c9cfd6), give or take antialiasing: a mask of the pixels that have it.
    bands = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= 8 else 0)
        for band, c in zip(image.split(), (0xC9, 0xCF, 0xD6), strict=True)
    ]
    land = ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2]).histogram()[255]
    assert land > 0.02 * image.width * image.height, land


def test_cache_renders_only_what_changed(built, tmp_path):
    # Builds again and edits the sources: on a copy of the shared project (site and cache).
    project = copy_tree(built, tmp_path / "project")
    again = mkdocs_build(project, project / "site", "--strict", env={"PDF": "1"})
    assert again.returncode == 0, again.stderr
    assert last_run(project)["rendered"] == []
    assert "PDF: rendered 0," in again.stderr
    narrative = project / "countries/morocco/index.md"
    narrative.write_text(narrative.read_text() + "\nA sentence added by the test.\n")
    third = mkdocs_build(project, project / "site", "--strict", env={"PDF": "1"})
    assert third.returncode == 0, third.stderr
    rendered = set(last_run(project)["rendered"])
    assert "countries/morocco/morocco.en.pdf" in rendered
    assert "downloads/country-morocco.en.pdf" in rendered
    assert "downloads/portal.en.pdf" in rendered
    # French shows the English narrative (no translation): it changed too.
    assert "fr/countries/morocco/morocco.fr.pdf" in rendered
    # Untouched: Colombia's pages and dossiers, and the Arabic and Russian pages of Morocco,
    # which have their own narratives.
    assert not any("colombia" in p for p in rendered), rendered
    assert "ar/countries/morocco/morocco.ar.pdf" not in rendered
    assert "ru/countries/morocco/morocco.ru.pdf" not in rendered
