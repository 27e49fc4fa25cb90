"""The shipped portal builds with --strict, and its content is complete and sourced."""

from __future__ import annotations

from contenttree import ROOT
from sitebuild import html_pages

LANGS = ("", "fr/", "es/", "pt/", "ru/", "ar/")
COUNTRIES = (
    "belarus brazil colombia egypt kyrgyz-republic lao-pdr mali morocco nepal niger pakistan "
    "south-africa ukraine"
).split()
OBJECTIVES = (
    "strategy-and-policy legislative-assistance capacity-building regional-cooperation "
    "victim-protection child-victims"
).split()


def test_shipped_portal_has_every_page_in_every_language(shipped_site):
    pages = set(html_pages(shipped_site))
    for lang in LANGS:
        for page in (
            "",
            "about/",
            "countries/",
            "objectives/",
            "instruments/",
            "matrix/",
            "contacts/",
        ):
            assert f"{lang}{page}index.html" in pages
        for slug in COUNTRIES:
            assert f"{lang}countries/{slug}/index.html" in pages
        for slug in OBJECTIVES:
            assert f"{lang}objectives/{slug}/index.html" in pages


def test_every_country_and_objective_is_in_every_language_navigation(shipped_site):
    for lang in LANGS:
        page = (shipped_site / f"{lang}index.html").read_text(encoding="utf-8")
        nav = page.split('class="md-sidebar md-sidebar--primary"')[1].split(
            "md-sidebar--secondary"
        )[0]
        for slug in COUNTRIES:
            assert f"countries/{slug}/" in nav, (lang, slug)
        for slug in OBJECTIVES:
            assert f"objectives/{slug}/" in nav, (lang, slug)


def test_shipped_content_folders_match():
    assert sorted(p.name for p in (ROOT / "countries").iterdir() if p.is_dir()) == COUNTRIES
    assert sorted(p.name for p in (ROOT / "objectives").iterdir() if p.is_dir()) == sorted(
        OBJECTIVES
    )


def test_every_fact_in_the_shipped_content_has_a_source():
    from portal import content
    from portal.build import settings_from

    loaded = content.load(
        ROOT,
        settings_from(
            {"regions": ["africa", "asia", "eastern-europe", "latin-america"]},
            ["en", "fr", "es", "pt", "ru", "ar"],
        ),
    )
    assert loaded.problems.errors == []
    missing = []
    for c in loaded.countries:
        for key in ("tip", "som"):
            p = (c.data.get("protocols") or {}).get(key) or {}
            if p.get("status") and not p.get("source"):
                missing.append(f"{c.slug} protocols.{key}")
        for field in ("instruments", "contacts", "activities", "coordinating_bodies"):
            for i, item in enumerate(c.data.get(field) or []):
                if not item.get("source"):
                    missing.append(f"{c.slug} {field}[{i}]")
    for o in loaded.objectives:
        for i, item in enumerate(o.data.get("contacts") or []):
            if not item.get("source"):
                missing.append(f"{o.slug} contacts[{i}]")
        for i, item in enumerate(o.data.get("model_policies") or []):
            if not item.get("url"):
                missing.append(f"{o.slug} model_policies[{i}]")
    assert missing == []
    assert sum(len(c.data["instruments"]) for c in loaded.countries) >= 30
