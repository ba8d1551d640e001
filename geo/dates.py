"""Dates as the reports give them: a day, a month or only a year."""

from __future__ import annotations

import calendar
import re
from datetime import date

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


def format_partial(when: date, precision: str) -> str:
    """A date written to its precision: 2020-01-13, 2020-01 or 2020."""
    return when.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]


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
