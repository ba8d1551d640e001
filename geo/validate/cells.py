"""Checks shared by every input file: required cells, unique ids, dates, enums, numbers."""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from .. import schema
from ..dates import finer_than, parse_partial_date
from ..errors import Problem
from ..load import ROW_COLUMN

# A plain decimal number as people type one; Python's float() also takes "1_000", "inf", "nan".
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def required(table: pd.DataFrame, file: str, columns: list[str], problems: list[Problem]):
    """Report every empty cell in the columns that must be filled."""
    for _, row in table.iterrows():
        for column in columns:
            if not row[column]:
                problems.append(Problem(file, f"row {row[ROW_COLUMN]}",
                                        f"column {column!r} is empty", "fill it in"))


def unique(values: pd.Series, rows: pd.Series, file: str, column: str,
           problems: list[Problem]):
    """Report every id used by more than one row."""
    seen: dict[str, int] = {}
    for value, row in zip(values, rows, strict=True):
        if value and value in seen:
            problems.append(Problem(file, f"row {row}", f"duplicate {column} {value!r} "
                                    f"(first used in row {seen[value]})",
                                    f"give each row its own {column}"))
        seen.setdefault(value, row)


def source_check(file: str, where: str, source_id: str, known: set[str] | None,
                 problems: list[Problem]):
    """Report a source_id missing from sources.csv (None: sources.csv was not read in full)."""
    if source_id and known is not None and source_id not in known:
        problems.append(Problem(file, where, f"source_id {source_id!r} is not in "
                                f"{schema.SOURCES_FILE}",
                                f"add it to {schema.SOURCES_FILE} or use one of "
                                f"{sorted(known)[:6]}…"))


def check_date(file: str, where: str, column: str, text: str, problems: list[Problem],
               precision: str | None = None) -> tuple[date | None, str | None]:
    """Parse a partial date, checking any declared precision against it."""
    try:
        when, given = parse_partial_date(text)
    except ValueError as e:
        reason = str(e) if str(e).startswith("expected") else f"{e}; expected a real date"
        problems.append(Problem(file, where, f"{column} {text!r} is not a date: {reason}",
                                "write it as 2020-01-13, or 2020-01 if only the month is "
                                "known"))
        return None, None
    if when > date.today():
        problems.append(Problem(file, where, f"{column} {text!r} is in the future",
                                "check the year"))
    if precision is None:
        return when, given
    if precision not in schema.DATE_PRECISIONS:
        problems.append(Problem(file, where, f"{column} precision {precision!r} is not one of "
                                f"{list(schema.DATE_PRECISIONS)}", "use day, month or year"))
        return when, given
    if finer_than(precision, given):
        problems.append(Problem(file, where, f"{column} {text!r} is given to the {given} but "
                                f"its precision says {precision!r}",
                                f"set the precision to {given!r} or write the full date"))
    return when, precision


def check_enum(file: str, where: str, column: str, value, allowed, problems: list[Problem]):
    """Report a value that is not one of the allowed codes."""
    if not isinstance(value, str) or value not in allowed:
        problems.append(Problem(file, where, f"{column} {value!r} is not one of "
                                f"{sorted(allowed)}", f"use one of the allowed {column} values "
                                "(see docs/data.md)"))


def number(text: str) -> float | None:
    """A finite decimal number written as digits, or None."""
    if not _DECIMAL.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def shown(value: object, limit: int = 60) -> str:
    """`repr(value)` cut short, so one huge value cannot bury the rest of a report."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}…"
