"""Status over time from events: the claim, the counter-claim and who said what."""

from __future__ import annotations

import csv
import re
from datetime import date

import pandas as pd
import pytest

from geo import check, prepare
from geo.dates import parse_partial_date, period_end
from geo.errors import DataError
from geo.join import join
from geo.timeline import build_timeline, status_history, status_on


def _events(rows):
    """Hand-made events: (event_id, date, type, side, crossing_ids, responds_to, source)."""
    records = []
    for event_id, when, kind, side, crossings, responds_to, source in rows:
        start, precision = parse_partial_date(when)
        records.append({"event_id": event_id, "date": when, "date_precision": precision,
                        "when": start, "known_by": period_end(start, precision),
                        "event_type": kind, "claimant": f"{side} speaker",
                        "claimant_side": side, "crossing_ids": crossings,
                        "responds_to": responds_to, "source_id": source, "place": ""})
    frame = pd.DataFrame(records)
    return frame.sort_values(["known_by", "when", "event_id"]).reset_index(drop=True)


def test_announced_opened_unused_closed():
    events = _events([
        ("e1", "2020-01-11", "announced", "russia", ["x"], "", "s1"),
        ("e2", "2020-01-13", "opened", "government", ["x"], "", "s1"),
        ("e3", "2020-01-15", "denied", "opposition", ["x"], "e1", "s2"),
        ("e4", "2020-01-20", "no_crossings_reported", "humanitarian", ["x"], "", "s2"),
        ("e5", "2020-02-01", "closed", "government", ["x"], "", "s1"),
        ("e6", "2020-01-12", "leaflets", "government", [], "", "s1"),
    ])
    history = status_history(events, "x")
    assert [h["status"] for h in history] == ["announced", "opened", "unused", "closed"]
    assert [h["event_id"] for h in history] == ["e1", "e2", "e4", "e5"]
    assert history[0]["claimant_side"] == "russia"  # who said it is kept
    assert status_on(history, date(2020, 1, 10)) == "none"
    assert status_on(history, date(2020, 1, 12)) == "announced"
    assert status_on(history, date(2020, 1, 15)) == "opened"  # a denial changes no status
    assert status_on(history, date(2020, 3, 1)) == "closed"
    assert status_history(events, "y") == []


def test_month_only_answer_counts_from_the_end_of_its_month():
    # A rejection known only to "March 2021" must not precede the 24 March proposal.
    events = _events([
        ("p", "2021-03-24", "proposed", "russia", ["x"], "", "s1"),
        ("r", "2021-03", "rejected", "opposition", ["x"], "p", "s1"),
    ])
    history = status_history(events, "x")
    assert [h["status"] for h in history] == ["proposed", "rejected"]
    assert status_on(history, date(2021, 3, 25)) == "proposed"
    assert status_on(history, date(2021, 3, 31)) == "rejected"


def test_period_end():
    assert period_end(date(2020, 2, 1), "month") == date(2020, 2, 29)
    assert period_end(date(2019, 1, 1), "year") == date(2019, 12, 31)
    assert period_end(date(2019, 1, 5), "day") == date(2019, 1, 5)


@pytest.fixture(scope="module")
def timeline(atlas):
    return build_timeline(join(atlas))


def test_claim_and_counter_claim_are_both_kept_and_contested(timeline, atlas):
    events = timeline.events
    assert len(events) == len(atlas.events)
    sides = dict(zip(events["event_id"], events["claimant_side"], strict=True))
    for _, e in events[events["responds_to"] != ""].iterrows():
        target = events.loc[events["event_id"] == e["responds_to"]].iloc[0]
        camps_differ = {sides[e["event_id"]], sides[target["event_id"]]} & {"government",
                                                                           "russia"}
        if camps_differ and not {sides[e["event_id"]], sides[target["event_id"]]} <= {
                "government", "russia"}:
            assert e["assessment"] == "contested"
            assert target["assessment"] == "contested"
            assert e["event_id"] in target["disputed_by"]


# Statuses read by hand from the reports, on days chosen to test the ordering rules.
@pytest.mark.parametrize("crossing, day, expected", [
    ("souran", "2019-08-21", "none"),
    ("souran", "2019-08-23", "announced"),          # SANA's corridor; SOHR's denial is no status
    ("abu-al-duhur", "2020-01-12", "announced"),    # Burenkov, 11 Jan
    ("abu-al-duhur", "2020-01-14", "opened"),       # opened 13 Jan
    ("abu-al-duhur", "2020-01-30", "opened"),       # Al-Monitor's "nobody crossed": month only
    ("abu-al-duhur", "2020-02-01", "unused"),
    ("saraqib", "2021-02-22", "unused"),            # opened, and no civilians seen, same day
    ("saraqib", "2021-03-24", "proposed"),          # Karpov
    ("saraqib", "2021-03-25", "rejected"),          # the New Arab of 25 March reports it
    ("miznaz", "2020-04-30", "closed"),             # opened and suspended the same day
])
def test_bundled_statuses_on_chosen_days(timeline, crossing, day, expected):
    history = timeline.crossings.set_index("id").loc[crossing, "history"]
    assert status_on(history, date.fromisoformat(day)) == expected


def _write_events(data, rows):
    """Replace events.csv with `rows` (dicts over the bundled header)."""
    path = data / "events.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})


def _event(event_id, when, kind, side, responds_to="", crossing="saraqib",
           source="newarab-2021-03-25"):
    return {"event_id": event_id, "date": when, "date_precision": "day" if len(when) == 10
            else "month", "crossing_ids": crossing, "event_type": kind, "claimant": "someone",
            "claimant_side": side, "responds_to": responds_to, "summary": "what was said",
            "source_id": source}


def test_same_day_answer_follows_its_claim_whatever_the_ids(data_copy):
    # The ids sort the answer first; the editor's rows put it first too.
    _write_events(data_copy, [
        _event("a-nobody-crossed", "2021-02-22", "no_crossings_reported", "media", "b-opened"),
        _event("b-opened", "2021-02-22", "opened", "government"),
    ])
    timeline = build_timeline(join(check(data_copy)))
    history = timeline.crossings.set_index("id").loc["saraqib", "history"]
    assert [h["status"] for h in history] == ["opened", "unused"]
    assert status_on(history, date(2021, 2, 22)) == "unused"
    assert list(timeline.events["event_id"]) == ["b-opened", "a-nobody-crossed"]


def test_file_order_breaks_ties_between_unrelated_same_day_events(data_copy):
    _write_events(data_copy, [
        _event("z-opened", "2020-04-30", "opened", "opposition", crossing="miznaz"),
        _event("a-closed", "2020-04-30", "closed", "opposition", crossing="miznaz"),
    ])
    history = build_timeline(join(check(data_copy))).crossings.set_index("id").loc[
        "miznaz", "history"]
    assert [h["status"] for h in history] == ["opened", "closed"]


def test_month_dated_event_is_known_by_its_sources_publication(data_copy):
    # The New Arab was published on 2021-03-25: what it reports for "March" was known by then.
    _write_events(data_copy, [_event("p", "2021-03-24", "proposed", "russia"),
                              _event("r", "2021-03", "rejected", "opposition", "p")])
    events = prepare(data_copy).events.set_index("event_id")
    assert events.loc["r", "known_by"] == date(2021, 3, 25)
    assert events.loc["p", "known_by"] == date(2021, 3, 24)


@pytest.mark.parametrize("rows, message", [
    ([_event("a", "2021-03-24", "denied", "opposition", "a")],
     "responds_to makes a loop (a -> a)"),
    ([_event("a", "2021-03-24", "denied", "opposition", "b"),
      _event("b", "2021-03-24", "denied", "government", "a")],
     "responds_to makes a loop (a -> b -> a)"),
    ([_event("p", "2021-03-24", "proposed", "russia"),
      _event("r", "2021-03-20", "rejected", "opposition", "p")],
     "answers 'p', dated 2021-03-24, but is dated 2021-03-20"),
    ([_event("late", "2021-04-02", "proposed", "russia")],
     "date '2021-04-02' is after its source 'newarab-2021-03-25' was published (2021-03-25)"),
])
def test_impossible_answers_and_dates_are_reported(data_copy, rows, message):
    _write_events(data_copy, rows)
    with pytest.raises(DataError, match=re.escape(message)):
        check(data_copy)


def test_same_camp_denial_still_contests(data_copy):
    _write_events(data_copy, [_event("claim", "2021-03-24", "statement", "opposition"),
                              _event("deny", "2021-03-24", "denied", "opposition", "claim")])
    events = build_timeline(join(check(data_copy))).events.set_index("event_id")
    assert events.loc["claim", "assessment"] == "contested"
    assert events.loc["claim", "disputed_by"] == ["deny"]


def test_corroborated_needs_another_source():
    from geo.timeline import _assessment, _disputed_by

    events = _events([
        ("a", "2020-01-13", "opened", "government", ["x"], "", "s1"),
        ("b", "2020-01-14", "opened", "media", ["x"], "", "s2"),
        ("c", "2020-01-13", "opened", "government", ["y"], "", "s1"),
        ("d", "2020-01-13", "opened", "government", ["y"], "", "s1"),
    ])
    events["disputed_by"] = _disputed_by(events)
    verdicts = {row["event_id"]: _assessment(row, events) for _, row in events.iterrows()}
    assert verdicts == {"a": "corroborated", "b": "corroborated", "c": "single source",
                        "d": "single source"}


def test_month_dated_answer_known_the_same_day_follows_its_claim(data_copy):
    # Both known from the report's publication (2019-08-23); the answer's date starts earlier.
    _write_events(data_copy, [
        _event("opened", "2019-08-23", "opened", "government", crossing="souran",
               source="mem-2019-08-23"),
        _event("nobody", "2019-08", "no_crossings_reported", "monitor", "opened",
               crossing="souran", source="mem-2019-08-23"),
    ])
    timeline = build_timeline(join(check(data_copy)))
    assert list(timeline.events["event_id"]) == ["opened", "nobody"]
    assert timeline.crossings.set_index("id").loc["souran", "latest_status"] == "unused"


def test_an_unsure_publication_date_neither_caps_nor_refuses(data_copy):
    # Anadolu's interview date is unverified: an event it reports a few days later is allowed.
    _write_events(data_copy, [_event("later", "2020-01-25", "statement", "humanitarian",
                                     source="anadolu-2020-01-21")])
    events = prepare(data_copy).events.set_index("event_id")
    assert events.loc["later", "known_by"] == date(2020, 1, 25)
