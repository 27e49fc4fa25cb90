""" "Suggest a correction" in Chromium: on every country and objective page and each row of its
tables, the links lead to the prefilled GitHub issue form and a prefilled e-mail, and what the
browser decodes from them is the page, the row and the title the reader sees; hostile names
stay text inside their parameter."""

from __future__ import annotations

import pytest
import yaml
from conftest import serve
from sitebuild import ROOT

FORM = "https://github.com/example/fixture-portal/issues/new"
MAIL = "corrections@example.org"
PUBLISHED = "https://portal.example.org/"

# What the browser reads from each "Suggest a correction" of the page: its text, the heading
# of its table's section, its row's id, and both links' targets as the browser parses them.
READ = """() => [...document.querySelectorAll('.portal-correct')].map(box => {
  const decode = (a) => {
    if (!a) return null;
    const url = new URL(a.href);
    return {target: url.origin + url.pathname, protocol: url.protocol, pathname: url.pathname,
            params: Object.fromEntries(url.searchParams)};
  };
  const links = [...box.querySelectorAll('a')];
  const row = box.closest('tr');
  return {
    text: box.textContent, tag: box.tagName,
    row: row ? row.id : null,
    table: row ? row.closest('table').className : null,
    form: decode(links.find(a => a.href.startsWith('https:'))),
    mail: decode(links.find(a => a.href.startsWith('mailto:'))),
    searchExcluded: box.hasAttribute('data-search-exclude'),
  };
})"""


def labels(lang: str) -> dict:
    return yaml.safe_load((ROOT / "portal/labels" / f"{lang}.yml").read_text(encoding="utf-8"))


def h1(pg) -> str:
    return pg.locator("h1").first.inner_text().rstrip("¶").strip()


@pytest.mark.parametrize(
    "path, lang",
    [
        ("countries/morocco/", "en"),
        ("fr/countries/morocco/", "fr"),
        ("ar/countries/morocco/", "ar"),
        ("objectives/legislation/", "en"),
        ("ru/objectives/legislation/", "ru"),
    ],
)
def test_the_links_open_the_prefilled_form_and_email_of_the_page(
    reader, fixture_server, path, lang
):
    reader.goto(f"{fixture_server}/{path}")
    words = labels(lang)
    # Built with its published address (a canonical link), or without one (a path).
    published = reader.evaluate("() => !!document.querySelector('link[rel=canonical]')")
    address = (PUBLISHED if published else "/") + path
    found = reader.evaluate(READ)
    pages = [f for f in found if f["tag"] == "P"]
    assert len(pages) == 1, found
    (whole,) = pages
    title = h1(reader)
    subject = words["correction_subject"].format(page=title)
    assert whole["text"].startswith(words["correction_suggest"])
    assert whole["form"]["target"] == FORM
    assert whole["form"]["params"] == {
        "template": "correction.yml",
        "title": subject,
        "page": address,
    }
    assert whole["mail"]["protocol"] == "mailto:" and whole["mail"]["pathname"] == MAIL
    assert whole["mail"]["params"]["subject"] == subject
    body = whole["mail"]["params"]["body"].split("\r\n")
    assert body[:2] == [f"{words['correction_page']}{words['colon']}{title}", address]
    assert words["correction_wrong"] in body[3] and words["correction_source"] in body[5]
    rows = [f for f in found if f["tag"] == "SPAN"]
    if path.startswith(("countries", "fr/countries", "ar/countries")):
        # An instrument's or a contact's main line (its long texts sit in a row beneath it).
        main = "tbody tr:not(.portal-more)"
        instruments = reader.locator(f"table.portal-instruments {main}").count()
        treaties = reader.locator(f"table.portal-treaties {main}").count()
        contacts = reader.locator(f"table.portal-contacts {main}").count()
        assert len(rows) == instruments + treaties + contacts > 0
    for row in rows:
        assert row["text"].startswith(words["correction_row"])
        anchor = row["form"]["params"]["page"].rsplit("#", 1)[1]
        assert row["form"]["params"]["page"] == f"{address}#{anchor}"
        assert row["form"]["params"]["title"] == subject
        # A row of the instruments is named by its title and id, and is the row it sits in.
        if "portal-instruments" in (row["table"] or ""):
            assert anchor == row["row"]
            field = row["form"]["params"]["field"]
            assert field.startswith(words["instruments"] + words["colon"])
            assert field.endswith(f"({anchor})")
        assert row["mail"]["params"]["subject"] == subject
        assert f"{words['correction_field']}{words['colon']}{row['form']['params']['field']}" in (
            row["mail"]["params"]["body"].split("\r\n")
        )
    assert all(f["searchExcluded"] for f in found)


def test_following_the_link_requests_the_issue_form_with_the_fields_filled(reader, fixture_url):
    """The form's address as Chromium requests it (GitHub answered here by a stand-in: no
    request leaves the machine)."""
    requested = []

    def github(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>form</p>")

    reader.route("https://github.com/**", github)
    reader.goto(f"{fixture_url}/fr/countries/morocco/")
    title = h1(reader)
    reader.locator("p.portal-correct a", has_text="GitHub").click()
    reader.wait_for_url("https://github.com/**")
    (url,) = requested
    params = reader.evaluate("u => Object.fromEntries(new URL(u).searchParams)", url)
    assert params["page"] == PUBLISHED + "fr/countries/morocco/"
    assert params["title"] == labels("fr")["correction_subject"].format(page=title)


@pytest.fixture(scope="module")
def hostile_url(builds):
    httpd, url = serve(builds.get("hostile").site)
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "ar"])
def test_hostile_names_stay_text_inside_their_parameter(reader, hostile_url, lang):
    names = yaml.safe_load(
        (ROOT / "tests/hostile/site/countries/hostile/country.yml").read_text(encoding="utf-8")
    )["names"]
    dialogs = []
    reader.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    prefix = "" if lang == "en" else f"{lang}/"
    reader.goto(f"{hostile_url}/{prefix}countries/hostile/")
    found = reader.evaluate(READ)
    assert found and dialogs == []
    subject = labels(lang)["correction_subject"].format(page=names[lang])
    for link in found:
        assert link["form"]["params"]["title"] == subject
        assert set(link["form"]["params"]) <= {"template", "title", "page", "field"}
        assert set(link["mail"]["params"]) == {"subject", "body"}
        assert link["mail"]["params"]["subject"] == subject
