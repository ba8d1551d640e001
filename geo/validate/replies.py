"""Check answers against the claims they answer, and dates against their sources.

An event cannot be dated after its source was published, an answer cannot come before the
claim it answers, and a claim and its answers must not form a loop. (When each event counts
on the map, `known_by`, is worked out from the same rules in `timeline.py`.)
"""

from __future__ import annotations

import pandas as pd

from .. import schema
from ..dates import published_by, surely_by
from ..errors import Problem
from ..load import ROW_COLUMN


def check_replies(events: pd.DataFrame, sources: pd.DataFrame | None,
                  problems: list[Problem]) -> None:
    """Report dates after their source's publication, loops, and answers before claims."""
    file = schema.EVENTS_FILE
    if events["event_id"].duplicated().any():
        return  # answers cannot be traced to one claim; the duplicates are reported
    latest = published_by(sources) if sources is not None else {}
    by_id = {e: i for i, e in enumerate(events["event_id"])}
    rows = list(events.itertuples(index=False))
    row_numbers = list(events[ROW_COLUMN])
    for row, number in zip(rows, row_numbers, strict=True):
        limit = latest.get(row.source_id)
        if row.when is not None and limit is not None and row.when > limit:
            problems.append(Problem(file, f"row {number}",
                                    f"date {row.date!r} is after its source {row.source_id!r} "
                                    f"was published ({limit.isoformat()})",
                                    "check the date, or cite the source that reported it"))
    for i, (row, number) in enumerate(zip(rows, row_numbers, strict=True)):
        chain, j = [i], by_id.get(row.responds_to) if row.responds_to else None
        while j is not None and j not in chain:
            chain.append(j)
            target = rows[j].responds_to
            j = by_id.get(target) if target else None
        where = f"row {number}"
        if j is not None:
            loop = " -> ".join(rows[k].event_id for k in [*chain, j])
            problems.append(Problem(file, where, f"responds_to makes a loop ({loop})",
                                    "an answer must point at an earlier claim, never back at "
                                    "itself"))
            continue
        target = by_id.get(row.responds_to) if row.responds_to else None
        if target is None or rows[target].when is None:
            continue
        limit = latest.get(row.source_id)
        if limit is not None and row.when is not None and row.when > limit:
            limit = None  # reported above; the row's own date is what is compared
        latest_day = surely_by(row.when, row.date_precision, limit)
        if latest_day is not None and latest_day < rows[target].when:
            problems.append(Problem(file, where, f"answers {row.responds_to!r}, dated "
                                    f"{rows[target].date}, but is dated {row.date}",
                                    "an answer cannot come before the claim it answers; check "
                                    "both dates"))
