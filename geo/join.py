"""Match events and figures to crossings and OCHA areas: by name, by P-code, or in space.

Pure: frames in, frames out. Distances are measured in metres in a projected CRS, never in
degrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import MultiPoint, Point

from .validate import METRIC_CRS, Atlas

DEFAULT_RADIUS_M = 10_000  # an event this close to a crossing is "at" it


@dataclass
class Joined:
    """The atlas with every event and figure placed: crossings, events, figures, areas."""

    atlas: Atlas
    events: gpd.GeoDataFrame  # + match, distance_m, admin1_pcode, admin3_pcode, geometry
    figures: gpd.GeoDataFrame  # + area_level, area_label, geometry (a point on the area)
    radius_m: float


def join(atlas: Atlas, radius_m: float = DEFAULT_RADIUS_M) -> Joined:
    """Place every event and figure; nothing is dropped."""
    return Joined(atlas, join_events(atlas, radius_m), join_figures(atlas), radius_m)


def nearest_crossing(points: gpd.GeoDataFrame, crossings: gpd.GeoDataFrame,
                     radius_m: float) -> pd.DataFrame:
    """For each point, the nearest crossing id within `radius_m` metres and the distance.

    Returns a frame on `points`' index with `crossing_id` (None beyond the radius) and
    `distance_m`. Distances are compared to the centimetre, and a point that far from two
    crossings goes to the smaller id, so the answer does not depend on row order.
    """
    located = points[points.geometry.notna() & ~points.geometry.is_empty]
    best = pd.DataFrame(columns=["id", "distance_m"])
    if not located.empty and not crossings.empty:
        left = located[["geometry"]].to_crs(METRIC_CRS)
        right = crossings[["id", "geometry"]].to_crs(METRIC_CRS)
        pairs = gpd.sjoin(left, right, how="inner", predicate="dwithin", distance=radius_m)
        pairs["distance_m"] = left.geometry.loc[pairs.index].distance(
            right.geometry.iloc[pairs["index_right"]].set_axis(pairs.index)).round(2)
        pairs = pairs.reset_index(names="point").sort_values(["point", "distance_m", "id"])
        best = pairs.drop_duplicates("point").set_index("point")
    return pd.DataFrame({"crossing_id": _or_none(best["id"].reindex(points.index)),
                         "distance_m": best["distance_m"].reindex(points.index).astype(float)
                         .round(1)}, index=points.index)


def _or_none(values: pd.Series) -> pd.Series:
    """Missing values as None (not NaN), so 'no match' reads the same everywhere."""
    return values.astype(object).where(values.notna(), None)


def admin_area(points: gpd.GeoDataFrame, admin3: gpd.GeoDataFrame) -> pd.DataFrame:
    """The OCHA sub-district (and its governorate) each point falls in; None outside Syria.

    A point exactly on a shared border goes to the smaller P-code.
    """
    located = points[points.geometry.notna() & ~points.geometry.is_empty]
    best = pd.DataFrame(columns=["pcode", "admin1_pcode"])
    if not located.empty and not admin3.empty:
        hits = gpd.sjoin(located[["geometry"]], admin3[["pcode", "admin1_pcode", "geometry"]],
                         how="inner", predicate="intersects")
        hits = hits.reset_index(names="point").sort_values(["point", "pcode"])
        best = hits.drop_duplicates("point").set_index("point")
    return pd.DataFrame({"admin3_pcode": _or_none(best["pcode"].reindex(points.index)),
                         "admin1_pcode": _or_none(best["admin1_pcode"].reindex(points.index))},
                        index=points.index)


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
    areas = admin_area(joined, atlas.admin3)
    joined["admin3_pcode"], joined["admin1_pcode"] = areas["admin3_pcode"], areas["admin1_pcode"]
    return joined


def _crossings_geometry(ids: list[str], where: gpd.GeoSeries):
    """An event about named crossings sits on them: one Point, or a MultiPoint for several."""
    points = [where[i] for i in ids]
    if not points:
        return None
    return points[0] if len(points) == 1 else MultiPoint(points)


def area_shapes(atlas: Atlas) -> gpd.GeoSeries:
    """Every OCHA area the atlas knows, by P-code, at each level (sub-district up)."""
    admin3 = atlas.admin3.set_index("pcode").geometry
    admin2 = atlas.admin3.dissolve(by="admin2_pcode").geometry
    admin1 = atlas.admin1.set_index("pcode").geometry
    return pd.concat([admin1, admin2, admin3])


def join_figures(atlas: Atlas) -> gpd.GeoDataFrame:
    """Figures placed on their area (an OCHA P-code) or crossing, by a point inside it."""
    figures = atlas.figures.copy()
    shapes = area_shapes(atlas)
    crossings = atlas.crossings.set_index("id")
    names = {**dict(zip(atlas.admin1["pcode"], atlas.admin1["name"], strict=True)),
             **dict(zip(atlas.admin3["pcode"], atlas.admin3["name"], strict=True))}
    level, label, geometry = [], [], []
    for area in figures["area"]:
        if area in crossings.index:
            level.append("crossing")
            label.append(crossings.loc[area, "name"])
            geometry.append(crossings.loc[area, "geometry"])
        else:
            level.append({4: "admin1", 6: "admin2", 8: "admin3"}.get(len(area), "admin"))
            label.append(names.get(area, area))
            inside = area in shapes.index
            geometry.append(shapes[area].representative_point() if inside else None)
    figures["area_level"], figures["area_label"] = level, label
    return gpd.GeoDataFrame(figures, geometry=gpd.GeoSeries(geometry, index=figures.index,
                                                            crs="EPSG:4326"))
