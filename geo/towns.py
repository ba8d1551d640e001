"""The towns the map is read by: the OCHA administrative capitals, each a Point with its level
(national, governorate, district or sub-district capital), the P-code of its area and its English
and Arabic names. They are context for the reader, never events: nothing is joined to them.

`load.py` reads `boundaries/towns.geojson` and hands the parsed JSON here to be checked;
`scripts/prepare_towns.py` makes the file, and data/boundaries/README.md says how it is named.
"""

from __future__ import annotations

import math
import re

import geopandas as gpd
import pandas as pd
import shapely

from . import schema
from .errors import Problem

REGENERATE = "run scripts/prepare_towns.py to regenerate it"


def empty() -> gpd.GeoDataFrame:
    """No towns: what a file that could not be read gives."""
    return gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in schema.TOWN_PROPERTIES},
                            geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def from_geojson(data: object, label: str, problems: list[Problem]) -> gpd.GeoDataFrame:
    """The towns in parsed GeoJSON, in EPSG:4326; every bad feature is reported (to `problems`,
    as `label` feature N) and then no town is kept, so a broken file is fixed, not half drawn."""
    if data is None:  # unreadable: load.py has said why
        return empty()
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        problems.append(Problem(label, "", "is not a GeoJSON FeatureCollection", REGENERATE))
        return empty()
    found, rows, seen = len(problems), [], set()
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        where = f"feature {number}" + (f" (pcode {props['pcode']!r})" if "pcode" in props else "")
        problem = _problem(feature, props)
        if problem is None and props["pcode"] in seen:
            problem = f"a second town with pcode {props['pcode']!r}"
        if problem:
            problems.append(Problem(label, where, problem, REGENERATE))
            continue
        seen.add(props["pcode"])
        x, y = feature["geometry"]["coordinates"][:2]
        rows.append({**{k: props[k] for k in schema.TOWN_PROPERTIES},
                     "geometry": shapely.Point(x, y)})
    if len(problems) > found:
        return empty()
    return gpd.GeoDataFrame(rows, columns=[*schema.TOWN_PROPERTIES, "geometry"],
                            geometry="geometry", crs="EPSG:4326")


def _problem(feature, props: dict) -> str | None:
    """What is wrong with one town feature, or None."""
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else geometry
        return f"geometry is {kind!r}, not a Point"
    coords = geometry.get("coordinates")
    if (not isinstance(coords, list) or len(coords) < 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                       and math.isfinite(v) for v in coords[:2])):
        return f"coordinates {coords!r} are not a longitude and a latitude"
    if not (-180 <= coords[0] <= 180 and -90 <= coords[1] <= 90):
        return f"coordinates {coords!r} are not WGS84 longitude/latitude"
    missing = [k for k in schema.TOWN_PROPERTIES if props.get(k) in (None, "")]
    if missing:
        return f"missing properties {missing}"
    level = props["level"]
    if isinstance(level, bool) or level not in schema.TOWN_LEVELS:
        return f"level {level!r} is not one of {sorted(schema.TOWN_LEVELS)}"
    pcode, length = props["pcode"], schema.TOWN_PCODE_LENGTHS[level]
    if not isinstance(pcode, str) or not re.fullmatch(r"SY\d*", pcode) or len(pcode) != length:
        return (f"pcode {pcode!r} is not the P-code of a {schema.TOWN_LEVELS[level]}'s area "
                f"('SY' and {length - 2} digits)")
    if not isinstance(props["name"], str) or not isinstance(props["name_ar"], str):
        return "name and name_ar must be text"
    if not any("\u0600" <= c <= "\u06ff" for c in props["name_ar"]):
        return f"name_ar {props['name_ar']!r} is not in Arabic script"
    return None


def page_towns(towns: gpd.GeoDataFrame, crossings: gpd.GeoDataFrame,
               metric_crs: str) -> list[list]:
    """The towns for the page, compactly: [lon, lat, level, name, name_ar], in the order the
    page places their labels: the more important level first, then the nearer to a crossing
    (in metres, in `metric_crs`), then by P-code."""
    if towns.empty:
        return []
    near = gpd.GeoSeries(crossings.geometry, crs="EPSG:4326").to_crs(metric_crs).union_all() \
        if len(crossings) else None
    distance = (towns.to_crs(metric_crs).distance(near).round() if near is not None
                else pd.Series(0.0, index=towns.index))
    ordered = towns.assign(_distance=distance).sort_values(["level", "_distance", "pcode"],
                                                           kind="stable")
    return [[round(point.x, 4), round(point.y, 4), int(level), name, name_ar]
            for point, level, name, name_ar in zip(ordered.geometry, ordered["level"],
                                                   ordered["name"], ordered["name_ar"],
                                                   strict=True)]
