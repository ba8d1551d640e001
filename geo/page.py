"""Render the atlas as a Folium page: a tile-free vector basemap, crossings, claims, figures.

Folium builds the page and the Leaflet map; the data goes in as one JSON block that our own
script (`static/atlas.js`) draws from, so text from data only ever reaches the page through
`textContent` and is never parsed as HTML or JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from . import manifest, schema
from .exports.geojson import rfc7946_geometry
from .exports.layers import clean, crossing_records, event_records, figure_records
from .join import METRIC_CRS
from .timeline import Timeline
from .towns import page_towns

# Degrees of simplification for the web basemap: ~1 km, invisible at the zooms we show, and
# coordinates to 3 decimals (~100 m), well inside that. Keeps the page under its 400 KB budget.
WEB_SIMPLIFY_DEG = 0.01
WEB_DECIMALS = 3
# Neighbouring countries are cut to this box (west, south, east, north) around Syria; the map
# cannot be panned or zoomed out past it, so nothing beyond it is ever seen.
WEB_BOUNDS = (33.0, 30.0, 45.0, 39.5)
MIN_ZOOM, MAX_ZOOM = 7, 14
# The map zooms in half steps, so the first view can fit its frame closely; the buttons still
# zoom by one.
ZOOM_SNAP = 0.5
# Degrees around the crossings in the first view (about 30 km).
FRAME_MARGIN_DEG = 0.3
# The zoom from which each level of town (towns.py) is labelled: the national and governorate
# capitals from the first zoom, the district capitals one zoom in, the sub-district capitals
# closer in.
TOWN_ZOOMS = [MIN_ZOOM, MIN_ZOOM, MIN_ZOOM + 1, MIN_ZOOM + 3]
# The fields the page's scripts read; the rest (match, distances, P-codes, latest status, kind,
# …) stay in the exports.
PAGE_EVENT_FIELDS = ["event_id", "date", "date_precision", "known_by", "crossing_ids", "place",
                     "place_ar", "event_type", "claimant", "claimant_ar", "claimant_side",
                     "responds_to", "summary", "summary_ar", "source_id", "note", "note_ar",
                     "assessment", "disputed_by"]
PAGE_CROSSING_FIELDS = ["id", "name", "name_ar", "aliases", "location_precision", "precision_m",
                        "location_source", "location_source_ar", "summary", "summary_ar"]
# The lists the page carries packed as field names and rows (see `packed`).
PACKED = ("events", "figures")
# A status step names its event; the page reads the event's date and claimant from there.
PAGE_HISTORY_FIELDS = ["status", "known_by", "event_id"]
PAGE_FIGURE_FIELDS = ["figure_id", "figure", "qualifier", "metric", "as_of", "as_of_precision",
                      "period_start", "area_label", "area_label_ar", "area_name", "area_name_ar",
                      "claimant", "claimant_ar", "source_id", "note", "note_ar"]

# The project's own cross-check of other reporting (data/README.md): the one source without a
# URL whose facts were checked elsewhere; the page says so only for it.
CROSS_CHECK_SOURCE = "checked-elsewhere"

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    "proposed": "#E69F00", "announced": "#56B4E9", "opened": "#0072B2", "unused": "#CC79A7",
    "rejected": "#D55E00", "closed": "#000000", "none": "#999999",
}

# The credits, in both languages: in "About & data" in full, on the map's credits line short.
ATTRIBUTION = {
    "en": "Boundaries and towns: OCHA COD-AB Syria (CC BY-IGO) via HDX · Countries: Natural "
          "Earth (public domain) · Claims and figures: the crossings atlas (CC BY 4.0), from the "
          "cited reports",
    "ar": "الحدود والبلدات: الحدود الإدارية لسوريا من أوتشا (COD-AB، رخصة CC BY-IGO) عبر منصة "
          "تبادل البيانات الإنسانية · الدول: ناتشورال إيرث (ملكية عامة) · الادعاءات والأرقام: "
          "أطلس المعابر (CC BY 4.0)، من التقارير المذكورة",
}
CREDITS = {"en": "OCHA · Natural Earth · the crossings atlas (CC BY 4.0)",
           "ar": "أوتشا · ناتشورال إيرث · أطلس المعابر (CC BY 4.0)"}


class AtlasScript(MacroElement):
    """Calls Atlas.init with the Leaflet map once Folium has created it."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "Atlas.init({{ this._parent.get_name() }}, document.getElementById('atlas-data'));"
        "{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name, self._id = "AtlasScript", "init"


def page_data(timeline: Timeline, activity: dict | None = None,
              area_figures: dict | None = None) -> dict:
    """Everything the page script needs, as plain JSON-ready data; `activity` holds the events
    table's counts (`events_table.page_counts`) when the build has one, `area_figures` the
    figures tables' series (`figures_table.page_figures`) when it has them."""
    sources = {row.source_id: {"outlet": row.outlet, "outlet_ar": row.outlet_ar,
                               "title": row.title, "title_ar": row.title_ar, "url": row.url,
                               "published": row.published,
                               "date_confidence": row.date_confidence,
                               "cross_check": row.source_id == CROSS_CHECK_SOURCE}
               for row in timeline.sources.itertuples()}
    histories = timeline.crossings.set_index("id")["history"]
    crossings = []
    for props, geometry, _ in crossing_records(timeline):
        crossings.append({**{f: props.get(f) for f in PAGE_CROSSING_FIELDS},
                          "lon": round(geometry.x, 6), "lat": round(geometry.y, 6),
                          "history": [{f: step.get(f) for f in PAGE_HISTORY_FIELDS}
                                      for step in clean(histories.loc[props["id"]])]})
    # known_by (timeline.py): the day from which the slider shows a figure or an event.
    figures = [{**{f: props.get(f) for f in PAGE_FIGURE_FIELDS},
                "known_by": clean(day), **_lonlat(point)}
               for (props, point), day in zip(figure_records(timeline),
                                              timeline.figures["known_by"], strict=True)]
    known_by = [d.isoformat() for d in timeline.events["known_by"]]
    events = [{**{f: props.get(f) for f in PAGE_EVENT_FIELDS}, "known_by": day}
              for (props, _), day in zip(event_records(timeline), known_by, strict=True)]
    return {
        "crossings": crossings,
        "events": events,
        "figures": figures,
        "sources": sources,
        "terms": schema.PAGE_TERMS,  # the vocabulary's labels in English and Arabic
        "status_colours": {k: STATUS_COLOURS[k] for k in schema.STATUSES},  # legend order
        "basemap": {"neighbours": web_layer(timeline.boundaries.neighbours, ["name"], WEB_BOUNDS),
                    "admin1": web_layer(timeline.boundaries.admin1, [])},  # outlines only
        "towns": {"places": page_towns(timeline.boundaries.towns, timeline.crossings, METRIC_CRS),
                  "from_zoom": TOWN_ZOOMS},
        "bounds": [[WEB_BOUNDS[1], WEB_BOUNDS[0]], [WEB_BOUNDS[3], WEB_BOUNDS[2]]],
        "frame": default_frame(timeline),
        "attribution": ATTRIBUTION,
        "credits": CREDITS,
        "downloads": manifest.downloads(events_table=activity is not None,
                                        figures_table=area_figures is not None),
        **({"activity": activity} if activity is not None else {}),  # --events-table
        **({"area_figures": area_figures} if area_figures is not None else {}),
    }


def default_frame(timeline: Timeline) -> list[list[float]]:
    """The first view, [[south, west], [north, east]]: every crossing, with FRAME_MARGIN_DEG
    around them, which takes in the towns they are known by (Idleb, Aleppo, Hama, A'zaz…)."""
    if timeline.crossings.empty:  # nothing to frame: the whole of the map
        return [[WEB_BOUNDS[1], WEB_BOUNDS[0]], [WEB_BOUNDS[3], WEB_BOUNDS[2]]]
    west, south, east, north = timeline.crossings.total_bounds
    return [[round(max(south - FRAME_MARGIN_DEG, WEB_BOUNDS[1]), 4),
             round(max(west - FRAME_MARGIN_DEG, WEB_BOUNDS[0]), 4)],
            [round(min(north + FRAME_MARGIN_DEG, WEB_BOUNDS[3]), 4),
             round(min(east + FRAME_MARGIN_DEG, WEB_BOUNDS[2]), 4)]]


def _lonlat(point) -> dict:
    """A figure's point on its area for the map, or nulls where the area has no shape."""
    if point is None or point.is_empty:
        return {"lon": None, "lat": None}
    return {"lon": round(point.x, 6), "lat": round(point.y, 6)}


def web_layer(layer: gpd.GeoDataFrame, columns: list[str],
              clip: tuple[float, float, float, float] | None = None) -> dict:
    """A boundary layer simplified for the web, keeping shared edges, as GeoJSON."""
    geometry = shapely.coverage_simplify(layer.geometry.values, WEB_SIMPLIFY_DEG)
    if clip is not None:
        geometry = shapely.intersection(geometry, shapely.box(*clip))
    features = []
    for props, shape in zip(layer[columns].to_dict("records"), geometry, strict=True):
        shape = shapely.set_precision(shapely.make_valid(shape), 10 ** -WEB_DECIMALS)
        if shape.is_empty:
            continue
        features.append({"type": "Feature", "properties": props,
                         "geometry": rfc7946_geometry(shape)})
    return {"type": "FeatureCollection", "features": features}


def packed(data: dict) -> dict:
    """The page data as the page carries it: the events and the figures each as their field
    names once and a row of values per record (the same keys repeated on every record cost
    about 9 KB of the page's 400 KB budget); atlas.js makes objects of them again before
    anything reads them."""
    out = dict(data)
    for key in PACKED:
        records = data[key]
        fields = list(dict.fromkeys(f for record in records for f in record))
        out[key] = {"fields": fields,
                    "rows": [[record.get(f) for f in fields] for record in records]}
    return out


def safe_json(data: dict) -> str:
    """JSON that cannot end the <script> block it sits in nor open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(timeline: Timeline, activity: dict | None = None,
           area_figures: dict | None = None) -> str:
    """The full HTML of the published page."""
    (south, west), (north, east) = default_frame(timeline)
    # atlas.js fits the map to the frame once the page is laid out; the zoom limits go to the
    # map itself (Folium's min_zoom and max_zoom only reach tile layers). No Folium scale bar:
    # mapview.js draws its own, in the reader's language (km only in Arabic).
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=9,
                   tiles=None, control_scale=False, minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM,
                   zoomSnap=ZOOM_SNAP,
                   max_bounds=True, min_lat=WEB_BOUNDS[1], max_lat=WEB_BOUNDS[3],
                   min_lon=WEB_BOUNDS[0], max_lon=WEB_BOUNDS[2])
    m._id = "atlas"  # a fixed name: two builds of the same data give the same bytes
    # Our scripts and Leaflet, from the site itself (see manifest.py), never from a CDN;
    # activity.js only where there are events table counts to draw, areafigures.js only where
    # there are figures tables.
    m.default_js = [(Path(url).stem, url)
                    for url in manifest.page_scripts(events_table=activity is not None,
                                                     figures_table=area_figures is not None)]
    m.default_css = [(f"{Path(url).stem}_css", url) for url in manifest.PAGE_STYLES]
    root = m.get_root()
    root._id = "page"
    root.title = "Humanitarian crossings in north-west Syria, 2019–2021 — the crossings atlas"
    root.header.add_child(Element('<meta name="description" content="Where the Syrian '
                                  'government and Russia announced humanitarian crossings out '
                                  'of Idlib, what each side said, and how many people fled.">'),
                          name="description")
    # An empty icon: browsers otherwise ask the server for /favicon.ico on every visit.
    root.header.add_child(Element('<link rel="icon" href="data:,">'), name="icon")
    data = safe_json(packed(page_data(timeline, activity, area_figures)))
    root.html.add_child(Element('<script type="application/json" id="atlas-data">'
                                f"{data}</script>"), name="data")
    m.add_child(AtlasScript())
    # Folium names elements with random ids; number them in page order instead.
    for number, child in enumerate(_walk(root)):
        if child is not m:
            child._id = str(number)
    return with_policy(_accessible(root.render()))


def with_policy(html: str) -> str:
    """The page with its content security policy, first thing in its head: scripts and styles
    only from the site itself or, for the few Folium writes inline, by their sha256. Nothing
    else runs, not even a script that escaped escaping; images only from the site (and the
    empty `data:` icon). Style attributes are not allowed either: the page sets styles through
    the DOM (element.style), which a policy does not govern."""
    def hashes(tag: str) -> str:
        blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
        return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'"
                        for b in blocks)
    policy = "; ".join([
        "default-src 'self'", f"script-src 'self' {hashes('script')}",
        f"style-src 'self' {hashes('style')}", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'none'"])
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    # After the character set (which must come early), before any script or style.
    charset = re.search(r"<meta http-equiv=\"content-type\"[^>]*>", html)
    at = charset.end() if charset else html.index("<head>") + len("<head>")
    return f"{html[:at]}\n    {tag}{html[at:]}"


def _accessible(html: str) -> str:
    """Declare the page language and let readers zoom (Folium's viewport forbids it)."""
    html = html.replace("<html>", '<html lang="en" dir="ltr">', 1)
    return re.sub(r"initial-scale=1\.0,\s*maximum-scale=1\.0,\s*user-scalable=no",
                  "initial-scale=1.0", html, count=1)


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)
