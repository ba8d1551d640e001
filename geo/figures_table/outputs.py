"""The figures tables' values as the site publishes them: an export layer (data/area_figures.*,
each value on a point inside its area, as the atlas's own figures are placed), the page's
series, and the set-aside rows as CSV for the researcher who asks for them.
"""

from __future__ import annotations

import pandas as pd

from ..exports.layers import Layer
from ..exports.spreadsheets import to_csv
from ..join import area_points
from .areas import LEVELS
from .tables import SET_ASIDE_COLUMNS, AreaFigures, TableFigures
from .values import as_published

AREA_FIGURE_FIELDS = ["pcode", "area_name", "area_name_ar", "level", "period", "period_start",
                      "period_end", "metric", "value", "qualifier", "no_data", "rows", "source",
                      "table"]
LAYER = "area_figures"


def figure_layers(figures: AreaFigures, boundaries) -> dict[str, Layer]:
    """Every table's values as one export layer, on a point inside each area."""
    points, names = dict(area_points(boundaries).items()), figures_index(boundaries)
    rows, geometries = [], []
    for table in figures.tables:
        for record in _records(table, names):
            rows.append(record)
            geometries.append(points.get(record["pcode"]))
    return {LAYER: Layer(name=LAYER, key=["table", "metric", "pcode", "period_start"],
                         fields=AREA_FIGURE_FIELDS, rows=rows, geometries=geometries,
                         lonlat=True)}


def figures_index(boundaries) -> dict[str, tuple[str, str]]:
    """Each OCHA area's English and Arabic name, by P-code."""
    return {str(code): (str(name), str(name_ar or ""))
            for layer in boundaries.layers()
            for code, name, name_ar in zip(layer["pcode"], layer["name"],
                                           layer.get("name_ar", [""] * len(layer)), strict=True)}


def _records(table: TableFigures, names: dict[str, tuple[str, str]]) -> list[dict]:
    spec, f = table.spec, table.figures
    starts = [d.isoformat() for d in f["period_start"]]
    ends = [d.isoformat() for d in f["period_end"]]
    out = []
    for pcode, level, start, end, value, qualifier, no_data, rows in zip(
            f["pcode"], f["level"], starts, ends, f["value"], f["qualifier"], f["no_data"],
            f["rows"].astype(int), strict=True):
        name, name_ar = names[pcode]
        out.append({
            "pcode": pcode, "area_name": name, "area_name_ar": name_ar or None, "level": level,
            "period": spec.period, "period_start": start, "period_end": end,
            "metric": spec.metric_name, "value": None if pd.isna(value) else as_published(value),
            "qualifier": qualifier or None, "no_data": no_data or None, "rows": int(rows),
            "source": spec.citation, "table": spec.name})
    return out


def page_figures(figures: AreaFigures, boundaries) -> dict:
    """The `area_figures` key of the page data: per table, its periods and each area's
    series (null: no data), and each area's names and point once."""
    names = figures_index(boundaries)
    points = area_points(boundaries)
    tables, used = [], {}
    for table in figures.tables:
        f = table.figures
        starts = sorted(f["period_start"].unique())
        slot = {start: n for n, start in enumerate(starts)}
        series: dict[str, list] = {}
        partial: dict[str, list[int]] = {}
        for row in f.itertuples(index=False):
            values = series.setdefault(row.pcode, [None] * len(starts))
            if not pd.isna(row.value):
                values[slot[row.period_start]] = as_published(row.value)
            if row.qualifier == "at_least":
                partial.setdefault(row.pcode, []).append(slot[row.period_start])
            used[row.pcode] = row.level
        spec = table.spec
        tables.append({
            "table": spec.name, "metric": spec.metric_name, "source": spec.citation,
            "period": spec.period, "periods": [s.isoformat() for s in starts],
            "series": series, "partial": partial, "rows_read": table.rows_read,
            "set_aside": len(table.set_aside)})
    areas = {}
    for pcode, level in sorted(used.items(), key=lambda i: (LEVELS.index(i[1]), i[0])):
        point = points.get(pcode)
        areas[pcode] = {"name": names[pcode][0], "name_ar": names[pcode][1], "level": level,
                        "lon": round(point.x, 5) if point else None,
                        "lat": round(point.y, 5) if point else None}
    return {"tables": tables, "areas": areas}


def set_aside_csv(figures: AreaFigures) -> bytes:
    """Every set-aside row of every table, with its problems (BAD_KINDS keys) and any
    did-you-mean, as CSV (cells guarded against spreadsheet formulas)."""
    rows = figures.set_aside_rows().to_dict("records")
    return to_csv(rows, SET_ASIDE_COLUMNS).encode("utf-8")
