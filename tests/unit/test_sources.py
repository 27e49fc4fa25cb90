"""Sources are named by their publisher; what the country page shows first."""

from __future__ import annotations

import datetime as dt

import pytest

from portal import highlights
from portal.model import Instrument, record
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


LAW = record(Instrument, {"type": "law", "id": "law-1", "status": "in-force", "year": 2016})
OLD_LAW = record(Instrument, {"type": "law", "id": "law-2", "status": "repealed", "year": 2003})
DRAFT = record(Instrument, {"type": "law", "id": "law-3", "status": "draft", "year": 2024})
CODE = record(Instrument, {"type": "code", "id": "code-1", "year": 2019})
TODAY = dt.date(2025, 6, 1)  # the build date: a parameter, never the clock


def plan(id_: str, type_: str = "action-plan", **fields) -> Instrument:
    return record(Instrument, {"type": type_, "id": id_, **fields})


def test_main_laws_leave_out_repealed_and_draft_laws_and_put_laws_in_force_first():
    found = highlights.main_laws([OLD_LAW, CODE, DRAFT, LAW])
    assert [i.id for i in found] == ["law-1", "code-1"]


@pytest.mark.parametrize(
    ("instruments", "in_force", "last", "why"),
    [
        # In force: a plan, a strategy or a programme, in force or adopted, period not over.
        ([plan("p", status="in-force", start=2023, end=2026)], ["p"], None, "in-force"),
        ([plan("s", "strategy", status="adopted", start=2023, end=2030)], ["s"], None, "in-force"),
        ([plan("g", "programme", status="adopted", start=2022, end=2025)], ["g"], None, "in-force"),
        # A period ending this year is still running; no period at all is not an end.
        ([plan("p", status="adopted", end=2025)], ["p"], None, "in-force"),
        ([plan("p", status="adopted", year=2007)], ["p"], None, "in-force"),
        # The most recent first, at most two; ended or withdrawn plans are left out.
        (
            [
                plan("old", status="adopted", start=2010, end=2014),
                plan("a", status="adopted", start=2020, end=2026),
                plan("b", "strategy", status="in-force", start=2023, end=2030),
                plan("c", status="in-force", start=2021, end=2025),
            ],
            ["b", "a"],
            None,
            "in-force",
        ),
        # An adopted plan whose period is over has ended (Mali 2018–2022, Lao PDR …–2020).
        ([plan("p", status="adopted", start=2018, end=2022)], [], "p", "ended"),
        ([plan("p", start=2016, end=2020)], [], "p", "ended"),  # no status, but over
        ([plan("p", status="expired", start=2016, end=2020)], [], "p", "ended"),
        # Repealed (Colombia), a draft (Niger), under review: never "in force".
        ([plan("p", "strategy", status="repealed", start=2016, end=2018)], [], "p", "repealed"),
        ([plan("p", status="draft", start=2020, end=2024)], [], "p", "draft"),
        ([plan("p", status="under-review", start=2021, end=2026)], [], "p", "under-review"),
        # Its period runs but no source states a status: not known to be in force.
        ([plan("p", "strategy", start=2022, end=2026)], [], "p", "unknown"),
        ([plan("p")], [], "p", "unknown"),
        # The last plan is the most recent one, whatever came before it.
        (
            [
                plan("a", status="adopted", start=2014, end=2018),
                plan("b", status="draft", start=2020),
            ],
            [],
            "b",
            "draft",
        ),
        # No plan at all: a law or a policy is not a plan.
        ([LAW, plan("pol", "policy", status="in-force", year=2006)], [], None, "none"),
    ],
)
def test_plans_in_force_mean_in_force_on_the_build_date(instruments, in_force, last, why):
    found = highlights.plans_in_force(instruments, TODAY)
    assert [i.id for i in found.in_force] == in_force
    assert (found.last.id if found.last else None) == last
    assert found.why == why


def test_the_build_date_decides_what_has_ended():
    running = [plan("p", status="adopted", start=2022, end=2025)]
    assert highlights.plans_in_force(running, dt.date(2025, 12, 31)).why == "in-force"
    assert highlights.plans_in_force(running, dt.date(2026, 1, 1)).why == "ended"
