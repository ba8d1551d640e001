"""How well each row of the events table is located and dated, vectorised for millions of rows.

Location: every row gets a level (LOCATION_LEVELS) and, for a point, the metres within which
the event lies. Dates: every row gets the range of days it may fall in, from the table's date
(and end date), widened as its date precision code says. A code the codebook or the
researcher's mapping does not define is never guessed: too imprecise, too uncertain.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .spec import EventsSpec

# Every level a row's location can be known to, in order from best to worst; the keys appear
# in the joined events, the page data and the summary. Points first: a point's event lies
# within its precision in metres of it; an area's point stands for the whole area.
LOCATION_LEVELS = {
    "not_given": "no location precision given (the point is taken as the place)",
    "exact": "the place itself",
    "metres": "within a stated distance",
    "near_place": "near a named place",
    "admin2": "only a district, at its centroid",
    "admin1": "only a province or governorate, at its centroid",
    "region": "only a larger region",
    "part_of_country": "only part of the country, or between places",
    "country": "only the country, at its centroid",
    "water_or_airspace": "over water or in international airspace",
    "unknown": "a precision the codebook or mapping does not define, or none",
}
POINT_LEVELS = ("not_given", "exact", "metres", "near_place")
# How a date code turns the table's date(s) into the range the event may fall in.
DATE_RULES = {
    "as_given": "from the date to the end date (or the date alone)",
    "week": "up to 6 days either side of the date (the week it falls in is not said)",
    "month": "the whole calendar month of the date",
}
WEEK_SLACK = np.timedelta64(6, "D")
_INTEGRAL = r"^[-+]?\d+\.0*$"  # "2.0" from a spreadsheet is the code "2"


class Location(NamedTuple):
    """Per row: its level (an index into LOCATION_LEVELS) and precision in metres (NaN for an
    area, an unknown code, or none given)."""

    level: np.ndarray  # int8
    metres: np.ndarray  # float64
    code: pa.Array | None  # the column's values as text, for the joined events


class Dates(NamedTuple):
    """Per row: the first and last day the event may fall on, and whether its date code is
    one the codebook does not define."""

    first: np.ndarray  # datetime64[D]
    last: np.ndarray
    unknown_code: np.ndarray  # bool
    code: pa.Array | None


def period_start(dates: np.ndarray, period: str) -> np.ndarray:
    """The first day of each date's month, or the Monday of its ISO week."""
    days = dates.astype("datetime64[D]")
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    # 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 == 0.
    return days - ((days.astype(np.int64) + 3) % 7).astype("timedelta64[D]")


def level_index(key: str) -> int:
    """The index of a level in LOCATION_LEVELS."""
    return list(LOCATION_LEVELS).index(key)


def location_precision(table: pa.Table, spec: EventsSpec) -> Location:
    """Each row's location level and precision, from the spec's column, preset and mapping."""
    n = table.num_rows
    if not spec.location_precision_col:
        return Location(np.full(n, level_index("not_given"), np.int8), np.full(n, np.nan), None)
    text = _codes(table[spec.location_precision_col])
    preset = spec.codes
    if preset is None and not spec.location_precision_m:
        # No mapping: the column holds metres. Parsed as numbers, not value by value, since a
        # million rows may hold a million distances.
        metres = pc.cast(pc.if_else(pc.match_substring_regex(
            text, r"^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"), text, None),
            pa.float64()).to_numpy(zero_copy_only=False)
        known = np.isfinite(metres)
        level = np.where(known, level_index("metres"), level_index("unknown")).astype(np.int8)
        return Location(level, np.where(known, metres, np.nan), text)
    codes = {}
    if preset is not None:
        codes = {value: (c.level, c.metres) for value, c in preset.location.items()}
    for value, metres in spec.location_precision_m.items():
        codes[value] = (codes.get(value, ("metres",))[0], metres)
    # A code column holds few distinct values: look each up once, then index.
    encoded = pc.dictionary_encode(text).combine_chunks() \
        if isinstance(text, pa.ChunkedArray) else pc.dictionary_encode(text)
    values = encoded.dictionary.to_pylist()
    found = [codes.get(v, ("unknown", None)) for v in values]
    level_of = np.array([level_index(lvl) for lvl, _ in found] + [level_index("unknown")],
                        dtype=np.int8)
    metres_of = np.array([np.nan if m is None else m for _, m in found] + [np.nan])
    index = encoded.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)
    return Location(level_of[index], metres_of[index], text)


def date_range(table: pa.Table, spec: EventsSpec, first: np.ndarray,
               last: np.ndarray) -> Dates:
    """The days each row's event may fall on: its date to its end date, widened as its date
    precision code says (a preset's codes only)."""
    preset = spec.codes
    n = len(first)
    if preset is None:
        return Dates(first, last, np.zeros(n, dtype=bool), None)
    text = _codes(table[preset.date_precision_col])
    encoded = pc.dictionary_encode(text)
    values = encoded.dictionary.to_pylist()
    rules = [*list(DATE_RULES), "unknown"]
    rule_of = np.array([rules.index(preset.date[v].rule) if v in preset.date
                        else rules.index("unknown") for v in values] + [rules.index("unknown")],
                       dtype=np.int8)
    rule = rule_of[encoded.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)]
    first, last = first.copy(), last.copy()
    week = rule == rules.index("week")
    first[week], last[week] = first[week] - WEEK_SLACK, last[week] + WEEK_SLACK
    month = rule == rules.index("month")
    first[month] = first[month].astype("datetime64[M]").astype("datetime64[D]")
    last[month] = (last[month].astype("datetime64[M]") + 1).astype("datetime64[D]") \
        - np.timedelta64(1, "D")
    return Dates(first, last, rule == rules.index("unknown"), text)


def _codes(column: pa.ChunkedArray) -> pa.Array:
    """A code column as trimmed text, whatever type the file gave it ("2", 2 or 2.0)."""
    column = column.combine_chunks()
    if pa.types.is_floating(column.type):
        values = column.to_numpy(zero_copy_only=False)
        whole = np.isfinite(values) & (values == np.round(values))
        text = column.cast(pa.string())
        ints = pa.array(np.where(whole, values, 0).astype(np.int64)).cast(pa.string())
        return pc.if_else(pa.array(whole), ints, text)
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    integral = pc.fill_null(pc.match_substring_regex(text, _INTEGRAL), False)
    return pc.if_else(integral, pc.replace_substring_regex(
        pc.replace_substring_regex(text, r"\.0*$", ""), r"^\+", ""), text)
