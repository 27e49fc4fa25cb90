"""Provenance and freshness: last updated from git, edit links, outdated translations,
citations, contacts (stale notice, hidden emails, vCards) and the translation status page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def site(builds) -> Path:
    """The fixture in git (sitebuild.copy_with_history): Morocco's English narrative changed
    after its Arabic translation was made, Colombia has a contact last verified in 2024.
    Built without --strict (that contact is a warning) and without PDFs."""
    return builds.get("site+history", strict=False).site


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_last_updated_comes_from_git_history_not_the_build(site):
    assert "Last updated: March 2, 2026" in read(site, "countries/morocco/index.html")
    assert "Dernière mise à jour : 20 avril 2026" in read(site, "fr/countries/colombia/index.html")
    assert "Last updated: January 15, 2026" in read(site, "about/index.html")


def test_edit_links_open_the_right_source_file(site):
    base = "https://github.com/example/fixture-portal"
    en = read(site, "countries/morocco/index.html")
    assert f'href="{base}/edit/main/countries/morocco/country.yml"' in en
    assert f'href="{base}/edit/main/countries/morocco/index.md"' in en
    arabic = read(site, "ar/countries/morocco/index.html")
    assert f'href="{base}/edit/main/countries/morocco/index.ar.md"' in arabic
    # No French narrative: the French page offers to create the translation.
    french = read(site, "fr/countries/morocco/index.html")
    assert f'href="{base}/new/main/countries/morocco?filename=index.fr.md"' in french
    assert f'href="{base}/edit/main/docs/about.md"' in read(site, "about/index.html")


def test_outdated_translation_shows_a_notice_linking_to_english(site):
    arabic = read(site, "ar/countries/morocco/index.html")
    notice = re.search(
        r'<p class="portal-notice portal-outdated" role="note">(.*?)</p>', arabic, re.S
    )
    assert notice, "no outdated notice"
    assert "تغيّر أصل هذا النص (الإنجليزية)" in notice.group(1)
    assert 'href="../../../countries/morocco/"' in notice.group(1)
    assert "portal-outdated" in read(site, "ru/countries/morocco/index.html")
    assert "portal-outdated" not in read(site, "ar/countries/colombia/index.html")
    status = read(site, "translations/index.html")
    row = re.search(r"<th scope=\"row\"[^>]*>countries/morocco</th>(.*?)</tr>", status, re.S).group(
        1
    )
    assert re.findall(r'class="portal-tr-(\w+)"', row) == ["missing", "outdated", "outdated"]


def test_cite_this_page(site):
    page = read(site, "fr/countries/morocco/index.html")
    assert "<summary>Citer cette page</summary>" in page
    assert (
        '<bdi>Maroc</bdi>. <bdi>Portail de test</bdi>. <a class="portal-cite-url" '
        'href="https://portal.example.org/fr/countries/morocco/" dir="ltr">'
        "https://portal.example.org/fr/countries/morocco/</a>."
    ) in page
    assert "Dernière mise à jour : 2 mars 2026." in page


def test_contacts_hide_emails_offer_vcards_and_flag_stale_ones(site):
    page = read(site, "contacts/index.html")
    assert "quentin@example.org" not in page
    assert 'data-reversed="gro.elpmaxe@nitneuq"' in page
    assert "quentin [at] example.org" in page
    assert "Not verified for more than 12 months" in read(site, "countries/colombia/index.html")
    assert "Not verified" not in read(site, "countries/morocco/index.html")
    vcard = (site / "downloads/contacts/morocco-1.vcf").read_text()
    assert "FN:Quentin Quillfeather" in vcard and "EMAIL;TYPE=work:quentin@example.org" in vcard
    assert 'href="../../downloads/contacts/morocco-1.vcf"' in read(
        site, "countries/morocco/index.html"
    )
    assert 'href="../../../downloads/contacts/morocco-1.vcf"' in read(
        site, "fr/countries/morocco/index.html"
    )
