"""The vectorised joins behind --events-table, on hand-made points: radius, ties, borders."""

from __future__ import annotations

import pickle
import threading
from datetime import date, timedelta

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import Point, box

from geo.area_lookup import CELL_DEG, GRID_FROM_POINTS, AreaLookup
from geo.events_table.counts import period_start
from geo.join import (
    METRIC_CRS,
    admin_area_lonlat,
    nearest_crossing_codes,
    nearest_crossing_lonlat,
)

GEOD = Geod(ellps="WGS84")


def crossings(*rows: tuple[str, float, float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": [r[0] for r in rows]},
                            geometry=[Point(r[1], r[2]) for r in rows], crs="EPSG:4326")


def test_inside_and_outside_the_radius_in_metres():
    gazetteer = crossings(("only", 36.6, 35.6))
    # Points 9,950 m and 10,050 m away along four bearings, by the geodesic.
    bearings = [0, 90, 180, 270] * 2
    metres = [9_950] * 4 + [10_050] * 4
    lon, lat, _ = GEOD.fwd([36.6] * 8, [35.6] * 8, bearings, metres)
    ids, distance = nearest_crossing_lonlat(np.array(lon), np.array(lat), gazetteer, 10_000)
    assert list(ids) == ["only"] * 4 + [None] * 4
    assert np.isnan(distance[4:]).all()


def test_distances_agree_with_the_geodesic():
    gazetteer = crossings(("c", 36.8, 35.9))
    rng = np.random.default_rng(7)
    lon = 36.8 + rng.uniform(-0.1, 0.1, 200)
    lat = 35.9 + rng.uniform(-0.08, 0.08, 200)
    ids, distance = nearest_crossing_lonlat(lon, lat, gazetteer, 20_000)
    _, _, geodesic = GEOD.inv(np.full(200, 36.8), np.full(200, 35.9), lon, lat)
    found = ids == "c"
    assert found.all()
    # UTM 37N distorts distances by well under 0.1% in north-west Syria; 0.1 m rounding.
    np.testing.assert_allclose(distance[found], geodesic[found], rtol=1e-3, atol=0.1)


def test_a_point_equidistant_from_two_crossings_goes_to_the_smaller_id():
    to_metric = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    x, y = to_metric.transform([36.50, 36.62], [35.50, 35.55])
    mid_lon, mid_lat = to_metric.transform((x[0] + x[1]) / 2, (y[0] + y[1]) / 2,
                                           direction="INVERSE")
    for order in (("zeta", "alpha"), ("alpha", "zeta")):
        where = {"zeta": (36.50, 35.50), "alpha": (36.62, 35.55)}
        gazetteer = crossings(*[(i, *where[i]) for i in order])
        ids, distance = nearest_crossing_lonlat(np.array([mid_lon]), np.array([mid_lat]),
                                                gazetteer, 10_000)
        assert ids[0] == "alpha"
        half = np.hypot(x[1] - x[0], y[1] - y[0]) / 2
        assert distance[0] == pytest.approx(half, abs=0.1)


def test_nearest_of_two_crossings_wins_and_missing_points_stay_unmatched():
    gazetteer = crossings(("a", 36.50, 35.50), ("b", 36.56, 35.50))
    lon = np.array([36.51, 36.55, np.nan, 37.5])
    lat = np.array([35.50, 35.50, 35.5, 35.5])
    ids, distance = nearest_crossing_lonlat(lon, lat, gazetteer, 10_000)
    assert list(ids) == ["a", "b", None, None]
    assert distance[0] < 1_000 and distance[1] < 1_000


def test_each_point_reaches_as_far_as_its_own_uncertainty():
    gazetteer = crossings(("a", 36.50, 35.50), ("b", 36.90, 35.50))
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(36.2, 37.2, 2_000), rng.uniform(35.2, 35.8, 2_000)
    extra = rng.choice([0.0, 5_000.0, 25_000.0], 2_000)  # points, and two kinds of circle
    codes, distance, ids = nearest_crossing_codes(lon, lat, gazetteer, 10_000, extra)
    # Independently: the geodesic to each crossing, the nearest that the circle reaches.
    to_a = GEOD.inv(np.full(2_000, 36.50), np.full(2_000, 35.50), lon, lat)[2]
    to_b = GEOD.inv(np.full(2_000, 36.90), np.full(2_000, 35.50), lon, lat)[2]
    nearest = np.where(to_a <= to_b, 0, 1)
    reach = 10_000 + extra
    expected = np.where(np.minimum(to_a, to_b) <= reach, nearest, -1)
    clear = np.abs(np.minimum(to_a, to_b) - reach) > 0.002 * reach  # projection error apart
    assert (codes[clear] == expected[clear]).all()
    assert list(ids) == ["a", "b"]
    assert (codes >= 0).sum() > 500 and (extra[codes >= 0] > 0).any()
    assert np.isnan(distance[codes < 0]).all()


def areas() -> gpd.GeoDataFrame:
    """Two sub-districts sharing the meridian 36.5; the eastern one has the smaller P-code."""
    return gpd.GeoDataFrame({"pcode": ["SY020001", "SY010001"],
                             "admin1_pcode": ["SY02", "SY01"]},
                            geometry=[box(36.0, 35.0, 36.5, 35.5), box(36.5, 35.0, 37.0, 35.5)],
                            crs="EPSG:4326")


def test_admin_area_inside_on_the_border_and_outside():
    lon = np.array([36.2, 36.8, 36.5, 37.2, 36.5])
    lat = np.array([35.2, 35.2, 35.25, 35.2, 35.0])  # last: the shared corner of both
    admin3, admin1 = admin_area_lonlat(lon, lat, areas())
    assert list(admin3) == ["SY020001", "SY010001", "SY010001", None, "SY010001"]
    assert list(admin1) == ["SY02", "SY01", "SY01", None, "SY01"]


def test_weeks_start_on_monday_and_months_on_the_first():
    days = [date(2019, 12, 25) + timedelta(days=n) for n in range(21)]
    values = np.array(days, dtype="datetime64[D]")
    weeks = period_start(values, "week").astype(object)
    months = period_start(values, "month").astype(object)
    for day, week, month in zip(days, weeks, months, strict=True):
        assert week == day - timedelta(days=day.weekday())
        assert month == day.replace(day=1)


def test_the_area_grid_gives_the_answers_of_the_exact_test(atlas):
    """Points on the real sub-districts, many on borders, vertices and the grid's cell edges:
    the grid (built for many points) must place each exactly as testing every area does."""
    admin3 = atlas.boundaries.admin3
    rng = np.random.default_rng(13)
    west, south, east, north = admin3.total_bounds
    vertices = shapely.get_coordinates(admin3.boundary.to_numpy())
    # The whole region and a margin; every vertex, and midpoints of border segments; the
    # corners and edges of grid cells.
    lon = [rng.uniform(west - 0.3, east + 0.3, GRID_FROM_POINTS),
           vertices[:, 0], (vertices[:-1, 0] + vertices[1:, 0]) / 2]
    lat = [rng.uniform(south - 0.3, north + 0.3, GRID_FROM_POINTS),
           vertices[:, 1], (vertices[:-1, 1] + vertices[1:, 1]) / 2]
    corners = rng.integers(0, 300, (2, 20_000)) * CELL_DEG
    lon.append(west + corners[0])
    lat.append(south + corners[1] + rng.choice([0, CELL_DEG / 2], 20_000))
    lon, lat = np.concatenate([*lon, [np.nan, 36.7]]), np.concatenate([*lat, [35.5, np.nan]])
    lookup = AreaLookup(admin3)
    gridded = lookup.codes(lon, lat)
    assert lookup.grid is not None
    exact = lookup._exact(lon, lat)
    assert (exact >= 0).sum() > GRID_FROM_POINTS // 2  # most points fall in an area
    np.testing.assert_array_equal(gridded.code, exact)


def test_two_threads_placing_at_once_each_use_their_own_prepared_areas(atlas):
    """GEOS builds a prepared polygon's index on first use without a lock (libgeos/geos#825):
    two threads sharing the real sub-districts crashed the process within a few hundred
    fresh lookups. Each thread gets its own copy, with the same coordinates, and both agree."""
    admin3 = atlas.boundaries.admin3
    west, south, east, north = admin3.total_bounds
    rng = np.random.default_rng(21)
    lon, lat = rng.uniform(west, east, 5_000), rng.uniform(south, north, 5_000)
    expected = AreaLookup(admin3).codes(lon, lat).code
    for _ in range(150):  # fresh lookups: nothing prepared or indexed before the threads start
        lookup = AreaLookup(admin3)
        start, found, shapes = threading.Barrier(2), [None, None], [None, None]

        def place(i, lookup=lookup, start=start, found=found, shapes=shapes):
            start.wait()
            found[i], shapes[i] = lookup.codes(lon, lat).code, lookup.shapes()

        threads = [threading.Thread(target=place, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for codes in found:
            np.testing.assert_array_equal(codes, expected)
    assert shapes[0][0] is not shapes[1][0]
    assert shapely.equals_identical(shapes[0], shapes[1]).all()
    # A Dask worker's copy (pickled) finds the same areas, with copies of its own.
    copy = pickle.loads(pickle.dumps(lookup))
    np.testing.assert_array_equal(copy.codes(lon, lat).code, expected)


def test_the_area_grid_keeps_points_on_a_border_along_its_cell_edges():
    """The two boxes' shared meridian falls on a grid line: a point on it still goes to the
    smaller P-code, and points on the outer edges are still in."""
    rng = np.random.default_rng(5)
    n = GRID_FROM_POINTS
    lon = np.concatenate([np.full(n // 2, 36.5), rng.choice([36.0, 37.0], n // 4),
                          rng.uniform(35.9, 37.1, n // 4)])
    lat = rng.uniform(34.95, 35.55, n)
    lookup = AreaLookup(areas())
    codes = lookup.codes(lon, lat)
    assert lookup.grid is not None
    inside = (lat >= 35.0) & (lat <= 35.5)
    expected = np.where(inside & (lon >= 36.5) & (lon <= 37.0), 0,  # SY010001 sorts first
                        np.where(inside & (lon >= 36.0) & (lon < 36.5), 1, -1))
    np.testing.assert_array_equal(codes.code, expected)


def test_month_starts_agree_with_numpy_calendar_over_centuries():
    """period_start works months out in integer arithmetic; numpy's calendar is the check,
    every day from 1600 to 2400 (leap centuries included), NaT kept."""
    days = np.arange(np.datetime64("1600-01-01"), np.datetime64("2400-12-31"))
    days[::997] = np.datetime64("NaT")
    expected = days.astype("datetime64[M]").astype("datetime64[D]")
    np.testing.assert_array_equal(period_start(days, "month"), expected)
