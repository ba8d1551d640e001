"""The rules for a figures table's cells: values as published, and the period each date falls in.

A value is a non-negative number as the table writes it: thousands separators are allowed
(`1,234`, `1 234`, Arabic `١٬٢٣٤`), halves and other fractions are kept, never rounded. A blank
cell or a suppression marker (`*`, `-`, `..`, `n/a`, `<5`…) is *no data*, never zero. Anything
else is not understood, and its row is set aside, never guessed.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from .spec import PERIOD_PRECISION, PRECISIONS

# Cells that say a value exists but is not given: statistical offices' and HDX tables'
# suppression and not-available marks (compared case-insensitively, spaces trimmed).
NO_DATA_MARKERS = ("*", "**", "***", "-", "–", "—", "..", "...", ":", "x", "n/a", "na", "n.a.",
                   "nd", "no data", "not available", "suppressed")
_BELOW = re.compile(r"^<\s*\d+$")  # "<5": small counts suppressed for privacy
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PLAIN = re.compile(r"^(\d+(\.\d+)?|\.\d+|\d+(\.\d+)?[eE][-+]?\d+)$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567.5
_SPACES = re.compile(r"^\d{1,3}([ \u00a0\u202f\u2009]\d{3})+(\.\d+)?$")  # 1 234 567
EARLIEST = date(1900, 1, 1)
_MONTH_NAMES = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}


class Value(NamedTuple):
    """A cell read as a value: the number, or why there is none."""

    number: float | None
    no_data: str  # "" when there is a number; "blank", or the marker as written ("*")
    problem: str  # "" when understood; else a key of BAD_KINDS


def read_value(text: str) -> Value:
    """One cell as a value; its problem is a key of tables.BAD_KINDS."""
    cell = text.strip()
    if not cell:
        return Value(None, "blank", "")
    if cell.casefold() in NO_DATA_MARKERS or _BELOW.match(cell):
        return Value(None, cell, "")
    digits = cell.translate(_DIGITS).replace("٬", ",").replace("٫", ".")
    if digits.startswith("-") and _number(digits[1:]) is not None:
        return Value(None, "", "negative_value")
    number = _number(digits.lstrip("+"))
    if number is None:
        return Value(None, "", "unparsable_value")
    return Value(number, "", "")


def _number(text: str) -> float | None:
    if _PLAIN.match(text):
        return float(text)
    if _GROUPED.match(text):
        return float(text.replace(",", ""))
    if _SPACES.match(text):
        return float(re.sub(r"\s", "", text))
    return None


class When(NamedTuple):
    """A date cell: the day it starts on and how precisely it is written; or a problem."""

    day: date | None
    precision: str  # year, month or day
    problem: str  # "" or a key of BAD_KINDS


def read_date(text: str) -> When:
    """A date as tables write it: 2019, 2019-01, 2019-01-15 (a time after it is ignored),
    2019/01/15, January 2019, Jan 2019 or 15 January 2019. Nothing else is guessed."""
    cell = text.strip()
    if not cell:
        return When(None, "", "missing_date")
    iso = re.match(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[ T].*)?)?)?$", cell)
    spelled = re.match(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?[\s,-]+(\d{4})$", cell)
    try:
        if iso:
            year, month, day = (int(g) if g else None for g in iso.groups())
            found = date(year, month or 1, day or 1)
            precision = "day" if day else "month" if month else "year"
        elif spelled and spelled.group(2).lower() in _MONTH_NAMES:
            day, month = spelled.group(1), _MONTH_NAMES[spelled.group(2).lower()]
            found = date(int(spelled.group(3)), month, int(day) if day else 1)
            precision = "day" if day else "month"
        else:
            return When(None, "", "unparsable_date")
    except ValueError:  # month 13, 31 February
        return When(None, "", "unparsable_date")
    if not EARLIEST <= found <= date.today():
        return When(found, precision, "date_out_of_range")
    return When(found, precision, "")


def too_coarse(precision: str, period: str) -> bool:
    """Whether a date written this precisely cannot be put in one period (a month in a week)."""
    return PRECISIONS.index(precision) < PRECISIONS.index(PERIOD_PRECISION[period])


def period_of(day: date, period: str) -> tuple[date, date]:
    """The first and last day of the period (month, ISO week, day or year) holding `day`."""
    if period == "day":
        return day, day
    if period == "week":
        start = day - timedelta(days=day.weekday())  # Monday, as ISO 8601 and the events table
        return start, start + timedelta(days=6)
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    last = calendar.monthrange(day.year, day.month)[1]
    return date(day.year, day.month, 1), date(day.year, day.month, last)


def as_published(number: float) -> int | float:
    """A value for the exports: whole numbers without a decimal point, fractions kept."""
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
