"""What part of the data an export holds: a date window, some crossings, some formats.

The settings are checked here (`start`, `end`, `crossings`, `formats`), and the timeline is cut
to the selection once, before any file is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from ..dates import parse_partial_date, period_end
from ..errors import DataError, Problem, setting
from ..manifest import FORMATS
from ..names import AliasIndex
from ..timeline import Timeline, status_on


@dataclass(frozen=True)
class Selection:
    """The part of the data to export: a date window and some crossings (None: all)."""

    start: date | None = None  # events and figures that could fall on or after this day
    end: date | None = None  # … and on or before this day
    crossings: tuple[str, ...] | None = None

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """True when a period [first, last] (a partial date's span) meets the window."""
        if first is None:
            return self.start is None and self.end is None
        return (self.end is None or first <= self.end) and \
            (self.start is None or last >= self.start)


def parse_window(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """The window's first and last days: '2020-01' starts on the 1st and ends on the 31st."""
    days = []
    for option, text, last in ((setting("start"), start, False), (setting("end"), end, True)):
        if not text:
            days.append(None)
            continue
        try:
            when, precision = parse_partial_date(text)
        except ValueError as e:
            raise DataError([Problem(option, "", f"{text!r} is not a date: {e}",
                                     "write it as 2020-01-13, 2020-01 or 2020")]) from None
        days.append(period_end(when, precision) if last else when)
    if days[0] and days[1] and days[0] > days[1]:
        raise DataError([Problem(setting("start"), "", f"{start!r} is after "
                                 f"{setting('end')} {end!r}", "give the earlier date to "
                                 f"{setting('start')}")])
    return days[0], days[1]


def resolve_crossings(names: list[str], aliases: AliasIndex) -> tuple[str, ...] | None:
    """Crossing ids for names or aliases, with a "did you mean" for unknown ones."""
    if not names:
        return None
    ids, problems = [], []
    for name in names:
        crossing_id = aliases.resolve(name)
        if crossing_id is None:
            close = list(dict.fromkeys(aliases.resolve(c) for c in aliases.suggest(name, n=6)))
            fix = f"did you mean {' or '.join(repr(c) for c in close[:3])}?" if close else \
                "use a crossing id or alias from crossings.geojson"
            problems.append(Problem(setting("crossings"), "", f"{name!r} is not a crossing id or "
                                    "alias in the gazetteer", fix))
        elif crossing_id not in ids:
            ids.append(crossing_id)
    if problems:
        raise DataError(problems)
    return tuple(ids)


def select(timeline: Timeline, selection: Selection) -> Timeline:
    """The timeline cut to the selection; assessments stay those of the full data.

    Events: those whose date could fall in the window and (when crossings are chosen) that are
    about one of them. Figures: by as_of, and (when crossings are chosen) those whose area is the
    crossing or an OCHA area it lies in. A crossing keeps only the selected events and its
    status as of the window's end.
    """
    if selection == Selection():
        return timeline
    events = timeline.events
    keep = [selection.overlaps(w, k) for w, k in zip(events["when"], events["known_by"],
                                                       strict=True)]
    crossings = timeline.crossings
    if selection.crossings is not None:
        chosen = set(selection.crossings)
        keep = [k and bool(chosen & set(ids)) for k, ids in zip(keep, events["crossing_ids"],
                                                                   strict=True)]
        crossings = crossings[crossings["id"].isin(chosen)]
    events = events.loc[pd.Series(keep, index=events.index, dtype=bool)]
    kept_ids = set(events["event_id"])
    crossings = crossings.copy()
    crossings["event_ids"] = [[e for e in ids if e in kept_ids] for ids in crossings["event_ids"]]
    full_history = crossings["history"]
    crossings["history"] = [[s for s in h if s["event_id"] in kept_ids] for h in full_history]
    if selection.end is not None:
        before = [[s for s in h if date.fromisoformat(s["known_by"]) <= selection.end]
                  for h in full_history]
        crossings["latest_status"] = [status_on(h, selection.end) for h in full_history]
        crossings["latest_status_date"] = [h[-1]["date"] if h else None for h in before]
    figures = timeline.figures
    fkeep = [selection.overlaps(w, period_end(w, p) if w else None)
             for w, p in zip(figures["as_of_when"], figures["as_of_precision"], strict=True)]
    if selection.crossings is not None:
        areas = set(crossings["id"])
        for column in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
            areas |= set(crossings[column].dropna())
        fkeep = [k and a in areas for k, a in zip(fkeep, figures["area"], strict=True)]
    return replace(timeline, crossings=crossings, events=events, figures=figures[fkeep])


def parse_formats(values: list[str] | None) -> tuple[str, ...]:
    """Formats (repeatable or comma lists) checked against FORMATS; default all."""
    if not values:
        return FORMATS
    wanted = [v.strip().lower() for value in values for v in value.split(",") if v.strip()]
    if not wanted:
        raise DataError([Problem(setting("formats"), "", "names no format",
                                 f"use one or more of {', '.join(FORMATS)}, or leave it out "
                                 "for all")])
    unknown = [v for v in wanted if v not in FORMATS]
    if unknown:
        raise DataError([Problem(setting("formats"), "", f"{unknown[0]!r} is not a format",
                                 f"use one or more of {', '.join(FORMATS)}")])
    return tuple(f for f in FORMATS if f in wanted)
