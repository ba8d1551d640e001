"""How well each row of the events table is located and dated, vectorised for millions of rows.

Location: every row gets a level (LOCATION_LEVELS) and, for a point, the metres within which
the event lies. Dates: every row gets the range of days it may fall in, from the table's date
(and end date), widened as its date precision code says. A code the codebook or the
researcher's mapping does not define is never guessed: too imprecise, too uncertain.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .spec import EventsSpec

# Every level a row's location can be known to, best first; the keys appear in the joined
# events, the page data and the summary; their labels, in English and Arabic, are the
# contract's (schema.PAGE_TERMS), the English ones used in the summary. Points first: a
# point's event lies within its precision in metres of it; an area's point stands for the
# whole area.
LEVEL_KEYS = (
    "not_given", "exact", "metres", "near_place", "admin2", "admin1", "region", "part_of_country",
    "country", "water_or_airspace", "unknown",
)
LOCATION_LEVELS = {level: schema.PAGE_TERMS["location_level"][level]["en"]
                   for level in LEVEL_KEYS}
POINT_LEVELS = ("not_given", "exact", "metres", "near_place")
# How a date code turns the table's date(s) into the range the event may fall in.
DATE_RULES = {
    "as_given": "from the date to the end date (or the date alone)",
    "week": "up to 6 days either side of the date (the week it falls in is not said)",
    "month": "the whole calendar month of the date",
}
WEEK_SLACK = np.timedelta64(6, "D")
_INTEGRAL = r"^\+?\d+(\.0*)?$"  # "2.0" (or "+2") from a spreadsheet is the code "2"
_METRES = r"^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"


class Location(NamedTuple):
    """Per row: its level (an index into LOCATION_LEVELS) and precision in metres (NaN for an
    area, an unknown code, or none given)."""

    level: np.ndarray  # int8
    metres: np.ndarray  # float64
    code: pa.DictionaryArray | None  # the column's values as text, for the joined events


class Dates(NamedTuple):
    """Per row: the first and last day the event may fall on, and whether its date code is
    one the codebook does not define."""

    first: np.ndarray  # datetime64[D]
    last: np.ndarray
    unknown_code: np.ndarray  # bool
    code: pa.DictionaryArray | None


def period_start(dates: np.ndarray, period: str) -> np.ndarray:
    """The first day of each date's month, or the Monday of its ISO week."""
    days = dates.astype("datetime64[D]")
    number = days.view(np.int64)
    if period == "month":
        # The day of the month in integer arithmetic (H. Hinnant's civil_from_days), as
        # numpy's datetime64[M] is slow for millions of dates; NaT stays NaT.
        z = number + 719_468  # days since 0000-03-01
        day_of_era = z - (z // 146_097) * 146_097
        year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524
                       - day_of_era // 146_096) // 365
        day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
        day_of_month = day_of_year - (153 * ((5 * day_of_year + 2) // 153) + 2) // 5
        starts = days - day_of_month.astype("timedelta64[D]")
        return np.where(np.isnat(days), days, starts)
    # 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 == 0.
    return days - ((number + 3) % 7).astype("timedelta64[D]")


def level_index(key: str) -> int:
    """The index of a level in LOCATION_LEVELS."""
    return list(LOCATION_LEVELS).index(key)


def location_precision(table: pa.Table, spec: EventsSpec) -> Location:
    """Each row's location level and precision, from the spec's column, preset and mapping."""
    n = table.num_rows
    if not spec.location_precision_col:
        return Location(np.full(n, level_index("not_given"), np.int8), np.full(n, np.nan), None)
    codes = _codes(table[spec.location_precision_col])
    index = codes.indices.fill_null(len(codes.dictionary)).to_numpy(zero_copy_only=False)
    preset = spec.codes
    if preset is None and not spec.location_precision_m:
        # No mapping: the column holds metres (as many distinct values as rows, perhaps).
        text = codes.dictionary
        number = pc.fill_null(pc.match_substring_regex(text, _METRES), False)
        metres = pc.cast(pc.if_else(number, text, None), pa.float64())
        metres_of = np.append(metres.to_numpy(zero_copy_only=False), np.nan)[index]
        known = np.isfinite(metres_of)
        level = np.where(known, level_index("metres"), level_index("unknown")).astype(np.int8)
        return Location(level, metres_of, codes)
    meaning = {}
    if preset is not None:
        meaning = {value: (c.level, c.metres) for value, c in preset.location.items()}
    for value, metres in spec.location_precision_m.items():
        meaning[value] = (meaning.get(value, ("metres",))[0], metres)
    found = [meaning.get(v, ("unknown", None)) for v in codes.dictionary.to_pylist()]
    level_of = np.array([level_index(lvl) for lvl, _ in found] + [level_index("unknown")],
                        dtype=np.int8)
    metres_of = np.array([np.nan if m is None else m for _, m in found] + [np.nan])
    return Location(level_of[index], metres_of[index], codes)


def date_range(table: pa.Table, spec: EventsSpec, first: np.ndarray,
               last: np.ndarray) -> Dates:
    """The days each row's event may fall on: its date to its end date, widened as its date
    precision code says (a preset's codes only)."""
    preset = spec.codes
    n = len(first)
    if preset is None:
        return Dates(first, last, np.zeros(n, dtype=bool), None)
    codes = _codes(table[preset.date_precision_col])
    rules = [*list(DATE_RULES), "unknown"]
    rule_of = np.array([rules.index(preset.date[v].rule) if v in preset.date
                        else rules.index("unknown") for v in codes.dictionary.to_pylist()]
                       + [rules.index("unknown")], dtype=np.int8)
    rule = rule_of[codes.indices.fill_null(len(codes.dictionary)).to_numpy(
        zero_copy_only=False)]
    first, last = first.copy(), last.copy()
    week = rule == rules.index("week")
    first[week], last[week] = first[week] - WEEK_SLACK, last[week] + WEEK_SLACK
    month = rule == rules.index("month")
    first[month] = first[month].astype("datetime64[M]").astype("datetime64[D]")
    last[month] = (last[month].astype("datetime64[M]") + 1).astype("datetime64[D]") \
        - np.timedelta64(1, "D")
    return Dates(first, last, rule == rules.index("unknown"), codes)


def _codes(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """A code column as a dictionary of trimmed text, whatever type the file gave it ("2", 2
    and 2.0 are all "2"). Only the few distinct values are looked at, not every row."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    text = [_code_text(v) for v in encoded.dictionary.to_pylist()]
    distinct = list(dict.fromkeys(text))
    position = {v: i for i, v in enumerate(distinct)}
    remap = np.array([position[v] for v in text] + [0], dtype=np.int32)
    nulls = encoded.indices.is_null().to_numpy(zero_copy_only=False)
    index = remap[encoded.indices.fill_null(len(text)).to_numpy(zero_copy_only=False)]
    return pa.DictionaryArray.from_arrays(pa.array(index, mask=nulls),
                                          pa.array(distinct, pa.string()))


def _code_text(value) -> str:
    """One code as text: trimmed, and a whole number without its decimals ("2.0" is "2")."""
    if isinstance(value, float):
        return str(int(value)) if np.isfinite(value) and value == int(value) else str(value)
    text = str(value).strip()
    return text.split(".")[0].lstrip("+") if re.match(_INTEGRAL, text) else text
