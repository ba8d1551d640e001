"""The joined events: every row of the events table with its placement (crossing, distance,
areas, problem), as GeoParquet, for the researcher only — written where they ask, never into
the published site. Written batch by batch (a row group each), its GeoParquet metadata (the
bounding box of every point) put in the footer once the last batch is in."""

from __future__ import annotations

import base64
import io
import json
from contextlib import suppress

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .place import Placed
from .precision import LOCATION_LEVELS

# The few-valued columns, stored as dictionaries.
DICTIONARY_COLUMNS = ["problem", "placement", "reason", "crossing_id", "nearest_crossing_id",
                      "location_precision", "location_code", "date_code", "admin1_pcode",
                      "admin3_pcode"]


class JoinedWriter:
    """Writes the rows of placed batches (`joined_table`) to a binary file as one GeoParquet 1.0
    file (WKB points)."""

    def __init__(self, sink):
        self.sink = sink
        self.writer: pq.ParquetWriter | None = None
        self.schema: pa.Schema | None = None
        self.bbox = np.array([np.inf, np.inf, -np.inf, -np.inf])

    def write_table(self, table: pa.Table) -> None:
        """Add rows made by `joined_table`."""
        if self.writer is None:
            self.schema = table.schema.remove_metadata()
            # Encoding is most of what writing the joined events costs. zstd level 1, and
            # dictionaries only for the few-valued columns, take a third of the default's time.
            self.writer = pq.ParquetWriter(
                self.sink, self.schema, compression="zstd", compression_level=1,
                use_dictionary=DICTIONARY_COLUMNS, write_statistics=_statistics(self.schema),
                column_encoding=dict.fromkeys(_delta(self.schema), "DELTA_BINARY_PACKED"))
        elif table.schema != self.schema:
            table = table.cast(self.schema)  # read.py gives every file the first's types
        box = table.schema.metadata or {}
        if b"bbox" in box:
            found = json.loads(box[b"bbox"])
            self.bbox = np.concatenate([np.minimum(self.bbox[:2], found[:2]),
                                        np.maximum(self.bbox[2:], found[2:])])
        self.writer.write_table(table.replace_schema_metadata(None))

    def abandon(self) -> None:
        """After a failure: let go of the half-written file (its staged copy is removed), so
        that nothing tries to finish it later, at exit, into a closed file."""
        if self.writer is not None:
            with suppress(OSError, ValueError):
                self.writer.close()
            self.writer = None

    def close(self) -> None:
        """Put the GeoParquet metadata in the footer and finish the file (every engine writes
        at least one batch, if an empty one, so the file has its columns)."""
        bbox = [float(b) for b in self.bbox] if np.isfinite(self.bbox).all() else []
        # GeoParquet 1.0 metadata; no "crs" member means OGC:CRS84 (longitude, latitude).
        geo = {"version": "1.0.0", "primary_column": "geometry",
               "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                        **({"bbox": bbox} if bbox else {})}}}
        metadata = {"geo": json.dumps(geo)}
        # The Arrow schema the writer stored was made before the metadata was known; store it
        # again with it, as pyarrow (and so GeoPandas) reads the metadata from there.
        schema = self.schema.with_metadata(metadata)
        self.writer.add_key_value_metadata(
            {**metadata, "ARROW:schema": base64.b64encode(schema.serialize()).decode()})
        self.writer.close()


def events_parquet(placed: Placed) -> bytes:
    """Every row of a placed table as one GeoParquet file, in memory."""
    buffer = io.BytesIO()
    writer = JoinedWriter(buffer)
    writer.write_table(joined_table(placed))
    writer.close()
    return buffer.getvalue()


def joined_table(placed: Placed) -> pa.Table:
    """The rows of a placed batch as the joined events' columns; its points' bounding box in
    the schema's metadata (`bbox`)."""
    n = len(placed.row)
    has_point = np.isfinite(placed.lat) & np.isfinite(placed.lon) & (
        np.abs(placed.lat) <= 90) & (np.abs(placed.lon) <= 180)
    # A WKB point is 21 bytes: byte order (1 = little-endian), type (1 = Point), x, y.
    wkb = np.zeros(n, dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
    wkb["order"], wkb["type"], wkb["x"], wkb["y"] = 1, 1, placed.lon, placed.lat
    geometry = _binary(wkb, pa.array(has_point))
    columns = {"row": pa.array(placed.row, pa.int64())}
    if placed.ids is not None:
        columns["id"] = placed.ids
    if placed.labels is not None:
        columns["label"] = placed.labels
    if placed.fatalities is not None:
        columns["fatalities"] = placed.fatalities
    location = placed.location
    levels = pd.Categorical.from_codes(location.level, categories=list(LOCATION_LEVELS))
    columns.update({
        "date": pa.array(placed.date, pa.date32()),
        "date_earliest": pa.array(placed.dates.first, pa.date32()),
        "date_latest": pa.array(placed.dates.last, pa.date32()),
        "period_start": pa.array(placed.period, pa.date32()),
        "lat": pa.array(placed.lat, from_pandas=True),
        "lon": pa.array(placed.lon, from_pandas=True),
        "problem": _text(placed.problem),
        "placement": _text(placed.placement),
        "reason": _text(placed.reason),
        "crossing_id": _text(placed.crossing_id),
        "nearest_crossing_id": _text(placed.nearest),
        "distance_m": pa.array(placed.distance_m, from_pandas=True),
        "location_precision": _text(levels),
        "precision_m": pa.array(location.metres, from_pandas=True),
        **({"location_code": location.code} if location.code is not None else {}),
        **({"date_code": placed.dates.code} if placed.dates.code is not None else {}),
        "admin1_pcode": _text(placed.admin1_pcode),
        "admin3_pcode": _text(placed.admin3_pcode),
        "geometry": geometry,
    })
    lon, lat = placed.lon[has_point], placed.lat[has_point]
    bbox = [float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())] \
        if len(lon) else None
    return pa.table(columns).replace_schema_metadata(
        {"bbox": json.dumps(bbox)} if bbox else None)


def _statistics(schema: pa.Schema) -> list[str]:
    """The columns whose min and max each row group records (for readers that skip row
    groups): numbers and dates, not the few-valued text, where every batch holds nearly every
    value and working them out took a sixth of the writing."""
    return [f.name for f in schema if pa.types.is_integer(f.type)
            or pa.types.is_floating(f.type) or pa.types.is_temporal(f.type)]


def _delta(schema: pa.Schema) -> list[str]:
    """The columns stored as differences from row to row: the row numbers, an id of whole
    numbers and the dates, which mostly rise slowly (smaller, and faster to write, than
    compressed plain values)."""
    return [f.name for f in schema if f.name in ("row", "id") and pa.types.is_integer(f.type)
            or pa.types.is_date(f.type)]


def _binary(values: np.ndarray, valid: pa.BooleanArray) -> pa.Array:
    """Equal-sized records as a binary column, null where not `valid`, made on the records'
    own memory (no copy of them, no cast)."""
    size = values.dtype.itemsize
    if size * len(values) >= 2**31:  # beyond int32 offsets: let Arrow say so, as before
        return pa.compute.if_else(valid, pa.FixedSizeBinaryArray.from_buffers(
            pa.binary(size), len(values), [None, pa.py_buffer(values.tobytes())]).cast(
            pa.binary()), None)
    offsets = np.arange(0, size * (len(values) + 1), size, dtype=np.int32)
    return pa.Array.from_buffers(pa.binary(), len(values),
                                 [valid.buffers()[1], pa.py_buffer(offsets),
                                  pa.py_buffer(values)], null_count=valid.false_count)


def _text(values: pd.Categorical) -> pa.Array:
    """A categorical as a dictionary-encoded string column (null where NaN), without copying
    a million strings."""
    codes = np.asarray(values.codes, dtype=np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0),
                                          pa.array(list(values.categories), pa.string()))
