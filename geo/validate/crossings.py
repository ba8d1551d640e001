"""Check the crossings gazetteer (crossings.geojson): one valid Point per crossing, in Syria."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import geopandas as gpd
from shapely.geometry import Point

from .. import schema
from ..errors import Problem
from ..join import metric_point
from ..load import ROW_COLUMN
from .cells import check_date, check_enum, shown, source_check

# Metres a crossing may lie outside Syria's outline: border crossings sit on the line, and the
# simplified boundary moves the line by up to a few hundred metres.
BORDER_TOLERANCE_M = 5_000
# Decimals of a degree past which a coordinate claims more than any survey (1e-7 deg ~ 1 cm).
MEANINGFUL_DECIMALS = 7
# Properties that hold one piece of text when present.
_TEXT_PROPERTIES = ["id", "name", "name_ar", "kind", "admin1_pcode", "admin2_pcode",
                    "admin3_pcode", "location_precision", "location_source",
                    "location_source_ar", "first_reported", "summary", "summary_ar"]


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An uncertainty radius beyond this is no location; an "exact" point is a gate, not a town.
MAX_PRECISION_M = 50_000
MAX_EXACT_M = 1_000


def check_pcodes(crossings: gpd.GeoDataFrame, admin3: gpd.GeoDataFrame,
                 problems: list[Problem]) -> None:
    """Each crossing's P-codes exist and name the OCHA area its point lies in."""
    if crossings.empty or admin3.empty:
        return
    areas = admin3.set_index("pcode")
    for _, crossing in crossings.iterrows():
        where = f"feature {crossing['_row']} (id {crossing['id']!r})"
        inside = areas[areas.intersects(crossing.geometry)]
        found = {"admin3_pcode": set(inside.index), "admin2_pcode": set(inside["admin2_pcode"]),
                 "admin1_pcode": set(inside["admin1_pcode"])}
        for column in found:
            code = crossing[column]
            if isinstance(code, str) and code and found[column] and \
                    code not in found[column]:
                problems.append(Problem(schema.CROSSINGS_FILE, where, f"{column} {code!r} is "
                                        f"not the area its point lies in "
                                        f"({', '.join(sorted(found[column]))})",
                                        "use the P-code of the area the point falls in, or "
                                        "move the point"))


class CheckedCrossings(NamedTuple):
    """The valid crossings, and every spelling of every feature that has an id."""

    crossings: gpd.GeoDataFrame
    names: list[tuple[str, list[str]]] | None  # (id, names); None when no gazetteer at all


def check_crossings(collection: object, source_ids: set[str] | None, syria,
                    problems: list[Problem], notes: list[str]) -> CheckedCrossings:
    """The valid crossings as a frame, and (id, names) of every feature that has an id.

    The names are None when the file is no gazetteer at all (checks against it are moot).
    Names come from every feature, even one with other problems, so that events naming it
    are not also reported as naming an unknown crossing.
    """
    file = schema.CROSSINGS_FILE
    columns = [*schema.CROSSING_PROPERTIES, ROW_COLUMN]
    empty = gpd.GeoDataFrame(columns=[*columns, "geometry"], geometry="geometry",
                             crs="EPSG:4326")
    if collection is None:
        return CheckedCrossings(empty, None)  # unreadable; load() has said why
    what = _not_a_collection(collection)
    if what:
        problems.append(Problem(file, "", f"is {what}; expected a FeatureCollection "
                                "with a 'features' list",
                                "wrap the crossings in a GeoJSON FeatureCollection: "
                                '{"type": "FeatureCollection", "features": [...]}'))
        return CheckedCrossings(empty, None)
    features = collection["features"]
    if not features:
        problems.append(Problem(file, "", "has no features", "add at least one crossing"))
        return CheckedCrossings(empty, None)
    records, names, seen, fine = [], [], {}, 0
    for number, feature in enumerate(features, start=1):
        record, entry = _crossing(feature, number, source_ids, syria, problems)
        if entry is not None:
            if entry[0] in seen:
                problems.append(Problem(file, f"feature {number} (id {entry[0]!r})",
                                        f"duplicate id {entry[0]!r} (first used by feature "
                                        f"{seen[entry[0]]})", "give each crossing its own id"))
            seen.setdefault(entry[0], number)
            names.append(entry)
        if record is not None:
            fine += _over_precise(record["geometry"])
            records.append(record)
    if fine:
        notes.append(f"{file}: {fine} coordinate(s) carry more than {MEANINGFUL_DECIMALS} "
                     "decimals (finer than 1 cm); kept as given, the exports round them")
    if not records:
        return CheckedCrossings(empty, names)
    return CheckedCrossings(gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326"),
                            names)


def _not_a_collection(data: object) -> str:
    """What the parsed JSON is, when it is not a FeatureCollection; "" when it is one."""
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__}" if data is not None else "JSON null"
    kind = data.get("type")
    if kind == "FeatureCollection":
        return "" if isinstance(data.get("features"), list) else \
            "a FeatureCollection whose 'features' is not a list"
    if kind is None:
        return "a JSON object without a 'type'"
    return f"a GeoJSON {shown(kind)}"


def _over_precise(point: Point) -> int:
    return sum(len(repr(c).partition(".")[2]) > MEANINGFUL_DECIMALS for c in (point.x, point.y))


def _crossing(feature, number: int, source_ids: set[str] | None, syria,
              problems: list[Problem]) -> tuple[dict | None, tuple[str, list[str]] | None]:
    """One feature as a crossing record (None if it has problems) and its (id, names)."""
    file = schema.CROSSINGS_FILE
    props = _properties(feature, f"feature {number}", problems)
    if props is None:
        return None, None
    crossing_id = props.get("id")
    has_id = isinstance(crossing_id, str) and bool(crossing_id)
    where = f"feature {number} (id {crossing_id!r})" if has_id else f"feature {number}"
    found = len(problems)
    _check_id_and_properties(props, where, problems)
    point = _point(feature.get("geometry"), file, where, problems)
    if point is not None and syria is not None:
        _inside_syria(point, syria, file, where, problems)
    aliases = _name_list(props, "aliases", file, where, problems, '["Abu Dhuhur", "Abu Duhur"]')
    cited = _name_list(props, "source_ids", file, where, problems, '["mem-2019-08-23"]')
    for source_id in cited:
        source_check(file, where, source_id, source_ids, problems)
    _check_precision(props, where, problems)
    _check_kind_and_date(props, where, problems)
    entry = None
    if has_id:
        names = [props.get("name"), props.get("name_ar"), *aliases]
        entry = (crossing_id, [n for n in names if isinstance(n, str) and n])
    if len(problems) > found:
        return None, entry
    record = {p: props.get(p) for p in schema.CROSSING_PROPERTIES}
    record.update({ROW_COLUMN: number}, aliases=aliases, source_ids=cited, geometry=point,
                  precision_m=int(props.get("precision_m") or 0),
                  name_ar=props.get("name_ar") or "")
    return record, entry


def _properties(feature, where: str, problems: list[Problem]) -> dict | None:
    """A Feature's properties as a dict ({} when it has none); None when it is no Feature."""
    file = schema.CROSSINGS_FILE
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(Problem(file, where, "is not a GeoJSON Feature",
                                'give it "type": "Feature", a geometry and properties'))
        return None
    props = feature.get("properties")
    if props is None:
        return {}  # allowed by GeoJSON; the missing properties are reported later
    if not isinstance(props, dict):
        problems.append(Problem(file, where, f"properties {shown(props)} is not an object",
                                'give it "properties": {"id": …, "name": …}'))
        return {}
    return props


def _check_id_and_properties(props: dict, where: str, problems: list[Problem]):
    """The id is a slug; required properties are there; text properties are text."""
    file = schema.CROSSINGS_FILE
    crossing_id = props.get("id")
    if isinstance(crossing_id, str) and crossing_id and not _SLUG.fullmatch(crossing_id):
        problems.append(Problem(file, where, f"id {crossing_id!r} is not a slug",
                                "use lower-case letters, digits and single hyphens, e.g. "
                                "'abu-al-duhur'; put other spellings in aliases"))
    missing = [p for p in schema.CROSSING_PROPERTIES
               if p not in schema.CROSSING_OPTIONAL and props.get(p) in (None, "")]
    if missing:
        problems.append(Problem(file, where, f"missing required properties {missing}",
                                "add them (see docs/data.md)"))
    for name in _TEXT_PROPERTIES:
        value = props.get(name)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(file, where, f"property {name!r} is {shown(value)}, not text",
                                    f'write it in quotes, e.g. "{name}": "…"'))


def _check_kind_and_date(props: dict, where: str, problems: list[Problem]):
    """kind is a word of the contract; first_reported is a date."""
    file = schema.CROSSINGS_FILE
    if isinstance(props.get("kind"), str):
        for kind in props["kind"].split(";"):
            if kind.strip() and kind.strip() not in schema.CROSSING_KINDS:
                check_enum(file, where, "kind", kind.strip(), schema.CROSSING_KINDS, problems)
    if props.get("first_reported") and isinstance(props["first_reported"], str):
        check_date(file, where, "first_reported", props["first_reported"], problems)


def _check_precision(props: dict, where: str, problems: list[Problem]):
    """location_precision is a word of the contract; precision_m is a distance that says where
    the crossing is (small when 'exact')."""
    file = schema.CROSSINGS_FILE
    if isinstance(props.get("location_precision"), str):
        check_enum(file, where, "location_precision", props["location_precision"],
                   schema.LOCATION_PRECISIONS, problems)
    radius = props.get("precision_m")
    if radius is None:
        return
    if isinstance(radius, bool) or not isinstance(radius, int | float) \
            or not math.isfinite(radius) or radius < 0:
        problems.append(Problem(file, where, f"precision_m {shown(radius)} is not a distance in "
                                "metres", "give a whole number of metres, e.g. 3000"))
    elif radius > MAX_PRECISION_M:
        problems.append(Problem(file, where, f"precision_m {radius!r} is more than "
                                f"{MAX_PRECISION_M:,} m: the point then says little about "
                                "where the crossing is", "find a closer verified place to "
                                "anchor it on, or leave the crossing out until one is found"))
    elif props.get("location_precision") == "exact" and radius > MAX_EXACT_M:
        problems.append(Problem(file, where, f"location_precision is 'exact' but precision_m "
                                f"is {radius!r}", f"an exact point is within {MAX_EXACT_M:,} m; "
                                "set location_precision to 'approximate'"))


def _name_list(props: dict, key: str, file: str, where: str, problems: list[Problem],
               example: str) -> list[str]:
    """A list-of-text property; a "a; b" string is accepted as a spreadsheet would write it."""
    value = props.get(key) or []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(";") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(file, where, f"{key} {shown(value)} is not a list of text",
                                f"write {example}"))
        return []
    return value


def _inside_syria(point: Point, syria, file: str, where: str, problems: list[Problem]):
    metric = metric_point(point.x, point.y)
    if metric.distance(syria) > BORDER_TOLERANCE_M:
        swapped = metric_point(point.y, point.x)
        hint = (" (swapping longitude and latitude would put it inside Syria)"
                if swapped.distance(syria) <= BORDER_TOLERANCE_M else "")
        problems.append(Problem(file, where, f"point ({point.x}, {point.y}) lies "
                                f"{metric.distance(syria) / 1000:.0f} km outside Syria"
                                f"{hint}; expected a point in Syria or within "
                                f"{BORDER_TOLERANCE_M // 1000} km of its border",
                                "GeoJSON order is [longitude, latitude]"))


def _point(geometry, file: str, where: str, problems: list[Problem]) -> Point | None:
    """A crossing's geometry as a valid lon/lat Point."""
    if not isinstance(geometry, dict):
        problems.append(Problem(file, where, "has no geometry",
                                "give it a Point geometry with [longitude, latitude]"))
        return None
    if geometry.get("type") != "Point":
        problems.append(Problem(file, where, f"geometry is a {shown(geometry.get('type'))}, not a "
                                "Point", "a crossing is one Point: [longitude, latitude]"))
        return None
    coords = geometry.get("coordinates")
    if (not isinstance(coords, list) or len(coords) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool)
                       and math.isfinite(c) for c in coords[:2])):
        problems.append(Problem(file, where, f"coordinates {shown(coords)} are not two numbers",
                                "write [longitude, latitude], e.g. [36.75, 35.29]"))
        return None
    lon, lat = coords[:2]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        problems.append(Problem(file, where, f"coordinates {shown(coords)} are not a longitude and "
                                "latitude", "write [longitude, latitude] in decimal degrees"))
        return None
    return Point(lon, lat)
