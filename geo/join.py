"""Match events and figures to crossings and OCHA areas: by name, by P-code, or in space.

Pure: frames in, frames out. Distances are measured in metres in a projected CRS, never in
degrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, Point

from . import schema
from .area_lookup import AreaCodes, AreaLookup
from .errors import DataError, Problem, setting

if TYPE_CHECKING:  # validate measures with this module's CRS, so import its Atlas for types only
    from .load import Boundaries
    from .validate import Atlas

# A projected CRS in metres for north-west Syria (UTM zone 37N): distances, radii and outlines.
METRIC_CRS = "EPSG:32637"
DEFAULT_RADIUS_M = 10_000  # an event this close to a crossing is "at" it
# Beyond this an event is not "at" a crossing in any sense the map can show.
MAX_RADIUS_M = 100_000


@cache
def to_metric() -> Transformer:
    """lon/lat (EPSG:4326) to METRIC_CRS, x = east; built once, reused for every call."""
    return Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


def metric_point(lon: float, lat: float) -> Point:
    """A longitude/latitude point in METRIC_CRS, for distances in metres."""
    return Point(*to_metric().transform(lon, lat))


def check_radius(radius_m: float) -> float:
    """The matching radius, if it is a distance the map can show; else a DataError."""
    if not 0 < radius_m <= MAX_RADIUS_M:  # also false for NaN
        raise DataError(Problem(setting("radius_m"), "", f"{radius_m!r} is not a radius in "
                                f"metres; give a number above 0 and at most {MAX_RADIUS_M:,}",
                                "give e.g. 10000"))
    return radius_m


@dataclass(kw_only=True)
class Joined:
    """The atlas with every event and figure placed: crossings, events, figures, areas."""

    atlas: Atlas
    events: gpd.GeoDataFrame  # + match, distance_m, admin1_pcode, admin3_pcode, geometry
    figures: gpd.GeoDataFrame  # + area_level, area_label(_ar), geometry (a point on the area)
    radius_m: float


def join(atlas: Atlas, radius_m: float = DEFAULT_RADIUS_M) -> Joined:
    """Place every event and figure; nothing is dropped."""
    check_radius(radius_m)
    return Joined(atlas=atlas, events=join_events(atlas, radius_m), figures=join_figures(atlas),
                  radius_m=radius_m)


def nearest_crossing(points: gpd.GeoDataFrame, crossings: gpd.GeoDataFrame,
                     radius_m: float) -> pd.DataFrame:
    """For each point, the nearest crossing id within `radius_m` metres and the distance.

    Returns a frame on `points`' index with `crossing_id` (None beyond the radius) and
    `distance_m`. Distances are compared to the centimetre, and a point that far from two
    crossings goes to the smaller id, so the answer does not depend on row order.
    """
    lon, lat = _lonlat(points)
    ids, distance = nearest_crossing_lonlat(lon, lat, crossings, radius_m)
    return pd.DataFrame({"crossing_id": pd.Series(ids, index=points.index, dtype=object),
                         "distance_m": distance}, index=points.index)


def nearest_crossing_lonlat(lon: np.ndarray, lat: np.ndarray, crossings: gpd.GeoDataFrame,
                            radius_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of the nearest crossing id (None beyond `radius_m`) and distance in metres."""
    codes, distance, ids = nearest_crossing_codes(lon, lat, crossings, radius_m)
    return _decode(codes, ids), distance


class NearestCrossings(NamedTuple):
    """Per point, its nearest crossing within the radius, as an index into `ids`."""

    code: np.ndarray  # index into ids; -1 beyond the radius
    distance_m: np.ndarray  # NaN beyond the radius
    ids: np.ndarray  # the crossing ids, sorted


def nearest_crossing_codes(lon: np.ndarray, lat: np.ndarray, crossings: gpd.GeoDataFrame,
                           radius_m: float, extra_m: np.ndarray | None = None) -> NearestCrossings:
    """Per point, the index into the sorted crossing ids (-1 beyond `radius_m`), the distance
    in metres, and those sorted ids.

    `extra_m`, when given, widens each point's reach by its own metres (an event known only
    to within so many metres of its point may lie within `radius_m` of a crossing as far as
    `radius_m + extra_m`). Vectorised for millions of points: only points inside a crossing's
    reach, widened to a box in degrees, are projected to METRIC_CRS (once each) and measured.
    Ties go to the smaller id.
    """
    crossings = crossings.sort_values("id")
    ids = crossings["id"].to_numpy()
    code = np.full(len(lon), -1, dtype=np.int32)
    distance = np.full(len(lon), np.nan)
    if crossings.empty or not len(lon):
        return NearestCrossings(code, distance, ids)
    reach = np.full(len(lon), float(radius_m))
    if extra_m is not None and (extra_m > 0).any():
        reach += np.nan_to_num(extra_m)
    code[:], distance[:] = _nearest(lon, lat, crossings, reach)
    return NearestCrossings(code, distance, ids)


def _nearest(lon: np.ndarray, lat: np.ndarray, crossings: gpd.GeoDataFrame,
             reach: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per point, the row of the nearest crossing (sorted by id) within its reach in metres
    (-1 if none), and the distance (NaN if none)."""
    best_k = np.full(len(lon), -1, dtype=np.int32)
    best = np.full(len(lon), np.nan)
    c_lon, c_lat = crossings.geometry.x.to_numpy(), crossings.geometry.y.to_numpy()
    # A box in degrees that surely holds a point's circle: a degree of latitude is >= 110.5 km
    # and a degree of longitude >= 111.3 km * cos(latitude); 1% spare for rounding.
    lat_deg = 1.01 / 110_500  # per metre of reach
    widest = float(reach.max())
    lon_deg = 1.01 / (111_300 * np.cos(np.radians(np.minimum(
        np.abs(c_lat) + widest * lat_deg, 89))))
    # The points in the box around every crossing's widest box; then each crossing's box
    # for each point's own reach.
    rows = np.flatnonzero((lon >= np.min(c_lon - widest * lon_deg))
                          & (lon <= np.max(c_lon + widest * lon_deg))
                          & (lat >= c_lat.min() - widest * lat_deg)
                          & (lat <= c_lat.max() + widest * lat_deg))
    lon, lat, reach = lon[rows], lat[rows], reach[rows]
    inside = [(np.abs(lon - c_lon[k]) <= reach * lon_deg[k])
              & (np.abs(lat - c_lat[k]) <= reach * lat_deg) for k in range(len(crossings))]
    boxed = np.logical_or.reduce(inside)
    # Each crossing's points, as positions among the boxed points.
    position = np.cumsum(boxed) - 1
    inside = [position[np.flatnonzero(box)] for box in inside]
    rows, reach = rows[boxed], reach[boxed]
    # Every point in some box projected once, measured only to the crossings whose box holds it.
    x, y = to_metric().transform(lon[boxed], lat[boxed])
    cx, cy = to_metric().transform(c_lon, c_lat)
    near_k, near = np.full(len(rows), -1, dtype=np.int32), np.full(len(rows), np.inf)
    for k, at in enumerate(inside):  # in id order, so a tie keeps the smaller id
        d = np.round(np.hypot(x[at] - cx[k], y[at] - cy[k]), 1)
        closer = (d <= reach[at]) & (d < near[at])
        near[at[closer]], near_k[at[closer]] = d[closer], k
    found = near_k >= 0
    best_k[rows[found]], best[rows[found]] = near_k[found], near[found]
    return best_k, best


def admin_area(points: gpd.GeoDataFrame, admin3: gpd.GeoDataFrame) -> pd.DataFrame:
    """The OCHA sub-district (and its governorate) each point falls in; None outside Syria.

    A point exactly on a shared border goes to the smaller P-code. A MultiPoint gets a
    P-code only where all its points fall in that area.
    """
    result = pd.DataFrame({"admin3_pcode": pd.Series(None, index=points.index, dtype=object),
                           "admin1_pcode": pd.Series(None, index=points.index, dtype=object)})
    located = points[points.geometry.notna() & ~points.geometry.is_empty]
    if located.empty or admin3.empty:
        return result
    single = located.geom_type == "Point"
    lon, lat = _lonlat(located[single])
    admin3_pcode, admin1_pcode = admin_area_lonlat(lon, lat, admin3)
    result.loc[located.index[single], "admin3_pcode"] = admin3_pcode
    result.loc[located.index[single], "admin1_pcode"] = admin1_pcode
    # An event about several crossings sits on a MultiPoint: it gets an area only where all
    # its points share it (two crossings in Idleb and one in Aleppo: no governorate at all).
    for index, shape in located[~single].geometry.items():
        parts = gpd.GeoSeries(list(shape.geoms), crs=located.crs)
        lon, lat = parts.x.to_numpy(), parts.y.to_numpy()
        admin3_codes, admin1_codes = admin_area_lonlat(lon, lat, admin3)
        if len(set(admin3_codes)) == 1:
            result.loc[index, "admin3_pcode"] = admin3_codes[0]
        if len(set(admin1_codes)) == 1:
            result.loc[index, "admin1_pcode"] = admin1_codes[0]
    return result.astype(object).where(result.notna(), None)  # "no area" is None, not NaN


def admin_area_lonlat(lon: np.ndarray, lat: np.ndarray,
                      admin3: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of the admin3 and admin1 P-code each point falls in (None outside every area)."""
    codes, areas = admin_area_codes(lon, lat, admin3)
    return _decode(codes, areas["pcode"].to_numpy()), \
        _decode(codes, areas["admin1_pcode"].to_numpy())


def admin_area_codes(lon: np.ndarray, lat: np.ndarray, admin3: gpd.GeoDataFrame) -> AreaCodes:
    """Per point, the row of the area it falls in (-1 outside all) in the P-code-sorted
    admin3 frame, and that frame (`area_lookup.AreaLookup`; to place many batches against
    the same areas, keep one of those). A point on a shared border goes to the smaller P-code.
    """
    return AreaLookup(admin3).codes(lon, lat)


def _decode(codes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Labels by code as an object array, None for -1."""
    out = np.full(len(codes), None, dtype=object)
    out[codes >= 0] = labels[codes[codes >= 0]]
    return out


def _lonlat(points: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of point geometries; NaN where a point is missing."""
    geometry = points.geometry.to_numpy()
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    lon, lat = np.full(len(points), np.nan), np.full(len(points), np.nan)
    lon[~missing] = shapely.get_x(geometry[~missing])
    lat[~missing] = shapely.get_y(geometry[~missing])
    return lon, lat


def join_events(atlas: Atlas, radius_m: float = DEFAULT_RADIUS_M) -> gpd.GeoDataFrame:
    """Events with a geometry and their crossings: named ones kept, located ones matched."""
    events = atlas.events.copy()
    own_point = [Point(lon, lat) if pd.notna(lat) else None
                 for lat, lon in zip(events["lat"], events["lon"], strict=True)]
    points = gpd.GeoDataFrame(events[[]], geometry=gpd.GeoSeries(own_point, index=events.index,
                                                                 crs="EPSG:4326"))
    nearest = nearest_crossing(points, atlas.crossings, radius_m)
    named = events["crossing_ids"].map(bool)
    events["match"] = np.where(named, "named", np.where(nearest["crossing_id"].notna(),
                                                         "nearest", "none"))
    events["distance_m"] = nearest["distance_m"].where(~named)
    events["crossing_ids"] = [ids if ids else ([c] if isinstance(c, str) else [])
                              for ids, c in zip(events["crossing_ids"],
                                                nearest["crossing_id"], strict=True)]
    where = atlas.crossings.set_index("id").geometry
    geometry = [own or _crossings_geometry(ids, where)
                for own, ids in zip(own_point, events["crossing_ids"], strict=True)]
    joined = gpd.GeoDataFrame(events, geometry=gpd.GeoSeries(geometry, index=events.index,
                                                             crs="EPSG:4326"))
    areas = admin_area(joined, atlas.boundaries.admin3)
    joined["admin3_pcode"], joined["admin1_pcode"] = areas["admin3_pcode"], areas["admin1_pcode"]
    return joined


def _crossings_geometry(ids: list[str], where: gpd.GeoSeries):
    """An event about named crossings sits on them: one Point, or a MultiPoint for several."""
    points = [where[i] for i in ids]
    if not points:
        return None
    return points[0] if len(points) == 1 else MultiPoint(points)


def area_points(boundaries: Boundaries) -> gpd.GeoSeries:
    """A point inside every OCHA area (its representative point), by P-code, at each level:
    where figures about an area are drawn (the curated ones and the figures tables')."""
    shapes = pd.concat([layer.set_index("pcode").geometry for layer in boundaries.layers()])
    return shapes.representative_point()


def join_figures(atlas: Atlas) -> gpd.GeoDataFrame:
    """Figures placed on their area (an OCHA P-code) or crossing, by a point inside it, and
    named as OCHA (or the gazetteer) names it, in English and Arabic."""
    figures = atlas.figures.copy()
    points = area_points(atlas.boundaries)
    crossings = atlas.crossings.set_index("id")
    layers = atlas.boundaries.layers()
    names = {code: name for layer in layers
             for code, name in zip(layer["pcode"], layer["name"], strict=True)}
    names_ar = {code: name for layer in layers if "name_ar" in layer
                for code, name in zip(layer["pcode"], layer["name_ar"], strict=True)}
    level, label, label_ar, geometry = [], [], [], []
    for area in figures["area"]:
        if area in crossings.index:
            level.append("crossing")
            label.append(crossings.loc[area, "name"])
            label_ar.append(crossings.loc[area, "name_ar"] or None)
            geometry.append(crossings.loc[area, "geometry"])
        else:
            level.append(schema.LEVEL_OF_PCODE_LENGTH.get(len(area), "admin"))
            label.append(names.get(area, area))
            label_ar.append(names_ar.get(area))
            geometry.append(points[area] if area in points.index else None)
    figures["area_level"], figures["area_label"], figures["area_label_ar"] = \
        level, label, label_ar
    return gpd.GeoDataFrame(figures, geometry=gpd.GeoSeries(geometry, index=figures.index,
                                                            crs="EPSG:4326"))
