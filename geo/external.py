"""Bring your own events: read a researcher's point-event table (ACLED, UCDP GED…), clean it
and place every row at its nearest crossing and OCHA area.

Built for millions of rows: columns are read as Arrow strings, parsed with vectorised kernels
and joined on coordinate arrays (`join.nearest_crossing_lonlat`, `join.admin_area_lonlat`).
Rows that cannot be placed are counted by kind and kept (with the reason) in the joined events
(`--joined-events`, written outside the published site); none is dropped silently.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from .errors import DataError, Problem
from .join import admin_area_codes, nearest_crossing_codes
from .validate import Atlas

PERIODS = ("month", "week")
# Degrees an event may lie beyond Syria's bounding box and still count as in the region
# (about 25 km: border crossings and events just across the line stay in).
REGION_MARGIN_DEG = 0.25
# Why a row was set aside, in the order a row is checked; a row can have one coordinate and
# one date problem. Keys appear in the page data and the export; labels in the summary.
BAD_KINDS = {
    "missing_coordinates": "coordinates missing",
    "unparsable_coordinates": "coordinates not numbers",
    "impossible_coordinates": "coordinates impossible (latitude beyond ±90 or longitude "
                              "beyond ±180)",
    "outside_region": "coordinates outside Syria and its borderlands",
    "missing_date": "date missing",
    "unparsable_date": "date not understood",
    "date_out_of_range": "date before 1900 or after the build",
}
EARLIEST_DATE = np.datetime64("1900-01-01")  # a typo'd year would stretch every chart
EXAMPLES_PER_KIND = 3
_NUMBER = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
# Date spellings we read: ISO 8601 (UCDP GED, a time after the date is ignored) and ACLED's
# older "05 January 2019". Anything else is reported, never guessed.
_DAY_MONTH_YEAR = "%d %B %Y"


# The command-line option for each EventsSpec field (the TOML keys are the field names).
OPTION_NAMES = {"table": "--events-table", "lat_col": "--lat-col", "lon_col": "--lon-col",
                "date_col": "--date-col", "id_col": "--id-col", "label_col": "--label-col",
                "period": "--events-period", "source": "--events-source",
                "joined_events": "--joined-events"}


@dataclass(frozen=True)
class EventsSpec:
    """Where the external table is, which of its columns hold what, and where the joined rows
    go (never into the published site)."""

    table: Path
    date_col: str
    lat_col: str | None = "latitude"  # None: take the GeoParquet geometry
    lon_col: str | None = "longitude"
    id_col: str | None = None
    label_col: str | None = None
    period: str = "month"
    source: str = ""  # the citation shown on the map and in the exports
    joined_events: Path | None = None  # every row with its placement; None: not written


@dataclass
class Placed:
    """Every row of the external table, parsed, with its crossing and area (or a problem)."""

    spec: EventsSpec
    row: np.ndarray  # the row number a spreadsheet shows (header = 1) or the Parquet row (1…)
    ids: pa.Array | None
    labels: pa.Array | None
    date: np.ndarray  # datetime64[D], NaT where missing or not understood
    lat: np.ndarray
    lon: np.ndarray
    # Categoricals (codes, not a million strings); NaN where there is no value.
    problem: pd.Categorical  # the keys of BAD_KINDS joined by "; "; NaN for a placed row
    crossing_id: pd.Categorical  # NaN beyond the radius or set aside
    distance_m: np.ndarray
    admin1_pcode: pd.Categorical
    admin3_pcode: pd.Categorical
    radius_m: float
    bad: dict[str, int]  # rows per kind of problem
    examples: dict[str, list[str]]
    timings: Stopwatch  # seconds per stage

    @property
    def ok(self) -> np.ndarray:
        """Rows placed (no problem)."""
        return np.asarray(self.problem.isna())

    @property
    def matched(self) -> np.ndarray:
        """Rows placed within the radius of a crossing."""
        return np.asarray(self.crossing_id.notna())

    def summary(self, names: dict[str, str]) -> str:
        """One paragraph: rows read, set aside by kind, within the radius per crossing."""
        read, ok = len(self.row), self.ok
        set_aside = read - int(ok.sum())
        matched = self.matched
        km = f"{self.radius_m / 1000:g} km"
        parts = [f"Events table {self.spec.table.name}: {read:,} rows read;"]
        if set_aside:
            kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {self.examples[k][0]})"
                              for k, n in self.bad.items() if n)
            parts.append(f"{set_aside:,} set aside, each kept with the reason in the joined "
                         f"events ({kinds});")
        else:
            parts.append("none set aside;")
        counts = np.bincount(self.crossing_id.codes[matched],
                             minlength=len(self.crossing_id.categories))
        per = ", ".join(f"{names.get(i, i)} {n:,}" for i, n in
                        zip(self.crossing_id.categories, counts, strict=True) if n)
        parts.append(f"{int(matched.sum()):,} within {km} of a crossing"
                     + (f" ({per})" if per else "") + ",")
        parts.append(f"{int((ok & ~matched).sum()):,} farther than {km} from every crossing.")
        return " ".join(parts)


def events_spec(config: Path | None, options: dict) -> EventsSpec | None:
    """The spec from a TOML config and/or command-line options (options win); None if no table."""
    values: dict = {}
    if config is not None:
        values = _read_config(config)
    values.update({k: v for k, v in options.items() if v is not None})
    if "table" not in values:
        if values:
            given = ", ".join(OPTION_NAMES.get(k, k) for k in sorted(values))
            raise DataError([Problem("command line", "", f"{given} given without an "
                                     "events table", "add --events-table FILE (or `table` in "
                                     "the --events-config file)")])
        return None
    if not values.get("date_col"):
        raise DataError([Problem("command line", "", "no date column named for the events "
                                 "table", "add --date-col COLUMN (date_start in UCDP GED, "
                                 "event_date in ACLED)")])
    if values.get("period", "month") not in PERIODS:
        raise DataError([Problem("command line", "", f"period {values['period']!r} is not "
                                 f"one of {list(PERIODS)}", "use month or week")])
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = Path(values[key])
    return EventsSpec(**values)


def _read_config(path: Path) -> dict:
    """A config: TOML keys named as the EventsSpec fields; paths relative to the file."""
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(str(path), "", "file not found",
                                 "give the path of the TOML file with --events-config")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise DataError([Problem(str(path), "", f"is not valid TOML ({e})",
                                 "write one `key = \"value\"` per line")]) from None
    known = [f.name for f in fields(EventsSpec)]
    unknown = [k for k in values if k not in known]
    wrong = [k for k, v in values.items() if k in known and not isinstance(v, str)]
    if unknown or wrong:
        problems = [Problem(str(path), f"key {k!r}", "is not a setting",
                            f"use one of {known}") for k in unknown]
        problems += [Problem(str(path), f"key {k!r}", f"is {values[k]!r}, not text",
                             "put the value in double quotes") for k in wrong]
        raise DataError(problems)
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = str(path.parent / values[key])
    return values


@dataclass
class Stopwatch:
    """Wall and CPU seconds per named stage of a build (CPU: all threads of this process)."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the block's wall and CPU time to the stage's totals."""
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu


def place_events(spec: EventsSpec, atlas: Atlas, radius_m: float,
                 timings: Stopwatch | None = None) -> Placed:
    """Read, clean and join the external table; every row is kept, problems counted."""
    timings = Stopwatch() if timings is None else timings
    with timings.stage("read"):
        table, first_row = read_table(spec)
    with timings.stage("parse/clean"):
        cleaned = clean(table, spec, first_row, atlas.admin1.total_bounds)
    lat, lon, date, problem, bad, examples = cleaned
    ok = np.asarray(problem.isna())
    with timings.stage("project+join crossings"):
        codes, distance_m = np.full(len(lat), -1, dtype=np.int32), np.full(len(lat), np.nan)
        codes[ok], distance_m[ok], ids = nearest_crossing_codes(lon[ok], lat[ok],
                                                                atlas.crossings, radius_m)
        crossing_id = pd.Categorical.from_codes(codes, categories=ids)
    with timings.stage("join areas"):
        area = np.full(len(lat), -1, dtype=np.int32)
        area[ok], areas = admin_area_codes(lon[ok], lat[ok], atlas.admin3)
        admin3 = pd.Categorical.from_codes(area, categories=areas["pcode"].to_numpy())
        governorates = np.unique(areas["admin1_pcode"].to_numpy().astype(str))
        of_area = np.searchsorted(governorates, areas["admin1_pcode"].to_numpy().astype(str))
        admin1 = pd.Categorical.from_codes(np.where(area >= 0, of_area[area], -1),
                                           categories=governorates)
    return Placed(spec, np.arange(len(lat)) + first_row,
                  table[spec.id_col].combine_chunks() if spec.id_col else None,
                  table[spec.label_col].combine_chunks() if spec.label_col else None,
                  date, lat, lon, problem, crossing_id, distance_m, admin1, admin3, radius_m,
                  bad, examples, timings)


PARQUET_SUFFIXES = (".parquet", ".geoparquet", ".pq")
CSV_SUFFIXES = (".csv", ".txt")


def read_table(spec: EventsSpec) -> tuple[pa.Table, int]:
    """The named columns of a CSV or (Geo)Parquet file, and the row number of its first row."""
    path = spec.table
    if not path.is_file():
        raise DataError([Problem(str(path), "", "file not found",
                                 "give the path of a CSV or GeoParquet file with "
                                 "--events-table")])
    suffix = path.suffix.lower()
    parquet = suffix in PARQUET_SUFFIXES
    if not parquet and suffix not in CSV_SUFFIXES:
        raise DataError([Problem(path.name, "", f"has the extension {suffix or '(none)'!r}; "
                                 "expected a CSV or a (Geo)Parquet file",
                                 "export the table as CSV (UTF-8) or GeoParquet, named "
                                 "*.csv or *.parquet")])
    try:
        header = pq.read_schema(path).names if parquet else _csv_header(path)
    except (pa.ArrowInvalid, OSError) as e:
        raise DataError([Problem(path.name, "", f"cannot be read as Parquet ({e})",
                                 "check the file is a complete (Geo)Parquet file, or give "
                                 "a CSV instead")]) from None
    use_geometry = parquet and spec.lat_col == "latitude" and "latitude" not in header \
        and "geometry" in header
    wanted = [c for c in (spec.date_col, spec.id_col, spec.label_col,
                          *(() if use_geometry else (spec.lat_col, spec.lon_col))) if c]
    missing = [c for c in dict.fromkeys(wanted) if c not in header]
    if missing:
        raise DataError([Problem(path.name, "row 1" if not parquet else "", f"no column "
                                 f"{c!r}{_did_you_mean(c, header)}; found {header}",
                                 "name the right column with --lat-col/--lon-col/--date-col/"
                                 "--id-col/--label-col") for c in missing])
    columns = list(dict.fromkeys(wanted + (["geometry"] if use_geometry else [])))
    if parquet:
        try:
            table = pq.read_table(path, columns=columns)
            if use_geometry:
                table = _geometry_to_lonlat(table, spec)
        except (pa.ArrowInvalid, OSError) as e:
            raise DataError([Problem(path.name, "", f"cannot be read as Parquet ({e})",
                                     "check the file is a complete (Geo)Parquet file, or give "
                                     "a CSV instead")]) from None
        return table, 1
    try:
        table = pacsv.read_csv(
            path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns, column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError) as e:
        raise DataError([Problem(path.name, "", f"cannot be read as CSV ({e})",
                                 "save it as 'CSV UTF-8' with one header row")]) from None
    return table, 2


def _csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        return [h.strip() for h in next(csv.reader(f), [])]


def _did_you_mean(name: str, header: list[str]) -> str:
    close = difflib.get_close_matches(name, header, n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def _geometry_to_lonlat(table: pa.Table, spec: EventsSpec) -> pa.Table:
    """Replace a GeoParquet WKB geometry column by longitude and latitude columns."""
    shapes = shapely.from_wkb(table["geometry"].to_numpy(zero_copy_only=False))
    points = shapely.get_type_id(shapes) == 0
    lon = np.where(points, shapely.get_x(shapes), np.nan)
    lat = np.where(points, shapely.get_y(shapes), np.nan)
    table = table.drop_columns(["geometry"])
    return table.append_column(spec.lon_col or "longitude", pa.array(lon, from_pandas=True)) \
        .append_column(spec.lat_col or "latitude", pa.array(lat, from_pandas=True))


def clean(table: pa.Table, spec: EventsSpec, first_row: int, syria_bounds):
    """Parse coordinates and dates; return lat, lon, date, problem per row, counts, examples."""
    n = table.num_rows
    lat_text, lat, lat_blank, lat_bad = _numbers(table[spec.lat_col or "latitude"])
    lon_text, lon, lon_blank, lon_bad = _numbers(table[spec.lon_col or "longitude"])
    date_text, date, date_blank, date_bad = _dates(table[spec.date_col])
    today = np.datetime64(datetime.date.today(), "D")
    date_far = ~np.isnat(date) & ((date < EARLIEST_DATE) | (date > today))
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
             "date_out_of_range": date_far}
    bits = np.zeros(n, dtype=np.int64)
    bad, examples = {}, {}
    for bit, (kind, mask) in enumerate(masks.items()):
        rows = np.flatnonzero(mask)
        bad[kind] = len(rows)
        text = date_text if "date" in kind else None
        examples[kind] = [_example(r + first_row, spec, text, lat_text, lon_text, r)
                          for r in rows[:EXAMPLES_PER_KIND]]
        bits[rows] |= 1 << bit
    # One category per combination of problems found ("missing_coordinates; missing_date").
    combos, codes = np.unique(bits, return_inverse=True)
    labels = ["; ".join(k for b, k in enumerate(masks) if c & (1 << b)) for c in combos]
    problem = pd.Categorical.from_codes(np.where(bits > 0, codes, -1).reshape(-1),
                                        categories=[lab or "-" for lab in labels])
    problem = problem.remove_unused_categories()
    return lat, lon, date, problem, bad, examples


def _example(row_number: int, spec: EventsSpec, date_text, lat_text, lon_text, r: int) -> str:
    if date_text is not None:
        return f"row {row_number}: {spec.date_col} {date_text[r].as_py()!r}"
    return (f"row {row_number}: {spec.lat_col or 'latitude'} {lat_text[r].as_py()!r}, "
            f"{spec.lon_col or 'longitude'} {lon_text[r].as_py()!r}")


def _numbers(column: pa.ChunkedArray):
    """Text, float values (NaN if not a number), blank mask and not-a-number mask."""
    column = column.combine_chunks()
    if pa.types.is_floating(column.type) or pa.types.is_integer(column.type):
        values = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
        blank = np.isnan(values)
        return column.cast(pa.string()), values, blank, np.zeros(len(values), dtype=bool)
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
        return column.cast(pa.string()), values, blank, np.zeros(len(values), dtype=bool)
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
