"""The open data as data portals harvest it: the DCAT-AP catalogue (downloads/data/catalog.jsonld)
read by a JSON-LD processor (PyLD), and the Data Package of the CSV files (datapackage.json)
checked by `frictionless validate`, on the fixture builds and on the shipped portal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from pyld import jsonld
from sitebuild import ROOT

from portal import datacatalog, opendata

DCAT, DCT, FOAF, XSD = datacatalog.DCAT, datacatalog.DCT, datacatalog.FOAF, datacatalog.XSD
RDF_TYPE = "@type"
# The terms the DCAT 3 and DCMI Metadata Terms recommendations define, of those a catalogue
# could use: a misspelt or invented term is in the right namespace and still wrong.
DCAT_TERMS = {
    "Catalog", "Dataset", "Distribution", "DataService", "Resource", "CatalogRecord",
    "dataset", "distribution", "accessURL", "downloadURL", "mediaType", "byteSize",
    "keyword", "theme", "landingPage", "contactPoint", "startDate", "endDate",
    "temporalResolution", "spatialResolutionInMeters", "compressFormat", "packageFormat",
    "catalog", "service", "record", "themeTaxonomy", "accessService", "version",
}  # fmt: skip
DCT_TERMS = {
    "title", "description", "publisher", "language", "license", "LicenseDocument",
    "modified", "issued", "identifier", "temporal", "PeriodOfTime", "format", "rights",
    "spatial", "conformsTo", "accessRights", "creator", "MediaType", "Location",
    "RightsStatement", "type", "source", "relation", "hasPart", "isPartOf",
}  # fmt: skip
FOAF_TERMS = {"Agent", "Organization", "name", "homepage", "page"}
XSD_TYPES = {"date", "gYear", "gYearMonth", "dateTime", "nonNegativeInteger", "decimal"}
# DCAT-AP's mandatory properties, by class (DCAT-AP 2.1 and 3.0).
MANDATORY = {
    DCAT + "Catalog": (DCT + "title", DCT + "description", DCT + "publisher", DCAT + "dataset"),
    DCAT + "Dataset": (DCT + "title", DCT + "description"),
    DCAT + "Distribution": (DCAT + "accessURL",),
    FOAF + "Agent": (FOAF + "name",),
}
BASE = "https://portal.example.org/"


def no_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"the catalogue made the JSON-LD processor fetch {url}")


def expand(site: Path, base: str) -> list[dict]:
    """The catalogue as a harvester that downloaded it from `base` reads it."""
    document = json.loads((site / datacatalog.CATALOGUE).read_text(encoding="utf-8"))
    return jsonld.expand(
        document,
        {"base": urljoin(base, datacatalog.CATALOGUE), "documentLoader": no_network},
    )


def nodes(expanded: list | dict):
    """Every node object of an expanded document, at any depth."""
    if isinstance(expanded, list):
        for item in expanded:
            yield from nodes(item)
    elif isinstance(expanded, dict) and "@value" not in expanded:
        yield expanded
        for key, value in expanded.items():
            if not key.startswith("@"):
                yield from nodes(value)


def of_type(expanded: list, kind: str) -> list[dict]:
    return [n for n in nodes(expanded) if kind in n.get(RDF_TYPE, [])]


def known(iri: str) -> bool:
    for namespace, terms in ((DCAT, DCAT_TERMS), (DCT, DCT_TERMS), (FOAF, FOAF_TERMS)):
        if iri.startswith(namespace):
            return iri[len(namespace) :] in terms
    return False


def texts(node: dict, prop: str) -> dict[str, str]:
    return {v["@language"]: v["@value"] for v in node.get(prop, []) if "@language" in v}


@pytest.fixture(scope="module")
def site(builds) -> Path:
    """The fixture portal (en, fr, ru, ar) with its published address, without PDFs."""
    return builds.get("site").site


@pytest.fixture(scope="module")
def site_without_address(builds) -> Path:
    return builds.get("site", site_url="").site


@pytest.fixture(scope="module")
def history_site(builds) -> Path:
    """The fixture in git: Colombia's country.yml changed last, on 2026-04-20."""
    return builds.get("site+history", strict=False).site


@pytest.mark.parametrize("which", ["site", "site_without_address"])
def test_the_catalogue_uses_only_dcat_dcterms_and_foaf_terms_that_exist(which, request):
    site = request.getfixturevalue(which)
    expanded = expand(site, BASE)
    used = set()
    for node in nodes(expanded):
        used |= {k for k in node if not k.startswith("@")}
        used |= set(node.get(RDF_TYPE, []))
        for values in node.values():
            for value in values if isinstance(values, list) else []:
                if isinstance(value, dict) and "@type" in value and "@value" in value:
                    assert value["@type"].startswith(XSD), value
                    assert value["@type"][len(XSD) :] in XSD_TYPES, value
    assert used, "nothing expanded: the context does not map the terms"
    unknown = sorted(iri for iri in used if not known(iri))
    assert unknown == []


@pytest.mark.parametrize("which", ["site", "site_without_address"])
def test_dcat_ap_mandatory_properties_are_present(which, request):
    site = request.getfixturevalue(which)
    expanded = expand(site, BASE)
    for kind, required in MANDATORY.items():
        found = of_type(expanded, kind)
        assert found, f"no {kind}"
        for node in found:
            missing = [p for p in required if not node.get(p)]
            assert missing == [], f"{node.get('@id')}: missing {missing}"
    catalogues = of_type(expanded, DCAT + "Catalog")
    assert len(catalogues) == 1
    datasets = of_type(expanded, DCAT + "Dataset")
    assert {d[DCT + "identifier"][0]["@value"] for d in datasets} == {
        ds.file.rsplit(".", 1)[0] for ds in datacatalog.DATASETS
    }


def test_every_dataset_has_its_title_and_description_in_every_language(site):
    expanded = expand(site, BASE)
    labels = {
        lang: yaml.safe_load((ROOT / "portal/labels" / f"{lang}.yml").read_text("utf-8"))
        for lang in ("en", "fr", "ru", "ar")
    }
    for dataset in of_type(expanded, DCAT + "Dataset"):
        ident = dataset[DCT + "identifier"][0]["@value"]
        spec = next(ds for ds in datacatalog.DATASETS if ds.file.startswith(ident + "."))
        titles, descriptions = texts(dataset, DCT + "title"), texts(dataset, DCT + "description")
        assert titles == {lang: labels[lang][spec.title] for lang in labels}
        assert descriptions == {lang: labels[lang][spec.description] for lang in labels}
    (catalogue,) = of_type(expanded, DCAT + "Catalog")
    assert texts(catalogue, DCT + "title") == {
        "en": "Fixture portal",
        "fr": "Portail de test",
        "ru": "Тестовый портал",
        "ar": "بوابة الاختبار",
    }
    assert set(texts(catalogue, DCT + "description")) == {"en", "fr", "ru", "ar"}
    languages = {v["@id"] for v in catalogue[DCT + "language"]}
    assert languages == {datacatalog.EU_LANGUAGE + c for c in ("ENG", "FRA", "RUS", "ARA")}


@pytest.mark.parametrize("which", ["site", "site_without_address"])
def test_download_addresses_lead_to_the_files_with_their_type_and_size(which, request):
    """Resolved from where the catalogue is published, each download address is a file of
    the site; without a published address they are relative (no made-up host)."""
    site = request.getfixturevalue(which)
    expanded = expand(site, BASE)
    raw = (site / datacatalog.CATALOGUE).read_text(encoding="utf-8")
    assert (BASE in raw) == (which == "site")
    distributions = of_type(expanded, DCAT + "Distribution")
    assert len(distributions) == len(datacatalog.DATASETS)
    for dist in distributions:
        url = dist[DCAT + "downloadURL"][0]["@id"]
        assert url.startswith(BASE)
        path = site / url[len(BASE) :]
        assert path.is_file(), url
        assert int(dist[DCAT + "byteSize"][0]["@value"]) == path.stat().st_size
        media = dist[DCAT + "mediaType"][0]["@id"]
        suffix = {".csv": "text/csv", ".json": "application/json"}[path.suffix]
        assert media == datacatalog.IANA + suffix
        assert dist[DCAT + "accessURL"][0]["@id"] == BASE + "downloads/"
        assert dist[DCT + "license"][0]["@id"] == "https://creativecommons.org/licenses/by/4.0/"


def test_temporal_coverage_is_the_years_the_rows_are_about(site):
    expanded = expand(site, BASE)
    by_id = {d[DCT + "identifier"][0]["@value"]: d for d in of_type(expanded, DCAT + "Dataset")}
    rows = list(csvrows(site, "instruments.csv"))
    years = sorted(int(v) for r in rows for k in ("year", "start", "end") if (v := r[k]))
    period = by_id["instruments"][DCT + "temporal"][0]
    start = period[DCAT + "startDate"][0]
    end = period[DCAT + "endDate"][0]
    assert (start["@value"], end["@value"]) == (str(years[0]), str(years[-1]))
    assert start["@type"] == XSD + "gYear"


def csvrows(site: Path, name: str):
    import csv

    with (site / "downloads/data" / name).open(encoding="utf-8") as f:
        yield from csv.DictReader(f)


def test_modification_dates_come_from_git_history_not_the_build(site, history_site):
    """In git: each dataset's last change is its files' last commit; outside git, none."""
    expanded = expand(history_site, BASE)
    modified = {
        d[DCT + "identifier"][0]["@value"]: d[DCT + "modified"][0]["@value"]
        for d in of_type(expanded, DCAT + "Dataset")
    }
    assert modified == {
        "portal": "2026-04-20",
        "instruments": "2026-04-20",
        "treaties": "2026-04-20",
        "contacts": "2026-04-20",
        "activities": "2026-04-20",
        "model-policies": "2026-01-15",  # objectives/ only: committed once
    }
    (catalogue,) = of_type(expanded, DCAT + "Catalog")
    assert catalogue[DCT + "modified"][0]["@value"] == "2026-04-20"
    assert DCT + "modified" not in json.dumps(expand(site, BASE))


def frictionless(package: Path) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "frictionless"
    return subprocess.run(
        [str(command), "validate", "--json", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
    )


def test_frictionless_validates_the_data_package_of_the_fixture(site):
    result = frictionless(site / datacatalog.PACKAGE)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert result.returncode == 0
    tasks = {t["name"] for t in report["tasks"]}
    assert tasks == {"instruments", "treaties", "contacts", "activities", "model-policies"}


def test_frictionless_validates_the_data_package_of_the_shipped_portal(shipped_site):
    result = frictionless(shipped_site / datacatalog.PACKAGE)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


def test_a_package_that_lies_about_a_column_fails_validation(site, tmp_path):
    """The check can fail: the status column declared as numbers."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in (site / "downloads/data").glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    package = json.loads((site / datacatalog.PACKAGE).read_text(encoding="utf-8"))
    instruments = next(r for r in package["resources"] if r["name"] == "instruments")
    status = next(f for f in instruments["schema"]["fields"] if f["name"] == "status")
    status["constraints"] = {"enum": ["no-such-status"]}
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    result = frictionless(folder / "datapackage.json")
    assert not json.loads(result.stdout)["valid"]


def test_the_package_describes_each_column_from_the_schema(site):
    """Names and meanings are the codebook's (portal.opendata), types and constraints the
    schema's: a year is an integer, a status one of the schema's values."""
    package = json.loads((site / datacatalog.PACKAGE).read_text(encoding="utf-8"))
    assert package["licenses"] == [
        {"path": "https://creativecommons.org/licenses/by/4.0/", "title": "CC BY 4.0"}
    ]
    fields = {
        r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]
    }
    header = next(iter(csvrows(site, "instruments.csv"))).keys()
    assert list(fields["instruments"]) == list(header)
    assert fields["instruments"]["year"]["type"] == "integer"
    assert fields["instruments"]["status"]["constraints"]["enum"][:2] == ["draft", "adopted"]
    assert fields["instruments"]["type"]["constraints"]["required"] is True
    assert fields["treaties"]["date"]["constraints"]["pattern"]
    assert fields["contacts"]["email"]["format"] == "email"
    from portal import schema

    assert (
        fields["instruments"]["source"]["description"]
        == schema.INSTRUMENT.fields["source"].description
    )
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["description"], (resource["name"], field["name"])
    from portal import content

    fixture = content.load(ROOT / "tests/fixtures/site", content.Settings(("en", "fr"), 365))
    columns = {c.name: c for c in opendata.tables(fixture)[0].columns}  # instruments.csv
    assert columns["year"].field is schema.INSTRUMENT.fields["year"]  # the schema field itself
