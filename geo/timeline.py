"""Derive the story over time: when each event and figure became known, each crossing's status
history, and how well each claim is supported, keeping who said what.

announced -> opened -> no civilians reported crossing -> closed; proposed -> rejected …
Denials and context events (protests, attacks, leaflets) do not change a status: they are
kept beside the claim they answer.

An event counts from its `known_by`: the last day its date can mean, no later than its source's
(sure) publication, and never before the claim it answers. A figure counts from the last day
its `as_of` can mean, no later than its source's publication.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from . import schema
from .dates import published_by, surely_by
from .join import Joined
from .load import ROW_COLUMN, Boundaries
from .names import AliasIndex
from .validate import Untranslated

# Two reports of the same thing this many days apart still corroborate each other.
CORROBORATION_DAYS = 3


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """What every output reads: crossings with their status history, events with when each
    became known and how well it is supported, figures with when each was stated, the sources
    they cite and the areas they sit in."""

    crossings: gpd.GeoDataFrame  # + latest_status, latest_status_date, history, event_ids
    events: gpd.GeoDataFrame  # + known_by, reply_depth, assessment, disputed_by
    figures: gpd.GeoDataFrame  # + known_by
    sources: pd.DataFrame
    boundaries: Boundaries
    aliases: AliasIndex  # every spelling of every crossing, for selecting by name
    notes: list[str]  # what was normalised while reading
    radius_m: float  # how close a located event must be to a crossing to be matched
    untranslated: list[Untranslated] = field(default_factory=list)  # English without Arabic


def build_timeline(joined: Joined) -> Timeline:
    """Status histories for crossings and an assessment for each event."""
    atlas = joined.atlas
    published = published_by(atlas.sources)
    events = with_known_by(joined.events, published)
    # Same day: a claim before its answers, then the editor's row order; never the id's spelling.
    events = events.sort_values(["known_by", "reply_depth", "when", ROW_COLUMN],
                                kind="stable").copy()
    events["disputed_by"] = _disputed_by(events)
    events["assessment"] = [_assessment(row, events) for _, row in events.iterrows()]
    crossings = atlas.crossings.copy()
    histories = [status_history(events, crossing_id) for crossing_id in crossings["id"]]
    crossings["history"] = histories
    crossings["latest_status"] = [h[-1]["status"] if h else "none" for h in histories]
    crossings["latest_status_date"] = [h[-1]["date"] if h else None for h in histories]
    crossings["event_ids"] = [
        [e for e, ids in zip(events["event_id"], events["crossing_ids"], strict=True)
         if crossing_id in ids] for crossing_id in crossings["id"]]
    figures = joined.figures.copy()
    figures["known_by"] = [
        surely_by(when, precision or "day", published.get(source_id))
        for when, precision, source_id in zip(figures["as_of_when"], figures["as_of_precision"],
                                              figures["source_id"], strict=True)]
    return Timeline(crossings=crossings, events=events, figures=figures, sources=atlas.sources,
                    boundaries=atlas.boundaries, aliases=atlas.aliases, notes=atlas.notes,
                    radius_m=joined.radius_m, untranslated=atlas.untranslated)


def with_known_by(events: pd.DataFrame, published: dict[str, date]) -> pd.DataFrame:
    """Events with `known_by` (see the module's docstring) and `reply_depth`: 0 for a claim,
    1 for an answer to it, 2 for an answer to that…, for ordering events known the same day."""
    events = events.copy()
    by_id = {e: i for i, e in enumerate(events["event_id"])}
    targets = [by_id.get(t) if t else None for t in events["responds_to"]]
    known = [surely_by(when, precision, published.get(source_id))
             for when, precision, source_id in zip(events["when"], events["date_precision"],
                                                   events["source_id"], strict=True)]
    depth = []
    for i in range(len(events)):  # validation has ruled out loops
        n, j = 0, targets[i]
        while j is not None:
            n, j = n + 1, targets[j]
        depth.append(n)
    # An answer becomes known no earlier than the claim it answers (claims come first).
    for i in sorted(range(len(events)), key=depth.__getitem__):
        target = targets[i]
        if target is not None and known[i] is not None and known[target] is not None:
            known[i] = max(known[i], known[target])
    events["known_by"], events["reply_depth"] = known, depth
    return events


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
                        "claimant": event["claimant"], "claimant_ar": event["claimant_ar"],
                        "claimant_side": event["claimant_side"]})
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
