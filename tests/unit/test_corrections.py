"""The "Suggest a correction" links (portal/corrections.py): whatever a title, a row's name or
an address holds, the issue form's and the e-mail's prefilled texts decode to exactly it, in
their own parameter; the form the links fill is the one in .github/ISSUE_TEMPLATE."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from contenttree import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import corrections, i18n

# Examples per property: a few in `make test`, many in `make fuzz` (PROPERTY_EXAMPLES).
PROPERTY_EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))

HOSTILE = [
    'Mali & Co?page=evil#frag"><script>alert(1)</script>',
    "Law 27-14\r\nBcc: victim@example.org",
    "%0D%0Abcc=x%40y&subject=spoof",
    "قانون رقم 27.14 &amp; ?",
    "javascript:alert(1)",
    "a+b c=d;e/f\\g",
]
TARGET = corrections.Target(
    "https://github.com/example/portal/issues/new", "corrections@example.org", ""
)


WORDS = i18n.Labels.of_portal(None, {"en": "Portal"}, "en")


def decode(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.fragment == ""  # nothing of a value ends the query
    return f"{parts.scheme}:{parts.netloc}{parts.path}", parse_qs(
        parts.query, keep_blank_values=True, strict_parsing=True
    )


def check(title: str, page: str, item: str, lang: str = "en") -> None:
    found = corrections.links(TARGET, title=title, page=page, item=item, lang=lang, words=WORDS)
    words = WORDS(lang)
    subject = words["correction_subject"].format(page=title)
    where, form = decode(found.form)
    assert where == "https:github.com/example/portal/issues/new"
    expected = {"template": ["correction.yml"], "title": [subject], "page": [page]}
    if item:
        expected["field"] = [item]
    assert form == expected
    for text in (found.form, found.mail):
        assert not set(text) & set(' \r\n\t"<>\\'), text  # every such character encoded
    where, mail = decode(found.mail)
    assert where == "mailto:corrections@example.org"
    assert set(mail) == {"subject", "body"}
    assert mail["subject"] == [subject]
    body = mail["body"][0]
    head = f"{words['correction_page']}{words['colon']}{title}\r\n{page}\r\n"
    assert body.startswith(head)
    if item:
        assert body[len(head) :].startswith(f"{words['correction_field']}{words['colon']}{item}")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_items_and_pages_stay_inside_their_parameter(text):
    check(text, f"https://portal.example.org/countries/x/#{text}", text)
    check(text, "/ar/countries/x/", "", lang="ar")


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(st.text(min_size=1), st.text(), st.text())
def test_any_text_decodes_to_itself(title, page, item):
    check(title, page, item)


def test_the_repository_defaults_to_the_edit_links_one_when_it_is_on_github():
    assert corrections.target(None, "https://github.com/o/r").form == (
        "https://github.com/o/r/issues/new"
    )
    assert corrections.target(None, "https://gitlab.com/o/r").form == ""
    assert not corrections.target(None, "")  # nowhere to send: no link at all
    declared = {"repository": "https://github.com/a/b/", "email": "x@example.org"}
    to = corrections.target(declared, "https://github.com/o/r")
    assert (to.form, to.email) == ("https://github.com/a/b/issues/new", "x@example.org")
    only_mail = corrections.target({"email": "x@example.org"}, "")
    assert only_mail and only_mail.form == ""


def test_the_links_fill_the_fields_of_the_issue_form():
    form = yaml.safe_load((ROOT / corrections.FORM_FILE).read_text(encoding="utf-8"))
    ids = {f["id"] for f in form["body"] if "id" in f}
    assert {corrections.PAGE, corrections.ITEM} <= ids
    assert {"wrong", "source"} <= ids  # what only the reader knows
    required = {f["id"] for f in form["body"] if f.get("validations", {}).get("required")}
    assert required == {"page", "wrong", "source"}
    assert form["title"].startswith("Correction")
