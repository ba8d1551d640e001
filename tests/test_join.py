"""Joins: events to crossings by name or by distance in metres, figures and points to OCHA areas."""

from __future__ import annotations

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import Point

from geo.join import METRIC_CRS, admin_area, join, nearest_crossing

GEOD = Geod(ellps="WGS84")
SARAQIB = (36.80336, 35.86604)  # OCHA populated place C3916 (lon, lat)


def _points(coords):
    return gpd.GeoDataFrame(geometry=[Point(c) if c else None for c in coords], crs="EPSG:4326")


def _at(origin, azimuth, metres):
    lon, lat, _ = GEOD.fwd(origin[0], origin[1], azimuth, metres)
    return lon, lat


@pytest.fixture
def two_crossings():
    east = _at(SARAQIB, 90, 20_000)
    return gpd.GeoDataFrame({"id": ["a-west", "b-east"]},
                            geometry=[Point(SARAQIB), Point(east)], crs="EPSG:4326")


@pytest.mark.parametrize("metres, expected", [(9_950, "a-west"), (10_050, None)])
def test_nearest_crossing_uses_metres_not_degrees(two_crossings, metres, expected):
    # Due north: a degree of latitude is not a degree of longitude, so this would differ in
    # degrees; in metres the radius is exact.
    points = _points([_at(SARAQIB, 0, metres)])
    found = nearest_crossing(points, two_crossings, radius_m=10_000)
    assert found.loc[0, "crossing_id"] == expected
    if expected:
        assert found.loc[0, "distance_m"] == pytest.approx(metres, rel=2e-3)


def test_equidistant_point_goes_to_the_smaller_id_whatever_the_order():
    # Two crossings 10 km either side of a point, exactly, in the metric CRS.
    metric = gpd.GeoSeries([Point(700_000, 3_970_000), Point(690_000, 3_970_000),
                            Point(710_000, 3_970_000)], crs=METRIC_CRS).to_crs("EPSG:4326")
    crossings = gpd.GeoDataFrame({"id": ["b-east", "a-west"]}, geometry=list(metric[1:]),
                                 crs="EPSG:4326")
    for order in (crossings, crossings.iloc[::-1]):
        found = nearest_crossing(_points([metric[0]]), order, radius_m=15_000)
        assert found.loc[0, "crossing_id"] == "a-west"
        assert found.loc[0, "distance_m"] == pytest.approx(10_000, abs=0.1)


def test_points_without_geometry_are_kept_unmatched(two_crossings):
    found = nearest_crossing(_points([None, SARAQIB]), two_crossings, radius_m=1_000)
    assert list(found["crossing_id"]) == [None, "a-west"]


def test_admin_area_finds_the_ocha_subdistrict(atlas):
    # Saraqib town is in sub-district SY070003 (Saraqab), governorate SY07 (places.csv).
    areas = admin_area(_points([SARAQIB, (36.86366, 36.51331), (10.0, 50.0)]),
                       atlas.boundaries.admin3)
    assert list(areas["admin3_pcode"]) == ["SY070003", "SY020300", None]
    assert list(areas["admin1_pcode"]) == ["SY07", "SY02", None]


def test_admin_area_on_a_shared_border_goes_to_the_smaller_pcode(atlas):
    admin3 = atlas.boundaries.admin3.set_index("pcode")
    first, second = "SY070003", "SY070000"  # Saraqab and Idleb sub-districts share a border
    border = admin3.loc[first].geometry.intersection(admin3.loc[second].geometry)
    assert not border.is_empty, "the two sub-districts no longer touch; pick another pair"
    point = border.interpolate(0.5, normalized=True) if border.geom_type.endswith("String") \
        else border.representative_point()
    areas = admin_area(gpd.GeoDataFrame(geometry=[point], crs="EPSG:4326"), atlas.boundaries.admin3)
    assert areas.loc[0, "admin3_pcode"] == min(first, second)


def test_bundled_events_and_figures_all_placed(atlas):
    joined = join(atlas)
    events = joined.events
    assert len(events) == len(atlas.events)  # nothing dropped
    named = events[events["match"] == "named"]
    assert named["crossing_ids"].map(len).gt(0).all()
    # An event with a crossing but no coordinates of its own sits on its crossing(s).
    for _, e in named.iterrows():
        crossings = atlas.crossings.set_index("id").loc[e["crossing_ids"]].geometry
        assert all(e.geometry.covers(p) or e.geometry.equals(p) for p in crossings) \
            or e["lat"] == e["lat"]  # events with their own point keep it
    figures = joined.figures
    assert len(figures) == len(atlas.figures)
    shapes = atlas.boundaries.admin1.set_index("pcode").geometry
    for _, f in figures.iterrows():
        if f["area_level"] == "admin1":
            assert shapes[f["area"]].contains(f.geometry), f["figure_id"]


def test_located_event_without_a_crossing_is_matched_by_distance(atlas):
    events = atlas.events.copy()
    events.at[0, "crossing_ids"] = []
    events.at[0, "lat"], events.at[0, "lon"] = 35.86, 36.77  # ~0.7 km from Tarnaba
    moved = type(atlas)(**{**atlas.__dict__, "events": events})
    joined = join(moved, radius_m=5_000).events
    assert joined.loc[0, "match"] == "nearest"
    assert joined.loc[0, "crossing_ids"] == ["saraqib"]
    assert 0 < joined.loc[0, "distance_m"] < 5_000


def test_event_on_several_crossings_gets_only_the_area_they_share(atlas):
    from shapely.geometry import MultiPoint

    saraqib, idlib, atarib = SARAQIB, (36.63491, 35.93199), (36.82191, 36.13812)
    points = gpd.GeoDataFrame(geometry=[MultiPoint([saraqib, idlib]),
                                        MultiPoint([saraqib, atarib]),
                                        MultiPoint([saraqib, _at(SARAQIB, 90, 500)])],
                              crs="EPSG:4326")
    areas = admin_area(points, atlas.boundaries.admin3)
    # Saraqab and Idleb sub-districts, both in Idleb governorate; then Idleb with Aleppo.
    assert list(areas["admin1_pcode"]) == ["SY07", None, "SY07"]
    assert list(areas["admin3_pcode"]) == [None, None, "SY070003"]


def test_figure_on_a_district_is_placed_inside_it_and_named(atlas):
    from geo.join import join_figures

    figures = atlas.figures.copy()
    figures.loc[0, "area"] = "SY0702"  # Al Ma'ra district, southern Idlib
    placed = join_figures(type(atlas)(**{**atlas.__dict__, "figures": figures}))
    districts = atlas.boundaries.admin2.set_index("pcode")
    district = districts.geometry["SY0702"]
    assert placed.loc[0, "area_level"] == "admin2"
    assert placed.loc[0, "area_label"] == districts.loc["SY0702", "name"]
    assert district.contains(placed.geometry[0])
