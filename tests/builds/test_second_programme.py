"""A second programme, built end to end from programme.yml and content alone.

tests/fixtures/programme2 is a fictional coastal-adaptation programme: other treaties, themes,
regions and objectives than the first programme's, French as the default language (at /),
English at /en/ and Spanish at /es/. It is built once per test run (the `programme2` fixture
of tests/conftest.py): HTML, search, PDFs, open data and the offline zip. Nothing of the
first programme may show in any of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sitebuild import ROOT, copy_fixture, html_pages

LANGS = {"fr": "", "en": "en/", "es": "es/"}
PAGES = [
    "index.html",
    "about/index.html",
    "compare/index.html",
    "contacts/index.html",
    "downloads/index.html",
    "countries/index.html",
    "countries/haiti/index.html",
    "countries/senegal/index.html",
    "countries/vanuatu/index.html",
    "instruments/index.html",
    "matrix/index.html",
    "objectives/index.html",
    "objectives/early-warning/index.html",
    "objectives/mangroves/index.html",
    "open-data/index.html",
    "translations/index.html",
    "whats-new/index.html",
]
NAMES = {
    "fr": "Portail de l'adaptation côtière",
    "en": "Coastal adaptation portal",
    "es": "Portal de adaptación costera",
}
# The first programme's words (see tests/unit/test_generic.py for the generator's files).
FIRST_PROGRAMME = re.compile(r"(?i)glo[\s._-]?act|unodc|traffick|smuggl|(?<!\.)protocol")
ZIP = "downloads/cote-resiliente-offline.zip"


@pytest.fixture(scope="module")
def site(programme2) -> Path:
    return programme2 / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_exact_pages_per_language(site):
    expected = sorted(f"{prefix}{page}" for prefix in LANGS.values() for page in PAGES)
    assert html_pages(site) == expected


def test_french_is_the_default_language_at_the_root(site):
    for lang, prefix in LANGS.items():
        for page in ("index.html", "countries/senegal/index.html", "404.html"):
            assert f'<html lang="{lang}"' in read(site, f"{prefix}{page}"), (lang, page)
    assert "<h1>Page introuvable</h1>" in read(site, "404.html")
    assert "<h1>Page not found</h1>" in read(site, "en/404.html")


def test_titles_and_description_come_from_programme_yml(site):
    assert f"<title>Accueil - {NAMES['fr']}</title>" in read(site, "index.html")
    assert f"<title>Home - {NAMES['en']}</title>" in read(site, "en/index.html")
    assert f"<title>Haití - {NAMES['es']}</title>" in read(site, "es/countries/haiti/index.html")
    for lang, prefix in LANGS.items():
        assert NAMES[lang].replace("'", "&#39;") in read(site, f"{prefix}countries/index.html")
    english = '<meta name="description" content="Plans, laws and contacts of a fictional'
    assert english in read(site, "en/countries/index.html")
    # No Spanish description: the default language's.
    assert '<meta name="description" content="Plans, lois et contacts' in read(
        site, "es/index.html"
    )


def test_treaties_themes_and_regions_are_the_programme_own(site):
    row = (
        '<tr id="treaty-paris"><th scope="row"><a href="https://example.org/treaties/paris-agreement" '
        'rel="noopener">{}</a></th><td><span class="portal-treaty portal-treaty-party">{}</span>'
    )
    # (Body cells carry their column's heading as data-label, for the phone layout, and a
    # line break after each, for the search index.)
    unlabelled = lambda rel: re.sub(r' data-label="[^"]*"|(?<=>)\n(?=<)', "", read(site, rel))  # noqa: E731
    assert row.format("Accord de Paris", "État partie") in unlabelled(
        "countries/senegal/index.html"
    )
    assert row.format("Paris Agreement", "Party") in unlabelled("en/countries/senegal/index.html")
    assert "Convention de Ramsar" in read(site, "countries/haiti/index.html")
    haiti = read(site, "es/countries/haiti/index.html")
    assert "Temas: adaptación costera, reducción del riesgo de desastres" in haiti
    countries = read(site, "countries/index.html")
    for region in ("Côte atlantique", "Caraïbes", "Pacifique"):
        assert region in countries
    objectives = read(site, "en/objectives/index.html")
    assert "Early warning" in objectives and "Mangrove restoration" in objectives


def test_a_missing_translation_falls_back_to_french(site):
    # Senegal's narrative exists in French and English, not in Spanish.
    spanish = read(site, "es/countries/senegal/index.html")
    assert '<div class="portal-fallback" dir="ltr" lang="fr">' in spanish
    assert "pirogue-marmotte" in spanish
    assert "Se muestra en su idioma original: francés." in spanish
    english = read(site, "en/countries/senegal/index.html")
    assert "canoe-marmot" in english and "portal-fallback" not in english
    assert "pirogue-marmotte" in read(site, "countries/senegal/index.html")
    # A page written only in French (about.md) is shown in French, marked as such.
    about = read(site, "en/about/index.html")
    assert "It is shown in its original language: French." in about
    assert '<div lang="fr" dir="ltr">' in about
    assert "portal-page-fallback" not in read(site, "about/index.html")


def test_english_pages_for_analysts_and_editors_are_marked_english(site):
    # The open-data codebook is English in every edition, under a title in its language,
    # and no edition calls it a French page awaiting translation.
    titles = {"fr": "Données ouvertes", "en": "Open data", "es": "Datos abiertos"}
    for lang, prefix in LANGS.items():
        page = read(site, f"{prefix}open-data/index.html")
        assert f"<title>{titles[lang]} - " in page
        assert '<div dir="ltr" lang="en">' in page
        assert "portal-page-fallback" not in page
    editors = read(site, "translations/index.html")
    assert '<html lang="fr"' in editors and '<div dir="ltr" lang="en">' in editors
    assert "Totals: en: 3 of 7 translated; es: 2 of 7 translated." in editors


def search_index(site: Path, prefix: str) -> dict:
    """The stub the page loads, with the documents the worker fetches on the first search."""
    stub = json.loads(read(site, f"{prefix}search/search_index.json"))
    return {**stub, "docs": json.loads(read(site, f"{prefix}search/search_docs.json"))}


def locations(site: Path, prefix: str, word: str) -> set[str]:
    return {d["location"] for d in search_index(site, prefix)["docs"] if word in d["text"]}


def test_one_search_index_per_language_default_first(site):
    root, english, spanish = (search_index(site, p) for p in LANGS.values())
    assert [i["config"]["portal"]["lang"] for i in (root, english, spanish)] == ["fr", "en", "es"]
    for index in (root, english, spanish):
        assert not any(d["location"].startswith(("en/", "es/", "fr/")) for d in index["docs"])
    senegal = {"countries/senegal/#overview"}
    assert locations(site, "", "pirogue-marmotte") == senegal
    assert locations(site, "", "canoe-marmot") == set()
    assert locations(site, "en/", "canoe-marmot") == senegal
    # The Spanish edition finds the French fallback it shows, not the English text.
    assert locations(site, "es/", "pirogue-marmotte") == senegal
    assert locations(site, "es/", "canoe-marmot") == set()
    assert '"base": "../../../en/"' in read(site, "en/countries/senegal/index.html")
    assert '"base": "../.."' in read(site, "countries/senegal/index.html")


def table(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read(site, f"downloads/data/{name}"))))


def test_open_data_uses_the_programme_keys_and_default_language(site):
    header = read(site, "downloads/data/treaties.csv").splitlines()[0]
    assert header == (
        "country,iso3,treaty,status,signed,act,date,as_of,note_fr,source,further_sources"
    )
    rows = [(r["country"], r["treaty"], r["status"]) for r in table(site, "treaties.csv")]
    assert rows == [
        ("haiti", "paris", "party"),
        ("haiti", "ramsar", ""),
        ("senegal", "paris", "party"),
        ("senegal", "ramsar", "signatory"),
        ("vanuatu", "paris", ""),
        ("vanuatu", "ramsar", ""),
    ]
    instruments = table(site, "instruments.csv")
    assert {r["themes"] for r in instruments} == {
        "adaptation",
        "disaster-risk",
        "adaptation disaster-risk",
    }
    assert "Loi fictive n° 2020-11 sur le littoral" in {r["title_fr"] for r in instruments}
    data = json.loads(read(site, "downloads/data/portal.json"))
    assert [t["key"] for t in data["programme"]["treaties"]] == ["paris", "ramsar"]
    assert data["programme"]["short_name"] == "Côte Résiliente"
    vcard = read(site, "downloads/contacts/senegal-1.vcf")
    assert "ORG:Ministère de l'Environnement (fictif)" in vcard
    assert "TITLE:Point focal" in vcard


def test_pdfs_are_named_and_titled_from_the_programme(site):
    from pypdf import PdfReader

    for lang, name in NAMES.items():
        assert PdfReader(site / f"downloads/portal.{lang}.pdf").metadata.title == name
    dossier = pdftotext(site / "downloads/country-senegal.fr.pdf")
    for text in ("Sénégal", "Dossier pays", "Accord de Paris", "Côte atlantique"):
        assert text in dossier
    assert "pirogue-marmotte" in dossier.replace("\n", "")
    spanish = pdftotext(site / "downloads/country-senegal.es.pdf")
    assert "Acuerdo de París" in spanish and "pirogue-marmotte" in spanish.replace("\n", "")
    assert (site / "es/countries/haiti/haiti.es.pdf").is_file()
    assert (site / "objectives/mangroves/mangroves.fr.pdf").is_file()


def test_the_offline_zip_is_named_after_the_short_name(site):
    archive = site / ZIP
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
    assert all(n.startswith("cote-resiliente/") for n in names)
    for page in ("index.html", "en/countries/senegal.html", "es/search/search_index.js"):
        assert f"cote-resiliente/{page}" in names
    for prefix in LANGS.values():
        downloads = read(site, f"{prefix}downloads/index.html")
        assert f'<span class="portal-size" data-file="{ZIP}">(' in downloads


def _output_texts(project: Path):
    """(name, text) of every file a reader gets that is the portal's own output."""
    for folder in ("site", "offline-site"):
        for path in sorted((project / folder).rglob("*")):
            rel = path.relative_to(project).as_posix()
            # Material's own scripts and styles (it reads `location.protocol`) are not ours.
            if not path.is_file() or "/assets/javascripts/" in rel or "/stylesheets/" in rel:
                continue
            if path.suffix == ".pdf":
                yield rel, pdftotext(path)
            elif path.suffix == ".zip":
                with zipfile.ZipFile(path) as z:
                    yield rel, "\n".join(z.namelist())
            elif path.suffix in (".html", ".json", ".csv", ".xml", ".vcf", ".js", ".css", ".txt"):
                yield rel, path.read_text(encoding="utf-8")


def traces_of_the_first_programme(site: Path) -> tuple[int, list[str]]:
    """(outputs read, lines naming GLO.ACT's content) of a built portal of another programme."""
    found = []
    checked = 0
    for name, text in _output_texts(site):
        checked += 1
        for n, line in enumerate(text.splitlines(), start=1):
            for m in FIRST_PROGRAMME.finditer(line):
                found.append(f"{name}:{n}: {line[max(0, m.start() - 40) : m.end() + 40]}")
    return checked, found


def test_no_trace_of_the_first_programme_in_any_output(programme2):
    checked, found = traces_of_the_first_programme(programme2)
    assert checked > 150  # pages, PDFs, data, the zip: not an empty walk
    assert found == []


def portal_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portal", "check", "--root", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def new_chad(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portal", "new-country", "--root", str(project)]
        + ["--slug", "chad", "--iso", "TCD", "--name", "Tchad", "--region", "atlantic"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def drop_a_french_title(project: Path) -> None:
    """Leaves the first instrument of senegal/country.yml without its title in French."""
    meta = project / "countries/senegal/country.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "{fr: Loi fictive n° 2020-11 sur le littoral, en:", "{en:"
        ),
        encoding="utf-8",
    )


def test_a_text_without_french_names_french_as_the_default_language(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    drop_a_french_title(project)
    result = portal_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "countries/senegal/country.yml:22: instruments[0].title: expected a text in French (fr), "
        "the default language and the fallback for every other, got only en",
        "FAILED: 1 error, 0 warnings in 3 countries and 2 objectives",
    ]


def test_a_labels_mistake_and_a_content_mistake_are_reported_in_one_run(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    (project / "labels").mkdir()
    (project / "labels/fr.yml").write_text("pays_inconnu: Pays\n", encoding="utf-8")
    drop_a_french_title(project)
    result = portal_check(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "FAILED: 2 errors, 0 warnings in 3 countries and 2 objectives", lines
    assert lines[0].startswith("countries/senegal/country.yml:22: instruments[0].title: ")
    assert lines[1].startswith("labels/fr.yml:1: pays_inconnu: is not a label of the portal"), lines


def test_json_schemas_left_from_another_programme_are_named_until_written_again(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    shutil.copytree(ROOT / "schemas", project / "schemas")  # GLO.ACT's treaties and regions
    result = portal_check(project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "schemas/country.schema.json: warning: it no longer matches programme.yml and the "
        "schema; run `make schema` (python -m portal schema) to write it again",
        "OK: 0 errors, 1 warning in 3 countries and 2 objectives",
    ]
    written = subprocess.run(
        [sys.executable, "-m", "portal", "schema", "--root", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0, written.stderr
    country = json.loads((project / "schemas/country.schema.json").read_text(encoding="utf-8"))
    assert "atlantic" in json.dumps(country) and "africa" not in json.dumps(country)
    assert (
        portal_check(project).stdout == "OK: 0 errors, 0 warnings in 3 countries and 2 objectives\n"
    )


def test_commands_that_write_files_stop_on_content_the_build_would_refuse(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    (project / "labels").mkdir()
    (project / "labels/fr.yml").write_text('not_documented: "oops\nfoo: [1,\n', encoding="utf-8")
    made = new_chad(project)
    assert made.returncode == 2, made.stderr
    assert made.stderr.startswith("labels/fr.yml:1: YAML syntax error"), made.stderr
    assert "Traceback" not in made.stderr and not (project / "countries/chad").exists()


def test_a_contributing_file_without_its_end_marker_is_no_crash(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    (project / "CONTRIBUTING.md").write_text(
        "# Contributing\n\n<!-- fields: generated by `python -m portal schema`; do not edit by "
        "hand -->\n- `iso3`\n",
        encoding="utf-8",
    )
    result = portal_check(project)
    assert result.stdout == "OK: 0 errors, 0 warnings in 3 countries and 2 objectives\n"


def test_a_language_without_labels_names_the_file_to_add(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme2")
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(
        mkdocs.read_text(encoding="utf-8").replace(
            "        - locale: es\n",
            "        - locale: sw\n          name: Kiswahili\n          build: true\n"
            "        - locale: es\n",
        ),
        encoding="utf-8",
    )
    result = portal_check(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "labels/sw.yml: is missing: mkdocs.yml lists the language 'sw', which has no interface "
        "labels; copy portal/labels/fr.yml to labels/sw.yml and translate its values"
    )
    assert lines[-1].startswith("FAILED: 1 error, "), lines  # and the names not yet in sw
    # Adding the language is that one file (names not yet in Swahili are warnings).
    (project / "labels").mkdir()
    (project / "labels/sw.yml").write_text(
        (ROOT / "portal/labels/fr.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = portal_check(project)
    assert result.returncode == 0, result.stdout
    assert "no name in sw: readers of those languages see the French one" in result.stdout


def test_a_new_country_is_named_in_every_language_english_included(tmp_path):
    # pycountry has no English catalogue (its names are English): a French-default portal
    # once got a scaffold without an English name.
    project = copy_fixture(tmp_path / "p", "programme2")
    made = new_chad(project)
    assert made.returncode == 0, made.stderr
    meta = (project / "countries/chad/country.yml").read_text(encoding="utf-8")
    assert '  fr: "Tchad"\n  en: "Chad"   # ISO 3166 name: check it\n  es: "Chad"' in meta
    narrative = (project / "countries/chad/index.md").read_text(encoding="utf-8")
    assert narrative.startswith("Tchad: Pas encore documenté.\n")  # the default language's
    result = portal_check(project)
    assert result.stdout == "OK: 0 errors, 0 warnings in 4 countries and 2 objectives\n"
