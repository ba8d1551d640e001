"""Dates as the reports give them: a day, a month or only a year."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

from . import schema

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}
_FINENESS = {"year": 1, "month": 2, "day": 3}


def parse_partial_date(text: str) -> tuple[date, str]:
    """`'2020-01'` -> (2020-01-01, 'month'); raise ValueError for anything else."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError("expected YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in match.groups() if p is not None]
    year, month, day = (parts + [1, 1])[:3]
    return date(year, month, day), PRECISION_OF_PARTS[len(parts)]


def finer_than(precision: str, given: str) -> bool:
    """True when `precision` claims more than a date written to `given` can hold."""
    return _FINENESS[precision] > _FINENESS[given]


def period_end(start: date, precision: str) -> date:
    """The last day a date of this precision can mean: by then the event surely happened.

    The timeline orders and filters events by this day, so an event known only to
    "January 2020" never shows before 31 January, nor before a claim it answers.
    """
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def published_by(sources: pd.DataFrame) -> dict[str, date]:
    """The last day each source can have been published on, where that date is sure.

    Only a sure date may cap or contradict an event's date; an inferred or unverified one
    (Anadolu's interview: "placed between late December and 28 January") may not.
    """
    latest = {}
    for source_id, published, confidence in zip(sources["source_id"], sources["published"],
                                                sources["date_confidence"], strict=True):
        if confidence not in schema.TRUSTED_DATE_CONFIDENCES:
            continue
        try:
            start, precision = parse_partial_date(published)
        except ValueError:
            continue  # no or bad date: reported by the sources check, not here
        latest[source_id] = period_end(start, precision)
    return latest


def surely_by(when: date | None, precision: str | None, published: date | None) -> date | None:
    """The last day a dated thing can have happened: the end of its date, and no later than
    its source's sure publication day (None when the date is unknown)."""
    if when is None or precision not in schema.DATE_PRECISIONS:
        return None
    day = period_end(when, precision)
    return min(day, published) if published is not None else day
