"""Readers' corrections: "Suggest a correction" links to a prefilled GitHub issue form and, for
readers without a GitHub account, to a prefilled e-mail.

The form is `.github/ISSUE_TEMPLATE/correction.yml`; GitHub fills an issue form's fields from
query parameters named by the fields' ids. The address comes from programme.yml
(`corrections: {repository, email}`), the repository by default from the edit links'
(`extra.portal.repo`). Every value is percent-encoded here, in one place: a title, a name or
an address with `&`, `#`, `?`, a line break or a quote is text inside one parameter, never a
parameter, a fragment or a header of its own (RFC 3986, RFC 6068).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from . import i18n
from .content import Entry
from .model import Objective
from .schema.programme_file import GITHUB_REPO_RE

TEMPLATE = "correction.yml"  # .github/ISSUE_TEMPLATE/<TEMPLATE>
FORM_FILE = f".github/ISSUE_TEMPLATE/{TEMPLATE}"
# The ids of the form's fields the links fill in (the form also asks what is wrong and the
# source, which only the reader knows).
PAGE, ITEM = "page", "field"


@dataclass(frozen=True)
class Target:
    """Where corrections go: the new-issue address of a GitHub repository ("" when none is
    known), an e-mail address ("" when none is declared), and the portal's published
    address, to name the page ("" when none: the page's path is given)."""

    form: str = ""
    email: str = ""
    site_url: str = ""

    def __bool__(self) -> bool:
        return bool(self.form or self.email)


def target(declared: dict[str, Any] | None, repo: str = "", site_url: str = "") -> Target:
    """programme.yml's `corrections:`, the repository defaulting to the edit links' one when
    that is a GitHub repository (another host has no issue forms)."""
    declared = declared or {}
    repository = declared.get("repository") or (repo if GITHUB_REPO_RE.fullmatch(repo) else "")
    form = repository.rstrip("/") + "/issues/new" if repository else ""
    return Target(form, declared.get("email") or "", site_url)


@dataclass(frozen=True)
class Links:
    form: str  # the prefilled issue form, or ""
    mail: str  # the prefilled mailto: address, or ""


def _query(params: dict[str, str]) -> str:
    # quote (not quote_plus): a space is %20 in mailto: (RFC 6068), '+' would stay a '+'.
    return urlencode(params, quote_via=quote, safe="")


def links(to: Target, *, title: str, page: str, item: str, lang: str, words: i18n.Labels) -> Links:
    """The links of one page (`title`, its address `page`) or one of its rows (`item`), with
    their texts in `lang`."""
    labels = words(lang)
    colon = labels["colon"]
    subject = labels["correction_subject"].format(page=title)
    form = mail = ""
    if to.form:
        params = {"template": TEMPLATE, "title": subject, PAGE: page}
        if item:
            params[ITEM] = item
        form = f"{to.form}?{_query(params)}"
    if to.email:
        lines = [f"{labels['correction_page']}{colon}{title}", page]
        if item:
            lines.append(f"{labels['correction_field']}{colon}{item}")
        lines += [
            "",
            f"{labels['correction_wrong']}{colon}",
            "",
            f"{labels['correction_source']}{colon}",
            "",
        ]
        body = "\r\n".join(lines)  # RFC 6068: line breaks in a body are CRLF, encoded
        mail = f"mailto:{quote(to.email, safe='@')}?{_query({'subject': subject, 'body': body})}"
    return Links(form, mail)


def page_address(to: Target, path: str, anchor: str = "") -> str:
    """The published address of a site-relative page path ('fr/countries/mali/'), or the path
    from the site's root when the published address is not known."""
    where = (to.site_url.rstrip("/") + "/" if to.site_url else "/") + path
    return where + (f"#{anchor}" if anchor else "")


def for_pages(to: Target, words: i18n.Labels, lang: str, default: str) -> Any:
    """The templates' `correction(entry, item, anchor)`: the links of a country's or an
    objective's page (or of a row of it) in `lang`; None when corrections go nowhere."""

    def correction(entry: Entry[Any], item: str = "", anchor: str = "") -> Links | None:
        if not to:
            return None
        labels = words(lang)
        title = (i18n.pick(entry.name, lang, default) or ("",))[0]
        if isinstance(entry.data, Objective):
            number = labels["objective_n"].format(n=entry.data.number)
            title = f"{number}{labels['colon']}{title}"
        prefix = "" if lang == default else f"{lang}/"
        page = page_address(to, f"{prefix}{entry.page()}", anchor)
        return links(to, title=title, page=page, item=item, lang=lang, words=words)

    return correction
