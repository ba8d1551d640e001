"""Render the atlas as a Folium page: a tile-free vector basemap, crossings, claims, figures.

Folium builds the page and the Leaflet map; the data goes in as one JSON block that our own
script (`static/atlas.js`) draws from, so text from data only ever reaches the page through
`textContent` and is never parsed as HTML or JavaScript.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from . import export, schema
from .timeline import Timeline

# Local copies of the front-end libraries, copied into site/vendor/ by site.py.
VENDOR_JS = [("leaflet", "vendor/leaflet/leaflet.js"), ("atlas", "atlas.js"),
             ("activity", "activity.js")]
VENDOR_CSS = [("leaflet_css", "vendor/leaflet/leaflet.css"), ("atlas_css", "atlas.css")]

# Degrees of simplification for the web basemap: ~500 m, invisible at the zooms we show.
WEB_SIMPLIFY_DEG = 0.005
WEB_DECIMALS = 4

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    "proposed": "#E69F00", "announced": "#56B4E9", "opened": "#0072B2", "unused": "#CC79A7",
    "rejected": "#D55E00", "closed": "#000000", "none": "#999999",
}

ATTRIBUTION = (
    "Boundaries: OCHA COD-AB Syria (CC BY-IGO) via HDX · Countries: Natural Earth (public "
    "domain) · Claims and figures: the crossings atlas (CC BY 4.0), from the cited reports"
)


class AtlasScript(MacroElement):
    """Calls Atlas.init with the Leaflet map once Folium has created it."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "Atlas.init({{ this._parent.get_name() }}, document.getElementById('atlas-data'));"
        "{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name, self._id = "AtlasScript", "init"


def page_data(timeline: Timeline, activity: dict | None = None) -> dict:
    """Everything the page script needs, as plain JSON-ready data."""
    atlas = timeline.joined.atlas
    sources = {row.source_id: {"outlet": row.outlet, "title": row.title, "url": row.url,
                               "published": row.published}
               for row in atlas.sources.itertuples()}
    crossings = []
    for props, geometry, entries in export.crossing_records(timeline):
        crossings.append({**props, "lon": round(geometry.x, 6), "lat": round(geometry.y, 6),
                          "history": export.clean(timeline.crossings.set_index("id").loc[
                              props["id"], "history"]), "timeline": entries})
    figures = [{**props, **({"lon": round(g.x, 6), "lat": round(g.y, 6)} if g is not None
                            else {"lon": None, "lat": None})}
               for props, g in export.figure_records(timeline)]
    events = [props for props, _ in export.event_records(timeline)]
    return {
        "crossings": crossings,
        "events": events,
        "figures": figures,
        "sources": sources,
        "statuses": {k: {"label": v, "colour": STATUS_COLOURS[k]}
                     for k, v in schema.STATUSES.items()},
        "event_types": schema.EVENT_TYPES,
        "sides": schema.SIDES,
        "qualifiers": schema.QUALIFIERS,
        "metrics": schema.METRICS,
        "basemap": {"neighbours": web_layer(atlas.neighbours, ["name"]),
                    "admin1": web_layer(atlas.admin1, ["pcode", "name", "name_ar"])},
        "attribution": ATTRIBUTION,
        **({"activity": activity} if activity is not None else {}),  # --events-table
    }


def web_layer(layer: gpd.GeoDataFrame, columns: list[str]) -> dict:
    """A boundary layer simplified for the web, keeping shared edges, as GeoJSON."""
    geometry = shapely.coverage_simplify(layer.geometry.values, WEB_SIMPLIFY_DEG)
    features = []
    for props, shape in zip(layer[columns].to_dict("records"), geometry, strict=True):
        shape = shapely.set_precision(shapely.make_valid(shape), 10 ** -WEB_DECIMALS)
        features.append({"type": "Feature", "properties": props,
                         "geometry": export.rfc7946_geometry(shape)})
    return {"type": "FeatureCollection", "features": features}


def safe_json(data: dict) -> str:
    """JSON that cannot end the <script> block it sits in nor open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(timeline: Timeline, activity: dict | None = None) -> str:
    """The full HTML of the published page."""
    crossings = timeline.crossings
    west, south, east, north = crossings.total_bounds
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=9,
                   tiles=None, control_scale=True, min_zoom=6, max_zoom=14)
    m._id = "atlas"  # a fixed name: two builds of the same data give the same bytes
    m.default_js, m.default_css = VENDOR_JS, VENDOR_CSS
    m.fit_bounds([[south - 0.3, west - 0.3], [north + 0.3, east + 0.3]])
    root = m.get_root()
    root._id = "page"
    root.title = "Humanitarian crossings in north-west Syria, 2019–2021 — the crossings atlas"
    root.header.add_child(Element('<meta name="description" content="Where the Syrian '
                                  'government and Russia announced humanitarian crossings out '
                                  'of Idlib, what each side said, and how many people fled.">'),
                          name="description")
    data = safe_json(page_data(timeline, activity))
    root.html.add_child(Element('<script type="application/json" id="atlas-data">'
                                f"{data}</script>"), name="data")
    m.add_child(AtlasScript())
    # Folium names elements with random ids; number them in page order instead.
    for number, child in enumerate(_walk(root)):
        if child is not m:
            child._id = str(number)
    return root.render()


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)
