"""Derive each crossing's status over time from its events, keeping who said what.

announced -> opened -> no civilians reported crossing -> closed; proposed -> rejected …
Denials and context events (protests, attacks, leaflets) do not change a status: they are
kept beside the claim they answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from . import schema
from .join import Joined
from .load import ROW_COLUMN

# Two reports of the same thing this many days apart still corroborate each other.
CORROBORATION_DAYS = 3


@dataclass
class Timeline:
    """Crossings with their status history, and events with how well each is supported."""

    joined: Joined
    crossings: gpd.GeoDataFrame  # + latest_status, latest_status_date, history, event_ids
    events: gpd.GeoDataFrame  # + assessment, disputed_by


def build_timeline(joined: Joined) -> Timeline:
    """Status histories for crossings and an assessment for each event."""
    # Same day: a claim before its answers, then the editor's row order; never the id's spelling.
    events = joined.events.sort_values(["known_by", "reply_depth", "when", ROW_COLUMN],
                                       kind="stable").copy()
    events["disputed_by"] = _disputed_by(events)
    events["assessment"] = [_assessment(row, events) for _, row in events.iterrows()]
    crossings = joined.atlas.crossings.copy()
    histories = [status_history(events, crossing_id) for crossing_id in crossings["id"]]
    crossings["history"] = histories
    crossings["latest_status"] = [h[-1]["status"] if h else "none" for h in histories]
    crossings["latest_status_date"] = [h[-1]["date"] if h else None for h in histories]
    crossings["event_ids"] = [
        [e for e, ids in zip(events["event_id"], events["crossing_ids"], strict=True)
         if crossing_id in ids] for crossing_id in crossings["id"]]
    return Timeline(joined, crossings, events)


def status_history(events: pd.DataFrame, crossing_id: str) -> list[dict]:
    """The statuses a crossing went through, in date order, each with the event behind it."""
    history = []
    for _, event in events.iterrows():
        status = schema.STATUS_FROM_EVENT.get(event["event_type"])
        if status is None or crossing_id not in event["crossing_ids"]:
            continue
        history.append({"date": event["date"], "date_precision": event["date_precision"],
                        "known_by": event["known_by"].isoformat(),
                        "status": status, "event_id": event["event_id"],
                        "claimant": event["claimant"], "claimant_side": event["claimant_side"]})
    return history


def status_on(history: list[dict], day: date) -> str:
    """A crossing's status as of `day`, counting only events surely past by then."""
    status = "none"
    for step in history:
        if date.fromisoformat(step["known_by"]) <= day:
            status = step["status"]
    return status


def _disputes(answer_type: str, answer_side: str, target_side: str) -> bool:
    """An answer disputes a claim when it comes from the other camp or says it is false."""
    return answer_type in schema.DISPUTING_TYPES or \
        schema.CAMP.get(answer_side) != schema.CAMP.get(target_side)


def _disputed_by(events: pd.DataFrame) -> list[list[str]]:
    """For each event, the ids of the events that answer and dispute it."""
    side = dict(zip(events["event_id"], events["claimant_side"], strict=True))
    answers: dict[str, list[str]] = {}
    for event_id, kind, target in zip(events["event_id"], events["event_type"],
                                      events["responds_to"], strict=True):
        if target and _disputes(kind, side[event_id], side.get(target)):
            answers.setdefault(target, []).append(event_id)
    return [answers.get(e, []) for e in events["event_id"]]


def _assessment(event: pd.Series, events: pd.DataFrame) -> str:
    """contested (disputed, or disputing), corroborated (another source agrees) or single
    source."""
    if event["disputed_by"]:
        return "contested"
    if event["responds_to"]:
        target = events.loc[events["event_id"] == event["responds_to"]]
        if not target.empty and _disputes(event["event_type"], event["claimant_side"],
                                          target.iloc[0]["claimant_side"]):
            return "contested"
    same = events[(events["event_type"] == event["event_type"])
                  & (events["source_id"] != event["source_id"])
                  & (events["event_id"] != event["event_id"])]
    for _, other in same.iterrows():
        shared = set(other["crossing_ids"]) & set(event["crossing_ids"])
        close = other["when"] is not None and event["when"] is not None and \
            abs((other["when"] - event["when"]).days) <= CORROBORATION_DAYS
        same_place = bool(event["place"]) and other["place"] == event["place"]
        if close and (shared or same_place):
            return "corroborated"
    return "single source"
