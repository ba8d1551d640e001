"""Read a figures table (CSV or (Geo)Parquet): the three columns its spec names, as text,
with the row numbers a spreadsheet shows. A column may be named by its HXL hashtag where the
file has a hashtag row under its header (as on the Humanitarian Data Exchange).

A workbook, or a wide table (one column per month or per area, as HNAP's own sheets are laid
out) given by mistake, is an `Error:` that says how to make the long table expected.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import DataError, Problem
from ..load import read_text
from .spec import FiguresSpec, named

PARQUET_SUFFIXES = (".parquet", ".geoparquet", ".pq")
CSV_SUFFIXES = (".csv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods")
# An HXL hashtag with its attributes (hxlstandard.org/standard/1-1final/): #adm1+name+v_pcode.
_HASHTAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$", re.I)
# Headers that name a period, as wide sheets have them: 2016-01, 2016, Jan-16, January 2016,
# 01/2016. Three or more of them make a table wide.
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|"
           "july|august|september|october|november|december")
_PERIOD_HEADER = re.compile(rf"^((19|20)\d\d([-/ _.]\d{{1,2}}([-/ _.]\d{{1,2}})?)?|\d{{1,2}}[-/]"
                            rf"(19|20)\d\d|({_MONTHS})[-/ _.']*(\d\d|(19|20)\d\d))$", re.I)
WIDE_AT = 3


@dataclass(frozen=True, kw_only=True)
class TableColumns:
    """The spec's columns as text (blank where empty), by the spec's key (area_col, …)."""

    columns: dict[str, list[str]]
    rows: list[int]  # the row number a spreadsheet shows (header = 1), or Parquet's (first = 1)
    labels: dict[str, str]  # each key's column as the file names it (its header)
    blank_rows: int = 0  # rows with no cell filled in, skipped


def read_columns(spec: FiguresSpec,
                 is_area: Callable[[str], bool] = lambda header: False) -> TableColumns:
    """The area, value and date columns of the spec's table; `is_area` tells a header that
    names an OCHA area (a sheet with a column per area is wide too)."""
    path = spec.file
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DataError(Problem(str(path), "", "file not found", "give the path of a CSV or "
                                f"GeoParquet file as {named('file')}"))
    if suffix in WORKBOOK_SUFFIXES:
        raise DataError(Problem(path.name, "", f"is a spreadsheet workbook ({suffix}); expected "
                                "a CSV or a (Geo)Parquet file", "open it and save the sheet "
                                "that has one row per area and period as 'CSV UTF-8'"))
    if suffix in PARQUET_SUFFIXES:
        header, hashtags, body, rows, blank = _parquet(path)
    elif suffix in CSV_SUFFIXES:
        header, hashtags, body, rows, blank = _csv(path)
    else:
        raise DataError(Problem(path.name, "", f"has the extension {suffix or '(none)'!r}; "
                                "expected a CSV or a (Geo)Parquet file", "export the table as "
                                "CSV (UTF-8) or GeoParquet, named *.csv or *.parquet"))
    wanted = {key: getattr(spec, key) for key in ("area_col", "value_col", "date_col")
              if getattr(spec, key)}
    found, problems = {}, []
    for key, name in wanted.items():
        index = _find(name, header, hashtags, path.name, key, problems)
        if index is not None:
            found[key] = index
    if problems:
        wide = _wide_problem(path.name, header, is_area)
        raise DataError([wide, *problems] if wide else problems)
    return TableColumns(columns={key: body[i] for key, i in found.items()}, rows=rows,
                        labels={key: header[i] or hashtags[i] for key, i in found.items()},
                        blank_rows=blank)


def _find(name: str, header: list[str], hashtags: list[str] | None, file: str, key: str,
          problems: list[Problem]) -> int | None:
    """The index of the column a spec names, by header or (with a #) by HXL hashtag."""
    if name.startswith("#"):
        if hashtags is None:
            problems.append(Problem(file, "row 2", f"has no HXL hashtag row, so {named(key)} "
                                    f"{name!r} names no column; found the headers {header}",
                                    f"name the column by its header with {named(key)}"))
            return None
        matches = [i for i, tag in enumerate(hashtags) if hxl_matches(name, tag)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            problems.append(Problem(file, "row 2", f"{len(matches)} columns match {name!r}: "
                                    f"{[hashtags[i] for i in matches]}", "give the hashtag with "
                                    f"more attributes, or the column's header, as {named(key)}"))
            return None
        problems.append(Problem(file, "row 2", f"no column has the HXL hashtag {name!r}"
                                f"{_did_you_mean(name, [t for t in hashtags if t])}; found "
                                f"{[t for t in hashtags if t]}", f"give one of them as "
                                f"{named(key)}"))
        return None
    if name in header:
        return header.index(name)
    folded = [h.casefold() for h in header]
    if folded.count(name.casefold()) == 1:
        return folded.index(name.casefold())
    problems.append(Problem(file, "row 1", f"no column {name!r}{_did_you_mean(name, header)}; "
                            f"found {header}", f"name the right column with {named(key)}"))
    return None


def hxl_matches(pattern: str, tag: str) -> bool:
    """Whether a column's HXL hashtag matches a pattern: the same hashtag, with at least the
    pattern's attributes, in any order (#adm1+code matches #adm1+code+v_pcode)."""
    if not tag or not _HASHTAG.match(tag.strip()) or not _HASHTAG.match(pattern.strip()):
        return False
    want = [p.strip().lower() for p in pattern.split("+")]
    have = [p.strip().lower() for p in tag.split("+")]
    return want[0] == have[0] and set(want[1:]) <= set(have[1:])


def _wide_problem(file: str, header: list[str], is_area: Callable[[str], bool]) -> Problem | None:
    """A wide table (a column per month, year or area) given where a long one was expected."""
    for kind, named_by, keep in (("date", "a date", "area"), ("area", "an OCHA area", "date")):
        wide = [h for h in header if (_PERIOD_HEADER.match(h.strip()) if kind == "date"
                                      else is_area(h))]
        if len(wide) < WIDE_AT:
            continue
        shown = ", ".join(repr(h) for h in wide[:3])
        return Problem(file, "row 1", f"looks like a wide table: {len(wide)} columns are named "
                       f"by {named_by} ({shown}, …); expected a long table, one row per area "
                       "and period with the value in one column and the date in another",
                       f"reshape it to long first (in a spreadsheet: unpivot the {kind} "
                       f"columns; in pandas: df.melt(id_vars=[{keep} column], var_name="
                       f"'{kind}', value_name='value')), then name the three columns")
    return None


def _csv(path: Path):
    problems: list[Problem] = []
    text = read_text(path, problems)
    if text is None:
        raise DataError(problems)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise DataError(Problem(path.name, "", f"cannot be read as CSV ({e})",
                                "save it as 'CSV UTF-8' with one header row")) from None
    header = [h.strip() for h in rows[0]]
    first = 2
    hashtags = None
    if len(rows) > 1 and is_hashtag_row(rows[1]):
        hashtags = [c.strip() for c in rows[1]] + [""] * (len(header) - len(rows[1]))
        first = 3
    elif is_hashtag_row(rows[0]):  # HXL without a text header: the hashtags are the header
        hashtags = list(header)
    body, numbers, ragged, blank = [[] for _ in header], [], [], 0
    for number, row in enumerate(rows[first - 1:], start=first):
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            ragged.append(Problem(path.name, f"row {number}", f"has {len(row)} cells but the "
                                  f"header has {len(header)} (first cell {row[0][:40]!r})",
                                  "quote any value that contains a comma (1,234 must be "
                                  "\"1,234\"), and remove stray cells"))
        numbers.append(number)
        for i in range(len(header)):
            body[i].append(row[i].strip() if i < len(row) else "")
    if ragged:  # a shifted cell would be read as another column's value: never guess
        raise DataError(ragged)
    return header, hashtags, body, numbers, blank


def is_hashtag_row(row: list[str]) -> bool:
    """An HXL hashtag row: every non-blank cell a hashtag, and at least one."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(_HASHTAG.match(c) for c in cells)


def _parquet(path: Path):
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as e:
        raise DataError(Problem(path.name, "", f"cannot be read as Parquet ({e})",
                                "check the file is a complete (Geo)Parquet file, or give a "
                                "CSV instead")) from None
    header = [n for n in table.column_names if n != "geometry"]
    body = [[_text(v) for v in table[n].to_pylist()] for n in header]
    return header, None, body, list(range(1, table.num_rows + 1)), 0


def _text(value) -> str:
    """A Parquet cell as the text a CSV would hold (blank for null)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _did_you_mean(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
