"""Which OCHA sub-district each of millions of points falls in, on coordinate arrays.

Exact, point by point: each area tests only the points inside its bounding box
(`shapely.intersects_xy` on prepared shapes), and a point on a shared border goes to the
smaller P-code. For many points, a grid of cells over the areas answers most of them first:
a cell that lies inside one area's interior and touches no other area gives every point in it
that area, a cell that touches no area gives none, and only the points in the cells crossed by
a border are tested exactly. The same answers, a fraction of the tests.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import shapely

# Degrees per grid cell (about 2 km): a finer grid answers more points but costs more to
# build (its cells are tested against the areas once per build).
CELL_DEG = 0.02
# Points placed at once before the grid pays for its building (about half a second).
GRID_FROM_POINTS = 250_000
_GRID_BUILT_ONCE = threading.Lock()
# Each cell is tested a hair larger than it is, so that a point whose cell number rounding
# put one cell over still lies in the box its cell was tested as.
CELL_SLACK_DEG = 1e-9
_MIXED = -2  # a cell crossed by a border, or by more than one area: test its points exactly


class AreaCodes(NamedTuple):
    """Per point, the sub-district it falls in, as a row of `areas`."""

    code: np.ndarray  # row in areas; -1 outside every area
    areas: gpd.GeoDataFrame  # the sub-districts, sorted by P-code


class AreaLookup:
    """The sub-districts sorted by P-code, prepared for point-in-polygon tests, and (once
    many points are asked about) the grid of cells each inside one area.

    Batches are placed on two threads at once, and GEOS builds a prepared shape's index on
    its first use without a lock (libgeos/geos#825): two threads sharing one crash the
    process. So each thread tests points against its own prepared copy of the areas."""

    def __init__(self, admin3: gpd.GeoDataFrame):
        self.areas = admin3.sort_values("pcode")
        self.wkb = shapely.to_wkb(self.areas.geometry.to_numpy())  # each thread's copy's source
        self.bounds = shapely.bounds(self.areas.geometry.to_numpy())
        self.grid: _Grid | None = None
        self.per_thread = threading.local()

    def __getstate__(self) -> dict:
        # A Dask worker gets the areas, not this process's threads' copies.
        return {k: v for k, v in self.__dict__.items() if k != "per_thread"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, per_thread=threading.local())

    def shapes(self) -> np.ndarray:
        """This thread's own prepared copy of the areas (the same coordinates, from WKB)."""
        shapes = getattr(self.per_thread, "shapes", None)
        if shapes is None:
            shapes = shapely.from_wkb(self.wkb)
            shapely.prepare(shapes)
            self.per_thread.shapes = shapes
        return shapes

    def codes(self, lon: np.ndarray, lat: np.ndarray) -> AreaCodes:
        """Per point, the row of the area it falls in (-1 outside all) in `areas`."""
        if self.grid is None and len(lon) >= GRID_FROM_POINTS and len(self.wkb):
            with _GRID_BUILT_ONCE:  # batches are placed on two threads: one builds, one waits
                if self.grid is None:
                    self.grid = _Grid(self.shapes(), self.bounds)
        if self.grid is None:
            return AreaCodes(self._exact(lon, lat), self.areas)
        area = self.grid.codes(lon, lat)
        mixed = np.flatnonzero(area == _MIXED)
        area[mixed] = self._exact(lon[mixed], lat[mixed])
        return AreaCodes(area, self.areas)

    def _exact(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Each point tested against every area whose bounding box holds it."""
        area = np.full(len(lon), -1, dtype=np.int32)
        points = _ByLongitude(lon, lat)
        for k, (shape, (west, south, east, north)) in enumerate(
                zip(self.shapes(), self.bounds, strict=True)):
            rows = points.in_box(west, east, south, north)
            rows = rows[area[rows] < 0]  # in P-code order: the first area to claim it keeps it
            area[rows[shapely.intersects_xy(shape, lon[rows], lat[rows])]] = k
        return area


class _Grid:
    """Cells of CELL_DEG over the areas' bounds: the area a cell lies wholly inside (touching
    no other), -1 for a cell no area touches, or _MIXED."""

    def __init__(self, shapes: np.ndarray, bounds: np.ndarray):
        self.west, self.south, east, north = shapely.total_bounds(shapes)
        self.nx = int(np.ceil((east - self.west) / CELL_DEG)) + 1
        self.ny = int(np.ceil((north - self.south) / CELL_DEG)) + 1
        touching = np.zeros(self.nx * self.ny, dtype=np.int32)
        inside = np.full(self.nx * self.ny, -1, dtype=np.int32)
        for k, (shape, box) in enumerate(zip(shapes, bounds, strict=True)):
            i, j = self._cells_over(box)
            cell = i * self.ny + j
            boxes = shapely.box(self.west + i * CELL_DEG - CELL_SLACK_DEG,
                                self.south + j * CELL_DEG - CELL_SLACK_DEG,
                                self.west + (i + 1) * CELL_DEG + CELL_SLACK_DEG,
                                self.south + (j + 1) * CELL_DEG + CELL_SLACK_DEG)
            hit = shapely.intersects(shape, boxes)
            touching[cell[hit]] += 1
            inside[cell[hit][shapely.contains_properly(shape, boxes[hit])]] = k
        self.code = np.where(touching == 0, -1,
                             np.where((touching == 1) & (inside >= 0), inside, _MIXED))

    def _cells_over(self, bounds) -> tuple[np.ndarray, np.ndarray]:
        """Column and row numbers of the cells over a bounding box (one cell spare around)."""
        west, south, east, north = bounds
        i0 = max(int((west - self.west) // CELL_DEG) - 1, 0)
        i1 = min(int((east - self.west) // CELL_DEG) + 1, self.nx - 1)
        j0 = max(int((south - self.south) // CELL_DEG) - 1, 0)
        j1 = min(int((north - self.south) // CELL_DEG) + 1, self.ny - 1)
        i, j = np.meshgrid(np.arange(i0, i1 + 1), np.arange(j0, j1 + 1), indexing="ij")
        return i.ravel(), j.ravel()

    def codes(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Per point, its cell's code; _MIXED also for a point off the grid (or NaN)."""
        i = np.floor((lon - self.west) / CELL_DEG)
        j = np.floor((lat - self.south) / CELL_DEG)
        on = (i >= 0) & (i < self.nx) & (j >= 0) & (j < self.ny)  # False for NaN
        out = np.full(len(lon), _MIXED, dtype=np.int32)
        out[on] = self.code[i[on].astype(np.int64) * self.ny + j[on].astype(np.int64)]
        return out


class _ByLongitude:
    """Points sorted by longitude once, to find those in many boxes by binary search."""

    def __init__(self, lon: np.ndarray, lat: np.ndarray):
        self.order = np.argsort(lon)  # NaN sorts last and falls in no box
        self.lon, self.lat = lon[self.order], lat[self.order]

    def in_box(self, west: float, east: float, south: float, north: float) -> np.ndarray:
        """Row numbers of the points inside a lon/lat box, edges included."""
        start = np.searchsorted(self.lon, west, side="left")
        stop = np.searchsorted(self.lon, east, side="right")
        lat = self.lat[start:stop]
        return self.order[start:stop][(lat >= south) & (lat <= north)]
