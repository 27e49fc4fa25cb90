"""Sources are named by their publisher; what the country page shows first."""

from __future__ import annotations

import pytest

from portal import highlights
from portal.sources import publisher


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY", "UN Treaty Collection"),
        ("https://www.unodc.org/unodc/en/human-trafficking/glo-act/", "UNODC"),
        ("https://sherloc.unodc.org/cld/en/legislation/mar/", "UNODC SHERLOC"),
        ("https://www.iom.int/news/x", "IOM"),
        # Two documents of one publisher never share a name: each is named by its number.
        ("https://zoek.officielebekendmakingen.nl/trb-2004-35.html", "Tractatenblad 2004/35"),
        ("https://zoek.officielebekendmakingen.nl/trb-2010-318.html", "Tractatenblad 2010/318"),
        (
            "https://zoek.officielebekendmakingen.nl/stcrt-2020-1.html",
            "Officiële bekendmakingen (NL)",
        ),
        ("https://undocs.org/A/HRC/41/38/Add.1", "UN document A/HRC/41/38/Add.1"),
        ("https://news.un.org/en/story/2019/07/1043381", "UN News"),
        (
            "https://www.state.gov/reports/2023-trafficking-in-persons-report/",
            "U.S. Department of State",
        ),
        ("https://www.example.org/a", "example.org"),
        ("https://news.abamako.com/h/1.html", "news.abamako.com"),
    ],
)
def test_publisher(url, name):
    assert publisher(url) == name


LAW = {"type": "law", "id": "law-1", "status": "in-force", "year": 2016}
OLD_LAW = {"type": "law", "id": "law-2", "status": "repealed", "year": 2003}
DRAFT = {"type": "law", "id": "law-3", "status": "draft", "year": 2024}
CODE = {"type": "code", "id": "code-1", "year": 2019}
PLAN_NOW = {"type": "action-plan", "id": "nap-2023", "start": 2023, "end": 2026}
PLAN_OLD = {"type": "strategy", "id": "s-2015", "start": 2015, "end": 2019, "status": "expired"}


def test_main_laws_leave_out_repealed_and_draft_laws_and_put_laws_in_force_first():
    found = highlights.main_laws([OLD_LAW, CODE, DRAFT, LAW])
    assert [i["id"] for i in found] == ["law-1", "code-1"]


def test_plans_in_force_or_else_the_latest_one():
    assert highlights.plans_in_force([PLAN_OLD, PLAN_NOW], 2025) == [PLAN_NOW]
    assert highlights.plans_in_force([PLAN_OLD, PLAN_NOW], 2027) == [PLAN_NOW]  # the latest
    assert highlights.plans_in_force([PLAN_OLD], 2025) == [PLAN_OLD]
    assert highlights.plans_in_force([LAW], 2025) == []
