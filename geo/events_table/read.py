"""Read a researcher's events table — a CSV or (Geo)Parquet file, or a folder of them (e.g.
hive-partitioned by year) — in Arrow record batches of a fixed number of rows, so memory does
not grow with the table: only the columns the spec names, CSV cells as Arrow strings, a
GeoParquet geometry as longitude and latitude.

Row numbers are those of the whole table: a CSV file's spreadsheet row (its header is row 1),
a Parquet file's row (1…); in a folder, rows are counted on from 1 across its files, taken in
the order of their paths.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
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
CSV_BLOCK_BYTES = 4 << 20  # the CSV reader's unit of work; batches are cut to rows after it


class Batch(NamedTuple):
    """Some consecutive rows of the table, and the row number of the first of them."""

    table: pa.Table
    first_row: int


class Piece(NamedTuple):
    """A part of the table one worker reads on its own: a whole CSV file, or some row groups
    of a Parquet file. Its rows are numbered from `start` (2 in a lone CSV file, whose header
    is row 1; else 1) and moved on by the rows of the pieces before it once they are known."""

    path: Path
    row_groups: tuple[int, ...] | None  # None: the whole file
    start: int
    size: int  # bytes, for progress


@dataclass(frozen=True)
class EventsTable:
    """An events table checked and ready to read: its files, and the columns to read."""

    spec: EventsSpec
    files: tuple[Path, ...]
    columns: tuple[str, ...]  # as stored (a GeoParquet's "geometry" in place of lon/lat)
    use_geometry: bool
    folder: bool
    types: pa.Schema | None = None  # Parquet: the first file's column types, every file's

    @property
    def csv(self) -> bool:
        """The table is CSV (one file, or a folder of CSV files)."""
        return self.files[0].suffix.lower() in CSV_SUFFIXES

    @property
    def start(self) -> int:
        """The number of the table's first row: 2 in a lone CSV file (its header is row 1)."""
        return 2 if self.csv and not self.folder else 1

    @property
    def size(self) -> int:
        """Bytes on disk, for progress."""
        return sum(f.stat().st_size for f in self.files)

    def rows(self) -> int | None:
        """Rows in a Parquet table (from its footers); None for CSV, counted only by reading."""
        if self.csv:
            return None
        return sum(_parquet(f).metadata.num_rows for f in self.files)

    def pieces(self, rows: int) -> list[Piece]:
        """The table cut into parts of about `rows` rows that can be read apart, in order:
        consecutive row groups of a Parquet file, or a whole CSV file."""
        pieces = []
        for path in self.files:
            size = path.stat().st_size
            if self.csv:
                pieces.append(Piece(path, None, self.start, size))
                continue
            meta = _parquet(path).metadata
            groups, count = [], 0
            for g in range(meta.num_row_groups):
                groups.append(g)
                count += meta.row_group(g).num_rows
                if count >= rows or g == meta.num_row_groups - 1:
                    pieces.append(Piece(path, tuple(groups), 1,
                                        size * count // max(meta.num_rows, 1)))
                    groups, count = [], 0
        return pieces

    def batches(self, rows: int, on_bytes=None) -> Iterator[Batch]:
        """The whole table in batches of `rows` rows (the last may be shorter; an empty table
        is one empty batch), in order. `on_bytes(n)`, when given, is told how many more bytes
        of the files were read."""
        first, pending, held = self.start, [], 0
        for path in self.files:
            for table in self._read(path, None, on_bytes, min(rows, 1 << 16)):
                pending.append(table)
                held += table.num_rows
                while held >= rows:
                    whole = pa.concat_tables(pending)
                    yield Batch(whole.slice(0, rows), first)
                    first += rows
                    pending, held = [whole.slice(rows)], held - rows
        if held or first == self.start:
            yield Batch(pa.concat_tables(pending) if pending else self._empty(), first)

    def read_piece(self, piece: Piece) -> pa.Table:
        """One piece, whole."""
        tables = list(self._read(piece.path, piece.row_groups, None, 1 << 16))
        return pa.concat_tables(tables) if tables else self._empty()

    def _empty(self) -> pa.Table:
        columns = [c for c in self.columns if c != "geometry"]
        if self.use_geometry:
            columns += [self.spec.lon_col or "longitude", self.spec.lat_col or "latitude"]
        return pa.table({c: pa.array([], pa.string()) for c in columns})

    def _name(self, path: Path) -> str:
        """A file as a message names it: its path within a folder (whose files may share a
        name, e.g. year=2019/part-0.parquet), else its name."""
        return str(path.relative_to(self.spec.table)) if self.folder else path.name

    def _read(self, path: Path, row_groups, on_bytes, chunk_rows: int) -> Iterator[pa.Table]:
        """The named columns of one file, in chunks of at most `chunk_rows` rows (for CSV,
        the reader's blocks)."""
        if path.suffix.lower() in CSV_SUFFIXES:
            yield from _read_csv(path, self.columns, on_bytes)
            return
        parquet = _parquet(path)
        size, rows = path.stat().st_size, max(parquet.metadata.num_rows, 1)
        try:
            for batch in parquet.iter_batches(batch_size=chunk_rows, row_groups=row_groups,
                                              columns=list(self.columns)):
                table = pa.Table.from_batches([batch])
                if not table.schema.equals(self.types):
                    table = _as_first_file(table, self.types, self._name(path))
                if self.use_geometry:
                    table = _geometry_to_lonlat(table, self.spec)
                if on_bytes is not None:
                    on_bytes(size * table.num_rows // rows)
                yield table
        except (pa.ArrowInvalid, OSError) as e:
            raise _not_parquet(path, e) from None


def table_files(path: Path) -> list[Path]:
    """The files of the table: the file itself, or every CSV or (Geo)Parquet file of the
    folder in the order of their paths (names starting with '.' or '_' skipped)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and p.suffix.lower() in PARQUET_SUFFIXES + CSV_SUFFIXES
                       and not any(part.startswith((".", "_"))
                                   for part in p.relative_to(path).parts))
        if not files or len({f.suffix.lower() in CSV_SUFFIXES for f in files}) > 1:
            raise DataError([Problem(str(path), "", "holds no CSV or (Geo)Parquet files" if
                                     not files else "holds both CSV and Parquet files",
                                     "give a folder of *.parquet files (or of *.csv files), "
                                     f"or one file, as {setting('table')}")])
    elif path.is_file():
        files = [path]
    else:
        raise DataError([Problem(str(path), "", "file not found",
                                 "give the path of a CSV or GeoParquet file (or a folder of "
                                 f"them) as {setting('table')}")])
    return files


def open_table(spec: EventsSpec) -> EventsTable:
    """Check the table (a file, or a folder of them) and that it has the columns the spec
    names."""
    path = spec.table
    files = table_files(path)
    suffix = files[0].suffix.lower()
    parquet = suffix in PARQUET_SUFFIXES
    if not parquet and suffix not in CSV_SUFFIXES:
        raise DataError([Problem(path.name, "", f"has the extension {suffix or '(none)'!r}; "
                                 "expected a CSV or a (Geo)Parquet file",
                                 "export the table as CSV (UTF-8) or GeoParquet, named "
                                 "*.csv or *.parquet")])

    def header(file: Path) -> list[str]:
        return _parquet(file).schema_arrow.names if parquet else _csv_header(file)

    first = header(files[0])
    use_geometry = parquet and spec.lat_col == "latitude" and "latitude" not in first \
        and "geometry" in first
    named_by = _named_columns(spec, use_geometry)
    columns = list(dict.fromkeys(list(named_by) + (["geometry"] if use_geometry else [])))
    for file in files:
        found = first if file == files[0] else header(file)
        missing = [c for c in columns if c not in found]
        if missing:
            raise DataError([Problem(file.name, "row 1" if not parquet else "", f"no column "
                                     f"{c!r}{_did_you_mean(c, found)}; found {found}",
                                     _fix(c, named_by.get(c, "lat_col"), spec))
                             for c in missing])
    types = None
    if parquet:
        schema = _parquet(files[0]).schema_arrow
        types = pa.schema([schema.field(c) for c in columns])
    return EventsTable(spec=spec, files=tuple(files), columns=tuple(columns),
                       use_geometry=use_geometry, folder=path.is_dir(), types=types)


def read_table(spec: EventsSpec) -> Batch:
    """The whole table at once, for a table that fits in memory (and for tests)."""
    return next(open_table(spec).batches(rows=2**62))


def _named_columns(spec: EventsSpec, use_geometry: bool) -> dict[str, str]:
    """Each column the spec names, and the setting that names it."""
    named_by = {spec.date_col: "date_col", spec.date_end_col: "date_end_col",
                spec.id_col: "id_col", spec.label_col: "label_col",
                spec.fatalities_col: "fatalities_col",
                spec.location_precision_col: "location_precision_col",
                **({} if use_geometry else {spec.lat_col: "lat_col", spec.lon_col: "lon_col"})}
    if spec.codes is not None:  # the preset's date precision codes are read by their name
        named_by.setdefault(spec.codes.date_precision_col, "preset")
    return {c: name for c, name in named_by.items() if c}


def _parquet(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as e:
        raise _not_parquet(path, e) from None


def _as_first_file(table: pa.Table, types: pa.Schema, name: str) -> pa.Table:
    """A later file's columns with the types the first file gave them (a folder's files may
    type a column apart: whole numbers in one, text holding them in another)."""
    columns = []
    for field in types:
        column = table[field.name]
        try:
            columns.append(column if column.type == field.type else column.cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise DataError([Problem(setting("table"), "", "its files give a column different "
                                     f"types ({name}: column {field.name!r} is "
                                     f"{column.type}, not {field.type} as in the first file: "
                                     f"{e})", "export every file of the folder with the same "
                                     "columns and types")]) from None
    return pa.Table.from_arrays(columns, schema=types)


def _not_parquet(path: Path, e: Exception) -> DataError:
    return DataError([Problem(path.name, "", f"cannot be read as Parquet ({e})",
                              "check the file is a complete (Geo)Parquet file, or give "
                              "a CSV instead")])


def _read_csv(path: Path, columns, on_bytes) -> Iterator[pa.Table]:
    """A CSV file's named columns as Arrow strings, a block at a time."""
    with path.open("rb") as f:
        try:
            reader = pacsv.open_csv(
                f, read_options=pacsv.ReadOptions(block_size=CSV_BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    include_columns=list(columns),
                    column_types=dict.fromkeys(columns, pa.string()),
                    strings_can_be_null=False))
            done = 0
            for batch in reader:
                if on_bytes is not None:
                    at = f.tell()
                    on_bytes(at - done)
                    done = at
                yield pa.Table.from_batches([batch])
        except (pa.ArrowInvalid, UnicodeDecodeError) as e:
            raise DataError([Problem(path.name, "", f"cannot be read as CSV ({e})",
                                     "save it as 'CSV UTF-8' with one header row")]) from None


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
