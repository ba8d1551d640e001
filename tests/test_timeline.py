"""Status over time from events: the claim, the counter-claim and who said what."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.dates import parse_partial_date, period_end
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


def test_every_crossing_has_a_status_from_its_latest_status_event(timeline):
    for _, c in timeline.crossings.iterrows():
        assert c["history"], c["id"]
        last = c["history"][-1]
        assert c["latest_status"] == last["status"]
        own = timeline.events[timeline.events["event_id"].isin(c["event_ids"])]
        assert own["known_by"].max() >= date.fromisoformat(last["known_by"])


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
