"""Read a researcher's events table (CSV or (Geo)Parquet): only the columns the spec names,
as Arrow strings, so a million rows cost little memory; a GeoParquet geometry becomes
longitude and latitude."""

from __future__ import annotations

import csv
import difflib
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from ..errors import DataError, Problem, setting
from .spec import EventsSpec

PARQUET_SUFFIXES = (".parquet", ".geoparquet", ".pq")
CSV_SUFFIXES = (".csv", ".txt")


class TableRead(NamedTuple):
    """The named columns of the events table, and the row number of its first row."""

    table: pa.Table
    first_row: int  # 2 in a CSV (its header is row 1); 1 in a Parquet file


def read_table(spec: EventsSpec) -> TableRead:
    """The named columns of a CSV or (Geo)Parquet file, and the row number of its first row."""
    path = spec.table
    if not path.is_file():
        raise DataError([Problem(str(path), "", "file not found",
                                 "give the path of a CSV or GeoParquet file as "
                                 f"{setting('table')}")])
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
    named_by = {spec.date_col: "date_col", spec.date_end_col: "date_end_col",
                spec.id_col: "id_col", spec.label_col: "label_col",
                spec.fatalities_col: "fatalities_col",
                spec.location_precision_col: "location_precision_col",
                **({} if use_geometry else {spec.lat_col: "lat_col", spec.lon_col: "lon_col"})}
    if spec.codes is not None:  # the preset's date precision codes are read by their name
        named_by.setdefault(spec.codes.date_precision_col, "preset")
    wanted = [c for c in named_by if c]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise DataError([Problem(path.name, "row 1" if not parquet else "", f"no column "
                                 f"{c!r}{_did_you_mean(c, header)}; found {header}",
                                 _fix(c, named_by[c], spec)) for c in missing])
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
        return TableRead(table, 1)
    try:
        table = pacsv.read_csv(
            path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns, column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError) as e:
        raise DataError([Problem(path.name, "", f"cannot be read as CSV ({e})",
                                 "save it as 'CSV UTF-8' with one header row")]) from None
    return TableRead(table, 2)


def _fix(column: str, name: str, spec: EventsSpec) -> str:
    """How to put right a column the table lacks."""
    if name == "preset":
        return (f"the {spec.preset} preset reads {column!r} from its codebook; export the "
                f"table with it, or name the columns yourself instead of {setting('preset')}")
    return f"name the right column with {setting(name)}"


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


