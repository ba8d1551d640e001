"""When each event became known, and which claim each answer answers.

An event cannot be known before its source was published, nor before the claim it answers; a
claim and its answers must not form a loop. `known_by` — the day from which the page shows an
event and the timeline counts it — is set here from all three.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import schema
from .dates import parse_partial_date, period_end
from .errors import Problem
from .load import ROW_COLUMN

# Only a publication date we are sure of may cap or contradict an event's date; an inferred or
# unverified one (Anadolu's interview: "placed between late December and 28 January") may not.
TRUSTED_DATES = {"confirmed", "month_only"}


def published_by(sources: pd.DataFrame) -> dict[str, date]:
    """The last day each source can have been published on, where that date is sure."""
    latest = {}
    for source_id, published, confidence in zip(sources["source_id"], sources["published"],
                                                sources["date_confidence"], strict=True):
        if confidence not in TRUSTED_DATES:
            continue
        try:
            start, precision = parse_partial_date(published)
        except ValueError:
            continue  # no or bad date: reported by the sources check, not here
        latest[source_id] = period_end(start, precision)
    return latest


def figures_known_by(figures: pd.DataFrame, sources: pd.DataFrame | None) -> list:
    """The day from which each figure was surely stated: the last day its `as_of` can mean,
    no later than its source's (sure) publication, as for events."""
    latest = published_by(sources) if sources is not None else {}
    days = []
    for when, precision, source_id in zip(figures["as_of_when"], figures["as_of_precision"],
                                          figures["source_id"], strict=True):
        day = period_end(when, precision or "day") if when is not None else None
        if day is not None and source_id in latest:
            day = min(day, latest[source_id])
        days.append(day)
    return days


def check_replies(events: pd.DataFrame, sources: pd.DataFrame | None,
                  problems: list[Problem]) -> pd.DataFrame:
    """Events with `known_by` capped by publication and raised to the claim answered, and
    `reply_depth` (0 for a claim, 1 for an answer to it …) for ordering same-day events."""
    file = schema.EVENTS_FILE
    events = events.copy()
    events["reply_depth"] = 0
    if events["event_id"].duplicated().any():
        return events  # answers cannot be traced to one claim; the duplicates are reported
    latest = published_by(sources) if sources is not None else {}
    by_id = {e: i for i, e in enumerate(events["event_id"])}
    known = list(events["known_by"])
    rows = [pd.Series(r) for r in events.to_dict("records")]
    for i, row in enumerate(rows):
        limit = latest.get(row.source_id)
        if row.when is None or limit is None:
            continue
        if row.when > limit:
            problems.append(Problem(file, f"row {row[ROW_COLUMN]}",
                                    f"date {row.date!r} is after its source {row.source_id!r} "
                                    f"was published ({limit.isoformat()})",
                                    "check the date, or cite the source that reported it"))
        elif known[i] is not None:
            known[i] = min(known[i], limit)  # the report itself says it had happened by then
    depth = [0] * len(events)
    for i, row in enumerate(rows):
        chain, j = [i], by_id.get(row.responds_to) if row.responds_to else None
        while j is not None and j not in chain:
            chain.append(j)
            target = events.iloc[j]["responds_to"]
            j = by_id.get(target) if target else None
        where = f"row {row[ROW_COLUMN]}"
        if j is not None:
            loop = " -> ".join(events.iloc[k]["event_id"] for k in [*chain, j])
            problems.append(Problem(file, where, f"responds_to makes a loop ({loop})",
                                    "an answer must point at an earlier claim, never back at "
                                    "itself"))
            continue
        depth[i] = len(chain) - 1
        target = by_id.get(row.responds_to) if row.responds_to else None
        if target is not None and row.when is not None and events.iloc[target]["when"] \
                is not None and known[i] is not None and \
                known[i] < events.iloc[target]["when"]:
            problems.append(Problem(file, where, f"answers {row.responds_to!r}, dated "
                                    f"{events.iloc[target]['date']}, but is dated {row.date}",
                                    "an answer cannot come before the claim it answers; check "
                                    "both dates"))
    # An answer becomes known no earlier than the claim it answers (claims come first).
    for i in sorted(range(len(events)), key=depth.__getitem__):
        target = by_id.get(events.iloc[i]["responds_to"])
        if target is not None and known[i] is not None and known[target] is not None:
            known[i] = max(known[i], known[target])
    events["known_by"], events["reply_depth"] = known, depth
    return events
