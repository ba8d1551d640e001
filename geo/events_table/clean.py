"""Parse the events table's coordinates and dates, vectorised for millions of rows, and say
why each row that cannot be placed is set aside. Nothing is guessed: a value that is not a
number or a date we read is a problem, counted by kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .spec import EventsSpec

# Degrees an event may lie beyond Syria's bounding box and still count as in the region
# (about 25 km: border crossings and events just across the line stay in).
REGION_MARGIN_DEG = 0.25
# Why a row was set aside, in the order a row is checked; a row can have one coordinate and
# one date problem. The keys appear in the page data and the export; their labels, in English
# and Arabic, are the contract's (schema.PAGE_TERMS), the English ones used in the summary.
BAD_KIND_KEYS = (
    "missing_coordinates", "unparsable_coordinates", "impossible_coordinates", "outside_region",
    "missing_date", "unparsable_date", "date_out_of_range", "unparsable_end_date",
    "end_before_start",
)
BAD_KINDS = {kind: schema.PAGE_TERMS["bad_row"][kind]["en"] for kind in BAD_KIND_KEYS}
# Kinds whose example quotes the end date rather than the date.
END_DATE_KINDS = {"unparsable_end_date", "end_before_start"}
EARLIEST_DATE = np.datetime64("1900-01-01")  # a typo'd year would stretch every chart
EXAMPLES_PER_KIND = 3
_NUMBER = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
# Date spellings we read: ISO 8601 (UCDP GED, a time after the date is ignored) and ACLED's
# older "05 January 2019". Anything else is reported, never guessed.
_DAY_MONTH_YEAR = "%d %B %Y"


@dataclass(frozen=True, kw_only=True)
class Cleaned:
    """The table's coordinates and dates as numbers, and what is wrong with each row."""

    lat: np.ndarray
    lon: np.ndarray
    date: np.ndarray  # datetime64[D], NaT where missing or not understood
    date_end: np.ndarray  # the end date; the date itself where the table gives none
    problem: pd.Categorical  # the keys of BAD_KINDS joined by "; "; NaN for a usable row
    bad: dict[str, int]  # rows per kind of problem
    # A few of them: (row number, "date_start '2019-13-01'"); `quoted` writes them out.
    examples: dict[str, list[tuple[int, str]]]


def quoted(examples: dict[str, list[tuple[int, str]]]) -> dict[str, list[str]]:
    """Each kind's example rows as the summary quotes them: "row 14: date_start '2019-13-01'"."""
    return {kind: [f"row {row}: {detail}" for row, detail in rows]
            for kind, rows in examples.items()}


def clean(table: pa.Table, spec: EventsSpec, first_row: int, syria_bounds) -> Cleaned:
    """Parse coordinates and dates, and find each row's problems (none: it can be placed)."""
    n = table.num_rows
    lat_text, lat, lat_blank, lat_bad = _numbers(table[spec.lat_col or "latitude"])
    lon_text, lon, lon_blank, lon_bad = _numbers(table[spec.lon_col or "longitude"])
    date_text, date, date_blank, date_bad = _dates(table[spec.date_col])
    today = np.datetime64(datetime.date.today(), "D")
    date_far = ~np.isnat(date) & ((date < EARLIEST_DATE) | (date > today))
    end_text, end_bad, reversed_ = date_text, np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    end, end_far = date, np.zeros(n, dtype=bool)
    if spec.date_end_col:
        end_text, end, end_blank, end_bad = _dates(table[spec.date_end_col])
        end = np.where(end_blank, date, end)  # no end date: the event is on its date
        reversed_ = ~np.isnat(date) & ~np.isnat(end) & (end < date)
        end_far = ~date_far & ~np.isnat(date) & ~np.isnat(end) & (end > today)
        date_far |= end_far
    missing_xy = lat_blank | lon_blank
    unparsable_xy = ~missing_xy & (lat_bad | lon_bad)
    parsed = ~missing_xy & ~unparsable_xy
    impossible = parsed & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
    west, south, east, north = np.asarray(syria_bounds) + REGION_MARGIN_DEG * np.array(
        [-1, -1, 1, 1])
    outside = parsed & ~impossible & ~((lon >= west) & (lon <= east) & (lat >= south)
                                       & (lat <= north))
    masks = {"missing_coordinates": missing_xy, "unparsable_coordinates": unparsable_xy,
             "impossible_coordinates": impossible, "outside_region": outside,
             "missing_date": date_blank, "unparsable_date": date_bad,
             "date_out_of_range": date_far, "unparsable_end_date": end_bad,
             "end_before_start": reversed_}
    bits = np.zeros(n, dtype=np.int64)
    bad, examples = {}, {}
    for bit, (kind, mask) in enumerate(masks.items()):
        rows = np.flatnonzero(mask)
        bad[kind] = len(rows)
        quote_end = np.full(n, kind in END_DATE_KINDS) | ((kind == "date_out_of_range") & end_far)
        examples[kind] = [(int(r) + first_row,
                           _example(spec, _quoted(kind, quote_end[r], spec, date_text, end_text),
                                    lat_text, lon_text, r)) for r in rows[:EXAMPLES_PER_KIND]]
        bits[rows] |= 1 << bit
    # One category per combination of problems found ("missing_coordinates; missing_date").
    # (The combinations present, in order, found by counting rather than by sorting.)
    combos = np.flatnonzero(np.bincount(bits, minlength=1))
    codes = np.zeros(combos[-1] + 1, dtype=np.int64)
    codes[combos] = np.arange(len(combos))
    codes = codes[bits]
    labels = ["; ".join(k for b, k in enumerate(masks) if c & (1 << b)) for c in combos]
    if combos[0] == 0:  # rows with no problem: no category, so the others move up one
        codes, labels = codes - 1, labels[1:]
    problem = pd.Categorical.from_codes(np.where(bits > 0, codes, -1).reshape(-1),
                                        categories=pd.Index(labels, dtype=str))
    return Cleaned(lat=lat, lon=lon, date=date, date_end=end, problem=problem, bad=bad,
                   examples=examples)


def _quoted(kind: str, end: bool, spec: EventsSpec, date_text, end_text):
    """The date text an example quotes, and its column; None for a coordinates problem."""
    if "date" not in kind and kind not in END_DATE_KINDS:
        return None
    return (end_text, spec.date_end_col) if end else (date_text, spec.date_col)


def _example(spec: EventsSpec, date_text, lat_text, lon_text, r: int) -> str:
    if date_text is not None:
        text, column = date_text
        return f"{column} {_text_at(text, r)!r}"
    return (f"{spec.lat_col or 'latitude'} {_text_at(lat_text, r)!r}, "
            f"{spec.lon_col or 'longitude'} {_text_at(lon_text, r)!r}")


def _text_at(column: pa.Array, r: int) -> str | None:
    """One cell as text; a number or date column is written out only for the rows quoted."""
    return column.slice(r, 1).cast(pa.string())[0].as_py()


def _numbers(column: pa.ChunkedArray):
    """Text, float values (NaN if not a number), blank mask and not-a-number mask."""
    column = column.combine_chunks()
    if pa.types.is_floating(column.type) or pa.types.is_integer(column.type):
        values = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
        blank = np.isnan(values)
        return column, values, blank, np.zeros(len(values), dtype=bool)
    text = column.cast(pa.string())
    blank = _blank(text)
    number = pc.fill_null(pc.match_substring_regex(text, _NUMBER), False)
    values = pc.cast(pc.utf8_trim_whitespace(pc.if_else(number, text, None)), pa.float64())
    values = values.to_numpy(zero_copy_only=False)
    return text, values, blank, ~blank & ~number.to_numpy(zero_copy_only=False)


def _dates(column: pa.ChunkedArray):
    """Text, datetime64[D] values (NaT if not understood), blank mask and not-understood mask."""
    column = column.combine_chunks()
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        values = column.cast(pa.timestamp("s")).to_numpy(zero_copy_only=False)
        values = values.astype("datetime64[D]")
        blank = np.isnat(values)
        return column, values, blank, np.zeros(len(values), dtype=bool)
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    blank = _blank(text)
    # ISO: the first ten characters must be the date; a time after a space or T is ignored.
    iso_shape = pc.fill_null(pc.match_substring_regex(
        text, r"^\d{4}-\d{2}-\d{2}([ T].*)?$"), False)
    iso = pc.strptime(pc.if_else(iso_shape, pc.utf8_slice_codeunits(text, 0, 10), None),
                      format="%Y-%m-%d", unit="s", error_is_null=True)
    spelled = pc.strptime(pc.if_else(iso_shape, None, text), format=_DAY_MONTH_YEAR,
                          unit="s", error_is_null=True)
    values = pc.coalesce(iso, spelled).to_numpy(zero_copy_only=False).astype("datetime64[D]")
    return text, values, blank, ~blank & np.isnat(values)


def _blank(text: pa.Array) -> np.ndarray:
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(text), ""), True).to_numpy(
        zero_copy_only=False)
