"""A country's timeline (portal/timeline.py): one test per kind of event, the order of partial
and full dates, the rows events link to, and relations dated only when a year is known."""

from __future__ import annotations

from typing import Any

from contenttree import ROOT  # noqa: F401 - puts the repository on the path

from portal import model, timeline


def country(**fields: Any) -> model.Country:
    data = {"iso3": "MAR", "names": {"en": "Morocco"}, "region": "africa", **fields}
    return model.record(model.Country, data)


def law(id_: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "type": "law",
        "title": {"en": id_},
        "source": f"https://ex.org/{id_}",
        **fields,
    }


def kinds(events: list[timeline.Event]) -> list[tuple[str, str]]:
    return [(e.date, e.kind) for e in events]


def test_a_treaty_gives_its_signature_and_its_act_with_the_status_sources():
    found = timeline.events(
        country(
            treaties={
                "tip": {
                    "status": "party",
                    "signed": "2000-12-14",
                    "act": "ratification",
                    "date": "2011-04",
                    "source": "https://ex.org/depositary",
                    "sources": ["https://ex.org/copy"],
                }
            }
        )
    )
    assert kinds(found) == [("2000-12-14", "signature"), ("2011-04", "treaty-act")]
    act = found[1]
    assert (act.treaty, act.act, act.status) == ("tip", "ratification", "party")
    assert act.anchor == "treaty-tip" == timeline.treaty_anchor("tip")
    assert (act.source, act.sources) == ("https://ex.org/depositary", ("https://ex.org/copy",))


def test_a_treaty_date_without_its_act_is_still_an_event_and_no_date_is_none():
    found = timeline.events(
        country(
            treaties={
                "tip": {"status": "party", "date": "2011", "source": "https://ex.org/a"},
                "som": {"status": "party", "as_of": "2018-04", "source": "https://ex.org/b"},
            }
        )
    )
    assert kinds(found) == [("2011", "treaty-act")]
    assert found[0].act is None and found[0].status == "party"


def test_an_instrument_gives_its_adoption_and_its_period():
    found = timeline.events(country(instruments=[law("plan", year=2017, start=2018, end=2022)]))
    assert kinds(found) == [("2017", "adoption"), ("2018", "period-start"), ("2022", "period-end")]
    assert {e.anchor for e in found} == {"plan"}
    assert all(e.source == "https://ex.org/plan" for e in found)


def test_an_undated_instrument_gives_no_event():
    assert timeline.events(country(instruments=[law("law-1")])) == []


def test_a_relation_is_dated_by_the_acting_instrument_and_told_once():
    rel = {"kind": "repeals", "target": "old", "source": "https://ex.org/rel"}
    back = {"kind": "repealed-by", "target": "new", "source": "https://ex.org/rel2"}
    found = timeline.events(
        country(
            instruments=[
                law("old", year=2003, relations=[back]),
                law("new", year=2016, relations=[rel]),
            ]
        )
    )
    relations = [e for e in found if e.kind == "relation"]
    assert len(relations) == 1
    event = relations[0]
    assert (event.date, event.relation, event.anchor) == ("2016", "repeals", "new")
    assert event.instrument.id == "new" and event.other.id == "old"
    assert event.source == "https://ex.org/rel2"  # the first statement of it, in file order


def test_a_relation_whose_acting_instrument_has_no_year_gives_no_event():
    # 'amended-by' undated: the amending instrument's year is what would date the change.
    rel = {"kind": "amended-by", "target": "amendment", "source": "https://ex.org/rel"}
    found = timeline.events(
        country(instruments=[law("code", year=1962, relations=[rel]), law("amendment")])
    )
    assert kinds(found) == [("1962", "adoption")]


def test_an_activity_gives_one_event_with_its_end_and_its_row():
    found = timeline.events(
        country(
            activities=[
                {
                    "date": "2018-09-24",
                    "end": "2018-09-26",
                    "summary": {"en": "B"},
                    "source": "https://ex.org/b",
                },
                {"date": "2017", "summary": {"en": "A"}, "source": "https://ex.org/a"},
            ]
        )
    )
    assert kinds(found) == [("2017", "activity"), ("2018-09-24", "activity")]
    assert [e.anchor for e in found] == ["activity-1", "activity-2"]  # the table's order
    assert found[1].end == "2018-09-26" and found[1].activity.summary["en"] == "B"


def test_partial_dates_come_first_in_the_year_or_month_they_cover():
    dated = ["2016-04", "2016-03-04", "2015-12-31", "2016", "2016-03", "2017"]
    found = timeline.events(
        country(
            activities=[
                {"date": d, "summary": {"en": d}, "source": "https://ex.org/"} for d in dated
            ]
        )
    )
    assert [e.date for e in found] == [
        "2015-12-31",
        "2016",
        "2016-03",
        "2016-03-04",
        "2016-04",
        "2017",
    ]


def test_events_of_the_same_date_follow_the_kinds_order_then_the_file():
    found = timeline.events(
        country(
            treaties={
                "tip": {
                    "status": "party",
                    "signed": "2016",
                    "date": "2016",
                    "source": "https://ex.org/t",
                }
            },
            instruments=[law("b", end=2016), law("a", year=2016, start=2016)],
            activities=[{"date": "2016", "summary": {"en": "x"}, "source": "https://ex.org/x"}],
        )
    )
    assert [e.kind for e in found] == [
        "signature",
        "treaty-act",
        "adoption",
        "period-start",
        "period-end",
        "activity",
    ]


def test_every_event_of_the_shipped_content_is_in_date_order_with_a_row_and_a_source():
    from contenttree import TODAY

    from portal import content

    loaded = content.load(ROOT, content.Settings(("en", "fr", "es", "pt", "ru", "ar"), 365, TODAY))
    seen = 0
    for entry in loaded.countries:
        found = timeline.events(entry.data)
        seen += len(found)
        keys = [timeline.sort_key(e.date) for e in found]
        assert keys == sorted(keys), entry.slug
        ids = {i.id for i in entry.data.instruments} | {
            timeline.treaty_anchor(k) for k in entry.data.treaties
        }
        ids |= {anchor for anchor, _ in timeline.activity_rows(entry.data.activities)}
        for e in found:
            assert e.anchor in ids, (entry.slug, e)
            assert e.source, (entry.slug, e)
    assert seen > 50
