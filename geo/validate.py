"""Check every input row against the data contract and turn the raw tables into typed frames.

Every problem is collected, then raised once (`DataError`), so an editor fixes a whole
spreadsheet in one pass. Normalisations that are safe (thousands separators, spaces) are
applied and noted, never silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from . import schema
from .dates import finer_than, parse_partial_date, period_end
from .errors import DataError, Problem
from .load import ROW_COLUMN, RawAtlas
from .names import AliasIndex

# Metres a crossing may lie outside Syria's outline: border crossings sit on the line, and the
# simplified boundary moves the line by up to a few hundred metres.
BORDER_TOLERANCE_M = 5_000
# Metres an event point may lie outside Syria and its neighbours' outlines.
REGION_TOLERANCE_M = 20_000
# A projected CRS in metres for north-west Syria (UTM zone 37N); used for distances and buffers.
METRIC_CRS = "EPSG:32637"


@dataclass
class Atlas:
    """The validated inputs: typed, EPSG:4326, every row traceable to its file row."""

    crossings: gpd.GeoDataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    admin1: gpd.GeoDataFrame
    admin3: gpd.GeoDataFrame
    neighbours: gpd.GeoDataFrame
    aliases: AliasIndex
    notes: list[str] = field(default_factory=list)


def validate(raw: RawAtlas) -> Atlas:
    """Typed frames from raw tables; raise DataError listing every problem found."""
    problems: list[Problem] = []
    notes = list(raw.notes)
    sources = _sources(raw.sources, problems)
    source_ids = set(sources["source_id"])
    syria = raw.admin1.to_crs(METRIC_CRS).union_all() if len(raw.admin1) else None
    crossings = _crossings(raw.crossings, source_ids, syria, problems)
    aliases = AliasIndex((row.id, [row["name"], row.name_ar or "", *row.aliases])
                         for _, row in crossings.iterrows())
    for spelling, first, second in aliases.clashes:
        problems.append(Problem(schema.CROSSINGS_FILE, f"feature id {second!r}",
                                f"alias {spelling!r} also names {first!r}",
                                "an alias must belong to one crossing; remove it from one"))
    region = raw.neighbours.to_crs(METRIC_CRS).union_all() if len(raw.neighbours) else None
    events = _events(raw.events, aliases, source_ids, region, problems)
    pcodes = set(raw.admin3["pcode"]) | set(raw.admin3.get("admin2_pcode", [])) | set(
        raw.admin1["pcode"]) if len(raw.admin3) else set()
    figures = _figures(raw.figures, pcodes, set(crossings["id"]), source_ids, problems, notes)
    if problems:
        raise DataError(problems)
    return Atlas(crossings, events, figures, sources, raw.admin1, raw.admin3, raw.neighbours,
                 aliases, notes)


def _required(table: pd.DataFrame, file: str, columns: list[str], problems: list[Problem]):
    for _, row in table.iterrows():
        for column in columns:
            if not row[column]:
                problems.append(Problem(file, f"row {row[ROW_COLUMN]}",
                                        f"column {column!r} is empty", "fill it in"))


def _unique(values: pd.Series, rows: pd.Series, file: str, column: str,
            problems: list[Problem]):
    seen: dict[str, int] = {}
    for value, row in zip(values, rows, strict=True):
        if value and value in seen:
            problems.append(Problem(file, f"row {row}", f"duplicate {column} {value!r} "
                                    f"(first used in row {seen[value]})",
                                    f"give each row its own {column}"))
        seen.setdefault(value, row)


def _sources(table: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    file = schema.SOURCES_FILE
    _required(table, file, ["source_id", "outlet"], problems)
    _unique(table["source_id"], table[ROW_COLUMN], file, "source_id", problems)
    for _, row in table.iterrows():
        if row["url"] and not re.match(r"^https?://", row["url"]):
            problems.append(Problem(file, f"row {row[ROW_COLUMN]}",
                                    f"url {row['url']!r} is not an http(s) address",
                                    "give the full address starting with https://"))
    return table


def _source_check(file: str, where: str, source_id: str, known: set[str],
                  problems: list[Problem]):
    if source_id and source_id not in known:
        problems.append(Problem(file, where, f"source_id {source_id!r} is not in "
                                f"{schema.SOURCES_FILE}",
                                f"add it to {schema.SOURCES_FILE} or use one of "
                                f"{sorted(known)[:6]}…"))


def _date(file: str, where: str, column: str, text: str, problems: list[Problem],
          precision: str | None = None) -> tuple[date | None, str | None]:
    """Parse a partial date, checking any declared precision against it."""
    try:
        when, given = parse_partial_date(text)
    except ValueError as e:
        problems.append(Problem(file, where, f"{column} {text!r} is not a date: {e}",
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


def _enum(file: str, where: str, column: str, value: str, allowed, problems: list[Problem]):
    if value not in allowed:
        problems.append(Problem(file, where, f"{column} {value!r} is not one of "
                                f"{sorted(allowed)}", f"use one of the allowed {column} values "
                                "(see docs/data.md)"))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _crossings(collection: dict, source_ids: set[str], syria, problems: list[Problem]
               ) -> gpd.GeoDataFrame:
    file = schema.CROSSINGS_FILE
    columns = [*schema.CROSSING_PROPERTIES, ROW_COLUMN]
    empty = gpd.GeoDataFrame(columns=[*columns, "geometry"], geometry="geometry",
                             crs="EPSG:4326")
    if not collection:
        return empty
    features = collection.get("features") if isinstance(collection, dict) else None
    if collection.get("type") != "FeatureCollection" or not isinstance(features, list):
        problems.append(Problem(file, "", f"is a {collection.get('type')!r}, not a "
                                "FeatureCollection with a 'features' list",
                                "wrap the crossings in a GeoJSON FeatureCollection"))
        return empty
    if not features:
        problems.append(Problem(file, "", "has no features", "add at least one crossing"))
        return empty
    records, seen = [], {}
    for number, feature in enumerate(features, start=1):
        record = _crossing(feature, number, source_ids, syria, problems)
        if record is None:
            continue
        where = f"feature {number}"
        if record["id"] in seen:
            problems.append(Problem(file, where, f"duplicate id {record['id']!r} (first used "
                                    f"by feature {seen[record['id']]})",
                                    "give each crossing its own id"))
        seen.setdefault(record["id"], number)
        records.append(record)
    if not records:
        return empty
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


def _crossing(feature, number: int, source_ids: set[str], syria, problems: list[Problem]
              ) -> dict | None:
    file = schema.CROSSINGS_FILE
    where = f"feature {number}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(Problem(file, where, "is not a GeoJSON Feature",
                                'give it "type": "Feature", a geometry and properties'))
        return None
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        props = {}
    if props.get("id"):
        where = f"feature {number} (id {props['id']!r})"
    found = len(problems)
    missing = [p for p in schema.CROSSING_PROPERTIES
               if p not in schema.CROSSING_OPTIONAL and props.get(p) in (None, "")]
    if missing:
        problems.append(Problem(file, where, f"missing required properties {missing}",
                                "add them (see docs/data.md)"))
    point = _point(feature.get("geometry"), file, where, problems)
    if point is not None and syria is not None:
        metric = gpd.GeoSeries([point], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        if metric.distance(syria) > BORDER_TOLERANCE_M:
            swapped = gpd.GeoSeries([Point(point.y, point.x)], crs="EPSG:4326").to_crs(
                METRIC_CRS).iloc[0]
            hint = (" (swapping longitude and latitude would put it inside Syria)"
                    if swapped.distance(syria) <= BORDER_TOLERANCE_M else "")
            problems.append(Problem(file, where, f"point ({point.x}, {point.y}) lies "
                                    f"{metric.distance(syria) / 1000:.0f} km outside Syria"
                                    f"{hint}", "GeoJSON order is [longitude, latitude]"))
    aliases = props.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(Problem(file, where, f"aliases {aliases!r} is not a list of names",
                                'write ["Abu Dhuhur", "Abu al-Thuhur"]'))
        aliases = []
    cited = props.get("source_ids") or []
    if isinstance(cited, str):
        cited = [s.strip() for s in cited.split(";") if s.strip()]
    for source_id in cited if isinstance(cited, list) else []:
        _source_check(file, where, source_id, source_ids, problems)
    if props.get("location_precision") is not None:
        _enum(file, where, "location_precision", props["location_precision"],
              schema.LOCATION_PRECISIONS, problems)
    radius = props.get("precision_m")
    if radius is not None and (isinstance(radius, bool) or not isinstance(radius, int | float)
                               or radius < 0):
        problems.append(Problem(file, where, f"precision_m {radius!r} is not a distance in "
                                "metres", "give a whole number of metres, e.g. 3000"))
    for kind in str(props.get("kind") or "").split(";"):
        if kind.strip() and kind.strip() not in schema.CROSSING_KINDS:
            _enum(file, where, "kind", kind.strip(), schema.CROSSING_KINDS, problems)
    if props.get("first_reported"):
        _date(file, where, "first_reported", str(props["first_reported"]), problems)
    if len(problems) > found:
        return None
    record = {p: props.get(p) for p in schema.CROSSING_PROPERTIES}
    record.update(aliases=aliases, source_ids=cited, geometry=point, _row=number,
                  precision_m=int(radius or 0), name_ar=props.get("name_ar") or "")
    return record


def _point(geometry, file: str, where: str, problems: list[Problem]) -> Point | None:
    """A crossing's geometry as a valid lon/lat Point."""
    if not isinstance(geometry, dict):
        problems.append(Problem(file, where, "has no geometry",
                                "give it a Point geometry with [longitude, latitude]"))
        return None
    if geometry.get("type") != "Point":
        problems.append(Problem(file, where, f"geometry is a {geometry.get('type')!r}, not a "
                                "Point", "a crossing is one Point: [longitude, latitude]"))
        return None
    coords = geometry.get("coordinates")
    if (not isinstance(coords, list) or len(coords) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool)
                       and math.isfinite(c) for c in coords[:2])):
        problems.append(Problem(file, where, f"coordinates {coords!r} are not two numbers",
                                "write [longitude, latitude], e.g. [36.75, 35.29]"))
        return None
    lon, lat = coords[:2]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        problems.append(Problem(file, where, f"coordinates {coords!r} are not a longitude and "
                                "latitude", "write [longitude, latitude] in decimal degrees"))
        return None
    return Point(lon, lat)


def _events(table: pd.DataFrame, aliases: AliasIndex, source_ids: set[str], region,
            problems: list[Problem]) -> pd.DataFrame:
    file = schema.EVENTS_FILE
    _required(table, file, ["event_id", "date", "date_precision", "event_type", "claimant",
                            "claimant_side", "summary", "source_id"], problems)
    _unique(table["event_id"], table[ROW_COLUMN], file, "event_id", problems)
    known_ids = set(table["event_id"])
    records = []
    for _, row in table.iterrows():
        where = f"row {row[ROW_COLUMN]}"
        record = row.to_dict()
        record["when"], record["date_precision"] = _date(
            file, where, "date", row["date"], problems, row["date_precision"]) \
            if row["date"] else (None, row["date_precision"])
        record["known_by"] = period_end(record["when"], record["date_precision"]) \
            if record["when"] and record["date_precision"] in schema.DATE_PRECISIONS else None
        resolved = []
        for name in (n.strip() for n in row["crossing_ids"].split(";")):
            if not name:
                continue
            crossing_id = aliases.resolve(name)
            if crossing_id is None:
                close = aliases.suggest(name)
                hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else \
                    "add it to crossings.geojson (with its aliases) first"
                problems.append(Problem(file, where, f"crossing {name!r} is not in the "
                                        f"gazetteer; {hint}", "use a crossing id or alias "
                                        "from crossings.geojson"))
            elif crossing_id not in resolved:
                resolved.append(crossing_id)
        record["crossing_ids"] = resolved
        if row["event_type"]:
            _enum(file, where, "event_type", row["event_type"], schema.EVENT_TYPES, problems)
        if row["claimant_side"]:
            _enum(file, where, "claimant_side", row["claimant_side"], schema.SIDES, problems)
        _source_check(file, where, row["source_id"], source_ids, problems)
        if row["responds_to"] and row["responds_to"] not in known_ids:
            problems.append(Problem(file, where, f"responds_to {row['responds_to']!r} is not "
                                    "an event_id in this file",
                                    "give the event_id of the claim this row answers"))
        record["lat"], record["lon"] = _event_point(row, where, region, problems)
        records.append(record)
    return pd.DataFrame(records, columns=[*table.columns, "when", "known_by"])


def _event_point(row, where: str, region, problems: list[Problem]):
    """(lat, lon) as floats, NaN when not given; both or neither must be present."""
    file = schema.EVENTS_FILE
    lat_text, lon_text = row["lat"], row["lon"]
    if not lat_text and not lon_text:
        return math.nan, math.nan
    lat, lon = _number(lat_text), _number(lon_text)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        problems.append(Problem(file, where, f"lat {lat_text!r} / lon {lon_text!r} are not a "
                                "latitude and longitude", "give both in decimal degrees, "
                                "e.g. lat 36.13812, lon 36.82191, or leave both empty"))
        return math.nan, math.nan
    if region is not None:
        point = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        if point.distance(region) > REGION_TOLERANCE_M:
            swapped = gpd.GeoSeries([Point(lat, lon)], crs="EPSG:4326").to_crs(
                METRIC_CRS).iloc[0]
            hint = ("; swapping lat and lon would put it in the region"
                    if swapped.distance(region) <= REGION_TOLERANCE_M else "")
            problems.append(Problem(file, where, f"point lat {lat} lon {lon} lies outside "
                                    f"Syria and its neighbours{hint}",
                                    "check the coordinates and their order"))
    return lat, lon


_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")


def _figures(table: pd.DataFrame, pcodes: set[str], crossing_ids: set[str],
             source_ids: set[str], problems: list[Problem], notes: list[str]) -> pd.DataFrame:
    file = schema.FIGURES_FILE
    _required(table, file, ["figure_id", "figure", "qualifier", "metric", "as_of", "area",
                            "source_id"], problems)
    _unique(table["figure_id"], table[ROW_COLUMN], file, "figure_id", problems)
    records, separators = [], 0
    for _, row in table.iterrows():
        where = f"row {row[ROW_COLUMN]}"
        record = row.to_dict()
        text = row["figure"]
        if _THOUSANDS.match(text):
            text, separators = text.replace(",", ""), separators + 1
        value = _number(text)
        if text and (value is None or value < 0 or value != int(value)):
            problems.append(Problem(file, where, f"figure {row['figure']!r} is not a whole "
                                    "number of people", "write digits only, e.g. 350000"))
        record["figure"] = int(value) if value is not None and value >= 0 else None
        if row["qualifier"]:
            _enum(file, where, "qualifier", row["qualifier"], schema.QUALIFIERS, problems)
        if row["metric"]:
            _enum(file, where, "metric", row["metric"], schema.METRICS, problems)
        precision = row.get("as_of_precision") or None
        record["as_of_when"], record["as_of_precision"] = _date(
            file, where, "as_of", row["as_of"], problems, precision) if row["as_of"] else \
            (None, precision)
        record["period_start_when"] = _date(file, where, "period_start", row["period_start"],
                                            problems)[0] if row["period_start"] else None
        area = row["area"]
        if area and pcodes and area not in pcodes and area not in crossing_ids:
            problems.append(Problem(file, where, f"area {area!r} is neither an OCHA P-code "
                                    "nor a crossing id", "use a P-code such as SY07 (Idleb) "
                                    "or a crossing id from crossings.geojson"))
        _source_check(file, where, row["source_id"], source_ids, problems)
        records.append(record)
    if separators:
        notes.append(f"{file}: removed thousands separators from {separators} figure(s)")
    return pd.DataFrame(records, columns=[*table.columns, "as_of_when", "period_start_when"])
