"""The print design, on small documents rendered with the real stylesheet (no site build):
statuses that survive greyscale, the cover's address, link addresses (none into the build
folder), bidi isolation."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from PIL import Image, ImageStat

from portal import i18n, pdf, pdf_document

ARTICLE = '<article class="md-content__inner md-typeset">{}</article>'
STATUSES = (
    '<h1 id="s">Statuses</h1><div class="portal-glance" markdown="0"><dl>'
    '<dt>Trafficking</dt><dd><span class="portal-treaty portal-treaty-party">Party</span>'
    "</dd><dt>Smuggling</dt><dd>"
    '<span class="portal-treaty portal-treaty-not-party">Not a party</span></dd>'
    '<dt>Cybercrime</dt><dd><span class="portal-treaty portal-treaty-signatory">Signatory'
    "</span></dd></dl></div>"
    '<p>See the <a class="portal-source" href="https://example.org/treaty">Source</a>.</p>'
    '<aside class="portal-page-meta"><p class="portal-edit"><a href="https://x/edit">Edit</a>'
    '</p><details class="portal-cite"><summary>Cite this page</summary>x</details></aside>'
)


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for url, body in pages.items():
        path = site / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{ARTICLE.format(body)}</body></html>", encoding="utf-8")
    return site


def make(tmp_path: Path, doc: pdf_document.Doc, site: Path, site_url: str = "") -> Path:
    words = i18n.Labels.of_portal(None, {"en": "Fixture portal"}, "en")
    html = pdf_document.assemble(
        doc, site, site_url, "Fixture portal", dt.date(2026, 11, 28), words=words
    )
    out = tmp_path / "out.pdf"
    pdf._worker_state.clear()
    _, error, _, _, refused = pdf._render((html, str(out), site.as_uri() + "/", str(site)))
    assert error is None and refused == [], (error, refused)
    return out


def words(out: Path) -> list[tuple[str, float, float, float, float]]:
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (w, float(a), float(b), float(c), float(d))
        for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', bbox
        )
    ]


def test_party_and_not_a_party_differ_in_greyscale(tmp_path):
    site = site_with(tmp_path, {"countries/x/": STATUSES})
    out = make(
        tmp_path,
        pdf_document.Doc(
            "countries/x/x.en.pdf", "X", "en", [pdf_document.Part("countries/x/", "X", "en")]
        ),
        site,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-gray",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(out),
            str(tmp_path / "grey"),
        ],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("grey*.png"))).convert("L")
    scale = 100 / 72

    def darkness(word: str) -> float:
        _, x0, y0, x1, y1 = next(w for w in words(out) if w[0] == word)
        box = (int(x0 * scale) - 8, int(y0 * scale), int(x1 * scale) + 2, int(y1 * scale))
        return 255 - ImageStat.Stat(image.crop(box)).mean[0]

    party, not_party, signatory = darkness("Party"), darkness("Not"), darkness("Signatory")
    # Party is a filled dark pill; the others are outlined on white: far apart in grey.
    assert party - not_party > 60, (party, not_party)
    assert party - signatory > 60, (party, signatory)


def test_cover_prints_the_published_address_and_link_addresses(tmp_path):
    site = site_with(tmp_path, {"countries/x/": STATUSES})
    doc = pdf_document.Doc(
        "downloads/country-x.en.pdf",
        "Xland",
        "en",
        [pdf_document.Part("countries/x/", "Xland", "en")],
        "dossier",
        "Country dossier",
    )
    out = make(tmp_path, doc, site, "https://policies.example.org/")
    cover = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True
    ).stdout
    programme = "Fixture portal"
    assert programme.upper() in cover.upper() and "Xland" in cover
    assert "English" in cover and "November 28, 2026" in cover
    assert "https://policies.example.org/" in cover
    body = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "https://example.org/treaty" in body
    assert "Cite this page" not in body and "Edit" not in body
    # A local address is never printed: no address rather than a wrong one.
    local = make(tmp_path, doc, site, "http://localhost:8000/")
    assert b"localhost" not in local.read_bytes()


def test_ltr_runs_in_arabic_are_isolated_in_their_order(tmp_path):
    body = (
        '<h1 id="a">المغرب</h1><p>القانون رقم 27-14 والقانون 7 of 2013 والمرسوم 2012-023 '
        "والبريد quentin [at] example.org والعنوان Cra 8 Nº 12B-31.</p>"
    )
    site = site_with(tmp_path, {"ar/countries/x/": body})
    out = make(
        tmp_path,
        pdf_document.Doc(
            "ar/countries/x/x.ar.pdf",
            "المغرب",
            "ar",
            [pdf_document.Part("ar/countries/x/", "المغرب", "ar")],
        ),
        site,
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    text = text.translate({c: None for c in (0x202A, 0x202B, 0x202C)})
    assert "27-14" in text and "14-27" not in text
    assert "7 of 2013" in text and "of 2013 7" not in text
    assert "2012-023" in text and "023-2012" not in text
    assert "quentin [at] example.org" in text
    assert "Cra 8 Nº 12B-31" in text


def test_no_link_of_a_pdf_leads_into_the_build_folder(tmp_path):
    from pypdf import PdfReader

    body = (
        '<h1 id="c">Contacts</h1><p><a href="mailto:desk@example.org">Write to us</a> or read '
        '<a href="https://example.org/law">the law</a>.</p>'
    )
    site = site_with(tmp_path, {"contacts/": body})
    doc = pdf_document.Doc(
        "contacts/c.en.pdf", "Contacts", "en", [pdf_document.Part("contacts/", "C", "en")]
    )
    links = [
        annot.get_object().get("/A", {}).get("/URI", "")
        for page in PdfReader(make(tmp_path, doc, site)).pages
        for annot in page.get("/Annots") or []
    ]
    assert "mailto:desk@example.org" in links and "https://example.org/law" in links
    assert not [link for link in links if not link.startswith(("mailto:", "https:"))], links


def test_arabic_is_never_set_in_a_synthetic_oblique(tmp_path):
    """Slanted type is a Latin convention: an Arabic original title stays upright, a French
    one is italic (the PDFs embedded "Noto-Naskh-Arabic-Oblique")."""
    body = (
        '<h1 id="t">Titles</h1><p><span>Law 27-14</span><br>'
        '<i class="portal-original" lang="ar" dir="rtl">القانون رقم 27.14</i><br>'
        '<i class="portal-original" lang="fr">Loi relative à la traite</i></p>'
    )
    for lang, prefix in (("en", ""), ("ar", "ar/")):
        site = site_with(tmp_path / lang, {f"{prefix}countries/x/": body})
        out = make(
            tmp_path / lang,
            pdf_document.Doc(
                "x.pdf", "X", lang, [pdf_document.Part(f"{prefix}countries/x/", "X", lang)]
            ),
            site,
        )
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
        naskh = [n for n in names if "Naskh" in n]
        assert naskh and not any("Oblique" in n or "Italic" in n for n in naskh), names
        assert "Noto-Sans-Italic" in names, names
