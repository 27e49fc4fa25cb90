"""The open data described for data portals: a DCAT-AP catalogue and a Frictionless Data Package.

`downloads/data/catalog.jsonld` lets a data portal (data.europa.eu, CKAN, ...) harvest the
portal's datasets: each file's title and description in every language of the portal, its
licence, publisher, languages, the years it covers, when its content last changed (from git
history, never the build's date) and where to download it. `downloads/data/datapackage.json`
describes the CSV files' columns for `frictionless validate` and the tools that read Data
Packages: names and meanings from `portal.opendata` (which takes them from the schema), types
and constraints from the schema's fields. Nothing here is written by hand twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from . import history, i18n, opendata, paths
from .content import Content
from .schema import codes, types

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
CONTEXT = {"dcat": DCAT, "dct": DCT, "foaf": FOAF, "xsd": XSD}
# The EU vocabularies DCAT-AP asks for: languages, file types; media types from IANA.
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "http://www.iana.org/assignments/media-types/"
CATALOGUE = f"{paths.DOWNLOADS}/data/catalog.jsonld"
PACKAGE = f"{paths.DOWNLOADS}/data/datapackage.json"
# Columns whose values are dates or years the data is about (not when it was checked).
TEMPORAL = ("year", "start", "end", "date", "signed")


@dataclass(frozen=True)
class Dataset:
    """One open data file as a dataset: the labels of its title and description, and what it
    is made from (its last change is theirs)."""

    file: str  # under downloads/data/
    title: str  # label key
    description: str  # label key
    kinds: tuple[str, ...]  # "programme", "country", "objective": the files it is made from


DATASETS = (
    Dataset(
        "portal.json", "data_portal_title", "data_portal", ("programme", "country", "objective")
    ),
    Dataset("instruments.csv", "instruments", "data_instruments", ("country",)),
    Dataset("treaties.csv", "data_treaties_title", "data_treaties", ("programme", "country")),
    Dataset("contacts.csv", "contacts", "data_contacts", ("country", "objective")),
    Dataset("activities.csv", "activities", "data_activities", ("country",)),
    Dataset("model-policies.csv", "model_policies", "data_model_policies", ("objective",)),
)


def _tagged(words: i18n.Labels, key: str, languages: tuple[str, ...]) -> list[dict[str, str]]:
    """A label in every language, as language-tagged literals (the portal's name filled in)."""
    return [
        {
            "@value": words(lang)[key].format(portal=words(lang)["portal_name"]),
            "@language": lang,
        }
        for lang in languages
    ]


def _names(content: Content, languages: tuple[str, ...]) -> list[dict[str, str]]:
    """The portal's name in each language that has one (programme.yml name:)."""
    names = content.programme.name
    return [{"@value": names[lang], "@language": lang} for lang in languages if lang in names]


def language_uri(code: str) -> str:
    """The EU's address of a language ('fr' -> .../language/FRA), as DCAT-AP asks."""
    found = pycountry.languages.get(alpha_2=code)
    return EU_LANGUAGE + (found.alpha_3.upper() if found else code.upper())


def _typed_date(value: str) -> dict[str, str]:
    """A year, a month or a day as the XML Schema type it is (DCAT's startDate/endDate)."""
    kind = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
    return {"@value": value, "@type": f"xsd:{kind}"}


def coverage(table: opendata.Table) -> tuple[str, str] | None:
    """The first and last date or year a table's rows are about, as written; None if none."""
    cols = [c for c in table.columns if c.name in TEMPORAL]
    found = sorted(
        (types.first_day(text), text)
        for item in table.items
        for col in cols
        if (text := str(col.get(item) or "")) and types.PARTIAL_DATE_RE.fullmatch(text)
    )
    return (found[0][1], found[-1][1]) if found else None


def sources(content: Content, dataset: Dataset) -> list[str]:
    """The content files a dataset is made from, relative to the repository."""
    files = ["programme.yml"] if "programme" in dataset.kinds else []
    files += [c.meta_file for c in content.countries if "country" in dataset.kinds]
    files += [o.meta_file for o in content.objectives if "objective" in dataset.kinds]
    return files


def _address(base: str, rel: str) -> str:
    """`rel` (site-relative) as an absolute address under `base`, or relative to the
    catalogue's own folder when the published address is not known (no made-up address)."""
    if base:
        return base + rel
    return (
        rel.removeprefix(f"{paths.DOWNLOADS}/data/")
        if rel.startswith(f"{paths.DOWNLOADS}/data/")
        else "../../" + rel
    )


def _distribution(
    ds: Dataset,
    base: str,
    words: i18n.Labels,
    languages: tuple[str, ...],
    sizes: dict[str, int],
    licence: Any,
) -> dict[str, Any]:
    """Where and how a dataset is downloaded (dcat:Distribution)."""
    is_csv = ds.file.endswith(".csv")
    url = _address(base, f"{paths.DOWNLOADS}/data/{ds.file}")
    out: dict[str, Any] = {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _tagged(words, ds.title, languages),
        "dcat:accessURL": {"@id": _address(base, f"{paths.DOWNLOADS}/")},  # the Downloads page
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + ("text/csv" if is_csv else "application/json")},
        "dct:format": {"@id": EU_FILE_TYPE + ("CSV" if is_csv else "JSON")},
    }
    if ds.file in sizes:
        out["dcat:byteSize"] = {"@value": str(sizes[ds.file]), "@type": "xsd:nonNegativeInteger"}
    if licence:
        out["dct:license"] = licence
    return out


def _dataset(
    content: Content,
    ds: Dataset,
    hist: dict[str, str],
    period: tuple[str, str] | None,
    distribution: dict[str, Any],
    publisher: str,
) -> dict[str, Any]:
    """One open data file as a dcat:Dataset."""
    languages = content.settings.languages
    ident = ds.file.rsplit(".", 1)[0]
    # The CSV files' texts are in the default language; portal.json holds every one.
    written_in = languages[:1] if ds.file.endswith(".csv") else languages
    out: dict[str, Any] = {
        "@id": publisher.rsplit("#", 1)[0] + "#" + ident,
        "@type": "dcat:Dataset",
        "dct:identifier": ident,
        "dct:title": _tagged(content.labels, ds.title, languages),
        "dct:description": _tagged(content.labels, ds.description, languages),
        "dct:publisher": {"@id": publisher},
        "dct:language": [{"@id": language_uri(lang)} for lang in written_in],
        "dcat:distribution": [distribution],
    }
    if period:
        out["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed_date(period[0]),
            "dcat:endDate": _typed_date(period[1]),
        }
    modified = history.latest(hist, *sources(content, ds))  # none when history is unknown
    if modified:
        out["dct:modified"] = {"@value": modified, "@type": "xsd:date"}
    return out


def catalogue(
    content: Content, hist: dict[str, str], site_url: str, sizes: dict[str, int]
) -> dict[str, Any]:
    """The DCAT-AP catalogue of the open data files (JSON-LD)."""
    languages = content.settings.languages
    base = site_url.rstrip("/") + "/" if site_url else ""
    here = _address(base, CATALOGUE)
    licence = content.programme.licence
    licence_node = {"@id": licence["url"], "@type": "dct:LicenseDocument"} if licence else None
    # The portal publishes its files: no organisation is named that programme.yml does not.
    publisher: dict[str, Any] = {
        "@id": here + "#publisher",
        "@type": "foaf:Agent",
        "foaf:name": _names(content, languages),
    }
    if base:
        publisher["foaf:homepage"] = {"@id": base}
    periods = {t.file: coverage(t) for t in opendata.tables(content)}
    datasets = [
        _dataset(
            content,
            ds,
            hist,
            periods[ds.file] if ds.file in periods else _widest(list(periods.values())),
            _distribution(ds, base, content.labels, languages, sizes, licence_node),
            publisher["@id"],
        )
        for ds in DATASETS
    ]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": here,
        "@type": "dcat:Catalog",
        "dct:title": _names(content, languages),
        "dct:description": _tagged(content.labels, "data_catalogue", languages),
        "dct:publisher": publisher,
        "dct:language": [{"@id": language_uri(lang)} for lang in languages],
        "dcat:dataset": datasets,
    }
    if base:
        out["foaf:homepage"] = {"@id": base}
    if licence_node:
        out["dct:license"] = licence_node
    dates = [d["dct:modified"]["@value"] for d in datasets if "dct:modified" in d]
    if dates:
        out["dct:modified"] = {"@value": max(dates), "@type": "xsd:date"}
    return out


def _widest(periods: list[tuple[str, str] | None]) -> tuple[str, str] | None:
    known = [p for p in periods if p]
    if not known:
        return None
    first = min((p[0] for p in known), key=types.first_day)
    last = max((p[1] for p in known), key=types.first_day)
    return first, last


# -- the Frictionless Data Package ---------------------------------------------------------


def field_descriptor(column: opendata.Column, vocabulary: types.Vocabulary) -> dict[str, Any]:
    """A column as a Table Schema field: its name and meaning as the codebook gives them, its
    type and constraints from the schema field it holds (text otherwise)."""
    out: dict[str, Any] = {"name": column.name, "description": str(column.doc), "type": "string"}
    field = column.field
    if field is None:
        return out
    kind = field.type
    constraints: dict[str, Any] = {}
    if isinstance(kind, (types.Year, types.Integer)):
        out["type"] = "integer"
    elif isinstance(kind, types.Date):
        constraints["pattern"] = types.PARTIAL_DATE_RE.pattern
    elif isinstance(kind, types.Email):
        out["format"] = "email"
    elif isinstance(kind, codes.Code):
        constraints["pattern"] = "[A-Z]{3}" if kind.kind == "iso3" else "[a-z]{2}"
    elif isinstance(kind, types.Declared):
        constraints["enum"] = list(getattr(vocabulary, kind.kind))
    elif isinstance(kind, types.Choice):
        constraints["enum"] = list(kind.choices)
    if field.required:
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def package(content: Content, site_url: str) -> dict[str, Any]:
    """The Data Package of the CSV files (datapackage.json, beside them)."""
    default = content.settings.languages[0]
    labels = content.labels(default)
    titles = {ds.file: ds for ds in DATASETS}
    vocabulary = content.programme.vocabulary
    resources = []
    for table in opendata.tables(content):
        ds = titles.get(table.file)
        resource: dict[str, Any] = {
            "name": table.file.rsplit(".", 1)[0],
            "path": table.file,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": labels[ds.title] if ds else table.file,
            "description": labels[ds.description] if ds else table.row,
            "schema": {"fields": [field_descriptor(c, vocabulary) for c in table.columns]},
        }
        resources.append(resource)
    out: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": content.programme.slug,
        "title": labels["portal_name"],
        "description": labels["data_catalogue"].format(portal=labels["portal_name"]),
        "resources": resources,
    }
    if site_url:
        out["homepage"] = site_url.rstrip("/") + "/"
    licence = content.programme.licence
    if licence:  # no licence is claimed when programme.yml states none
        name = i18n.pick(licence["name"], default, default)
        out["licenses"] = [{"path": licence["url"], "title": name[0] if name else licence["url"]}]
    return out


def write(content: Content, site: Path, hist: dict[str, str], site_url: str) -> list[Path]:
    """Write the catalogue and the Data Package beside the open data files (after them: the
    catalogue gives their sizes)."""
    folder = site / paths.DOWNLOADS / "data"
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    written = []
    for rel, data in (
        (CATALOGUE, catalogue(content, hist, site_url, sizes)),
        (PACKAGE, package(content, site_url)),
    ):
        path = site / rel
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written
