"""Prepare small, strict RFC 7946 boundary files for the atlas's tile-free basemap.

What it does
    Reads the OCHA COD-AB Syria admin 1/2/3 polygons and the Natural Earth 1:50m
    outlines of Syria and its neighbours from the shared data folder, keeps only
    the fields the atlas needs, simplifies each layer and writes four GeoJSON files
    to data/boundaries/: admin1, admin2, admin3 and neighbours.

Why
    The OCHA files are 1.3-5.8 MB each, carry a legacy `crs` member, 15-digit
    coordinates and clockwise exterior rings, so they are neither web-sized nor
    RFC 7946. This script makes them so, reproducibly:

    * shapely.coverage_simplify simplifies each layer as a coverage, so edges
      shared by neighbouring polygons stay shared (no gaps or slivers appear);
    * coordinates are then snapped to a 1e-5 degree grid (about 1 m; 1e-4 for
      Natural Earth, whose own grid is 0.0036 x 0.0017 degrees) for the whole
      coverage at once, so the rounding cannot open slivers either, and written
      with 5 (4) decimals;
    * exterior rings are made counter-clockwise and holes clockwise;
    * features are sorted by P-code and the JSON is written compactly, in UTF-8
      with the Arabic unescaped, so two runs give byte-identical files.

    It then checks its own output: read back with pyogrio (feature counts,
    validity, nothing empty), ring orientation in the raw JSON, no `crs` member,
    the size budgets, and that simplification did not move polygons under the
    P-codes: a point inside each ORIGINAL admin3 polygon must fall in the
    simplified polygon with the same P-code (at least 99% of them).

Usage (from the repository root)
    .venv/bin/python scripts/prepare_boundaries.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

REPO_ROOT = Path(__file__).resolve().parent.parent

# OCHA COD-AB field name -> field name in our files. In the OCHA v02 files
# `admN_pcode` is the P-code, `admN_name` the English name (lang = "en") and
# `admN_name1` the Arabic name (lang1 = "ar"); each level also repeats the
# P-codes of the levels above it (`adm1_pcode`, `adm2_pcode`).
CROSSWALK = {
    1: {
        "adm1_pcode": "pcode",
        "adm1_name": "name",
        "adm1_name1": "name_ar",
    },
    2: {
        "adm2_pcode": "pcode",
        "adm2_name": "name",
        "adm2_name1": "name_ar",
        "adm1_pcode": "admin1_pcode",
    },
    3: {
        "adm3_pcode": "pcode",
        "adm3_name": "name",
        "adm3_name1": "name_ar",
        "adm2_pcode": "admin2_pcode",
        "adm1_pcode": "admin1_pcode",
    },
}
EXPECTED_COUNTS = {1: 14, 2: 62, 3: 272}

# Natural Earth field -> our field. The world-atlas conversion keeps only the
# English `name` and the ISO 3166-1 numeric code `iso_n3` (a string, so "031"
# keeps its leading zero); there is no `iso_a3` in this file.
NE_FIELDS = {"name": "name", "iso_n3": "iso_n3"}

# coverage_simplify tolerances, in degrees (roughly the square root of the area
# of the triangles removed). 0.001 degree is about 110 m north-south and 90 m
# east-west at 35 N; one value for all three levels keeps their lines close.
TOLERANCE = {1: 0.001, 2: 0.001, 3: 0.001}
NE_TOLERANCE = 0.02  # about 2 km; far below what a 1:50m outline resolves

BOUNDARY_DECIMALS = 5  # about 1 m
NE_DECIMALS = 4  # Natural Earth's own grid here is 0.0036 x 0.0017 degrees

SIZE_BUDGET_KB = {"admin1": 150, "admin2": 300, "admin3": 600, "neighbours": 60}
JOIN_THRESHOLD = 0.99


def read_wgs84(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON file and make sure it is in longitude/latitude WGS 84."""
    gdf = gpd.read_file(path, engine="pyogrio")
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    return gdf


def count_gaps(geoms: np.ndarray) -> int:
    """Number of holes in the union of a coverage, i.e. gaps between its polygons
    (plus any real enclave that no polygon fills; there are none in these files)."""
    union = shapely.union_all(geoms)
    return int(shapely.get_num_interior_rings(shapely.get_parts(union)).sum())


def snap_coverage_to_grid(geoms: np.ndarray, grid: float) -> np.ndarray:
    """Put every vertex of a polygon coverage on a grid without opening gaps.

    Rounding each polygon on its own (shapely.set_precision) can treat an edge
    shared by two polygons differently in each, because each polygon is repaired
    separately; the OCHA files have near-duplicate vertices (~0.2 m apart) at some
    junctions, and that opened a 3 km sliver in admin3. So instead snap-round all
    edges of the coverage together, rebuild the faces they enclose, and give each
    face to the input polygon it overlaps most.
    """
    edges = shapely.union_all(shapely.boundary(geoms), grid_size=grid)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(edges)))
    face_idx, geom_idx = shapely.STRtree(geoms).query(faces, predicate="intersects")
    overlap = shapely.area(shapely.intersection(faces[face_idx], geoms[geom_idx]))
    owner: dict[int, tuple[int, float]] = {}
    for f, g, area in zip(face_idx, geom_idx, overlap, strict=True):
        if area > owner.get(f, (-1, 0.0))[1]:
            owner[f] = (g, area)
    owned: list[list] = [[] for _ in geoms]
    for f, (g, _) in owner.items():
        owned[g].append(faces[f])
    return np.array([shapely.union_all(parts, grid_size=grid) for parts in owned], dtype=object)


def simplify(geoms: np.ndarray, tolerance: float, decimals: int) -> np.ndarray:
    """Simplify a polygon coverage, snap it to the output grid and orient it."""
    if not shapely.coverage_is_valid(geoms):
        sys.exit("input polygons do not form a valid coverage (overlaps or unmatched edges)")
    out = shapely.coverage_simplify(geoms, tolerance)
    out = snap_coverage_to_grid(out, 10.0**-decimals)
    invalid = ~shapely.is_valid(out)
    if invalid.any():
        print(f"  make_valid on {invalid.sum()} geometries")
        out[invalid] = shapely.make_valid(out[invalid])
    for geom in out:
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            sys.exit(f"simplification produced an empty or non-polygon geometry: {geom.wkt[:60]}")
    if not shapely.coverage_is_valid(out):
        sys.exit("simplified polygons no longer form a valid coverage")
    if count_gaps(out) != count_gaps(geoms):
        sys.exit("simplification opened gaps between polygons")
    # RFC 7946 section 3.1.6: exterior rings counter-clockwise, holes clockwise.
    return shapely.orient_polygons(out, exterior_cw=False)


def round_coords(coords, decimals: int):
    """Round nested GeoJSON coordinate arrays; tuples become lists."""
    if isinstance(coords[0], (int, float)):
        return [round(float(value), decimals) for value in coords]
    return [round_coords(part, decimals) for part in coords]


def write_geojson(path: Path, properties: list[dict], geoms, decimals: int) -> None:
    """Write a compact, deterministic RFC 7946 FeatureCollection (no `crs` member)."""
    features = []
    for props, geom in zip(properties, geoms, strict=True):
        mapping = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {
                    "type": mapping["type"],
                    "coordinates": round_coords(mapping["coordinates"], decimals),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def check_output(path: Path, expected_count: int) -> gpd.GeoDataFrame:
    """Re-read a written file and check counts, validity, emptiness and winding."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if set(raw) != {"type", "features"}:
        sys.exit(f"{path.name}: unexpected top-level members {sorted(raw)}")
    for feature in raw["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        for polygon in shapely.get_parts(geom):
            if not polygon.exterior.is_ccw or any(ring.is_ccw for ring in polygon.interiors):
                sys.exit(f"{path.name}: wrong ring orientation in {feature['properties']}")

    back = pyogrio.read_dataframe(path)
    if len(back) != expected_count:
        sys.exit(f"{path.name}: read back {len(back)} features, expected {expected_count}")
    if not back.is_valid.all() or back.is_empty.any():
        sys.exit(f"{path.name}: invalid or empty geometries after reading back")
    return back


def join_check(original: gpd.GeoDataFrame, simplified: gpd.GeoDataFrame, pcode: str) -> float:
    """Share of original admin3 polygons whose representative point falls in the
    simplified polygon carrying the same P-code (and in no other)."""
    points = original.geometry.representative_point().values
    tree = shapely.STRtree(simplified.geometry.values)
    point_idx, poly_idx = tree.query(points, predicate="intersects")
    hits: dict[int, set[str]] = {}
    for i, j in zip(point_idx, poly_idx, strict=True):
        hits.setdefault(int(i), set()).add(simplified["pcode"].iloc[j])
    expected = original[pcode].tolist()
    matched = sum(hits.get(i) == {code} for i, code in enumerate(expected))
    return matched / len(expected)


def report(path: Path, budget_kb: int) -> int:
    size = path.stat().st_size
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    flag = "" if size <= budget_kb * 1000 else f"  WARNING: over the {budget_kb} KB budget"
    print(f"  {path.name}: {size:,} bytes ({size / 1000:.1f} KB), sha256 {digest[:16]}{flag}")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT / ".." / "shared",
        help="shared data folder (default: ../shared relative to the repo root)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "data" / "boundaries",
        help="output folder (default: data/boundaries in the repo)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    admin3_original = None
    written: dict[int, gpd.GeoDataFrame] = {}
    for level, crosswalk in CROSSWALK.items():
        source = args.shared / "data" / f"ocha_cod_syr_admin{level}.geojson"
        gdf = read_wgs84(source)
        pcode_field = f"adm{level}_pcode"
        if len(gdf) != EXPECTED_COUNTS[level] or not gdf[pcode_field].is_unique:
            sys.exit(f"{source.name}: expected {EXPECTED_COUNTS[level]} unique P-codes")
        gdf = gdf.sort_values(pcode_field, kind="stable").reset_index(drop=True)
        if level == 3:
            admin3_original = gdf

        print(f"admin{level}: {len(gdf)} features, tolerance {TOLERANCE[level]} degrees")
        geoms = simplify(gdf.geometry.values, TOLERANCE[level], BOUNDARY_DECIMALS)
        properties = gdf[list(crosswalk)].rename(columns=crosswalk).to_dict("records")
        path = args.out / f"admin{level}.geojson"
        write_geojson(path, properties, geoms, BOUNDARY_DECIMALS)
        written[level] = check_output(path, EXPECTED_COUNTS[level])
        report(path, SIZE_BUDGET_KB[f"admin{level}"])

    ne = read_wgs84(args.shared / "reference" / "ne_countries_50m_region.geojson")
    ne = ne.sort_values("name", kind="stable").reset_index(drop=True)
    print(f"neighbours: {len(ne)} countries, tolerance {NE_TOLERANCE} degrees")
    geoms = simplify(ne.geometry.values, NE_TOLERANCE, NE_DECIMALS)
    properties = ne[list(NE_FIELDS)].rename(columns=NE_FIELDS).astype(str).to_dict("records")
    path = args.out / "neighbours.geojson"
    write_geojson(path, properties, geoms, NE_DECIMALS)
    check_output(path, len(ne))
    report(path, SIZE_BUDGET_KB["neighbours"])

    # Does a point inside each original admin3 polygon still land in the right
    # simplified polygon, at every level?
    print("P-code join check (representative points of the original admin3 polygons):")
    for level in (3, 2, 1):
        share = join_check(admin3_original, written[level], f"adm{level}_pcode")
        print(f"  admin{level}: {share:.2%} of {len(admin3_original)} points keep their P-code")
        if share < JOIN_THRESHOLD:
            sys.exit(f"admin{level}: join check below {JOIN_THRESHOLD:.0%}")


if __name__ == "__main__":
    main()
