"""Provenance without MkDocs: relative links, edit links, untranslated languages, citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import addresses, i18n, provenance


@pytest.mark.parametrize(
    ("target", "here", "expected"),
    [
        ("translations/", "countries/morocco/", "../../translations/"),
        ("translations/", "fr/countries/morocco/", "../../../translations/"),
        ("translations/index.html", "about.html", "translations/index.html"),
        ("translations/index.html", "fr/about.html", "../translations/index.html"),
        ("translations/", "", "translations/"),
        ("", "countries/", "../"),
    ],
)
def test_relative_url_from_any_page(target, here, expected):
    assert addresses.relative_url(target, here) == expected


def test_edit_links_are_quoted_and_a_missing_translation_is_offered(tmp_path: Path):
    (tmp_path / "countries/morocco").mkdir(parents=True)
    (tmp_path / "countries/morocco/index.md").write_text("x")
    labels = i18n.GENERIC("fr")
    src = provenance.PageSource(
        lang="fr",
        url="fr/countries/morocco/",
        data="countries/morocco/country.yml",
        text="countries/morocco/index.md",
        original="countries/morocco/index.md",
        kind="country",
    )
    edits = provenance.edit_links(src, "https://example.org/repo", tmp_path, "en", labels)
    assert edits == (
        (labels["edit_data"], "https://example.org/repo/edit/main/countries/morocco/country.yml"),
        (
            labels["translate_page"],
            "https://example.org/repo/new/main/countries/morocco?filename=index.fr.md",
        ),
    )
    assert provenance.untranslated(src, ("en", "fr", "ar"), tmp_path) == ("fr", "ar")


def test_citation_address_only_with_a_published_address():
    from portal import addresses

    with_url = addresses.of_page("https://p.example/", "about/", {})
    assert with_url["portal_cite_url"] == "https://p.example/about/"
    assert addresses.of_page("", "about/", {})["portal_cite_url"] == ""
