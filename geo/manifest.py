"""The file manifest: every file a build publishes, what each holds and how it is made.

One list drives the writer (which refuses any other file), the page's download list,
datapackage.json and the docs tests. A new output is added here first; the exports module then
has to learn to make its `kind`, and the tests say so until it does.
"""

from __future__ import annotations

from dataclasses import dataclass

# The export formats a researcher can ask for (`export --format`); datapackage.json comes with
# every export.
FORMATS = ("geojson", "csv", "gpkg", "parquet")
DATA_FOLDER = "data"  # the site's downloads, and the export command's default target
PAGE = "index.html"
# Written into every site: a build only ever replaces a folder that carries it (or one that
# plainly is a site from before the marker), never a folder of someone's other files.
SITE_MARKER = ".atlas-site"

# The page's own scripts, in the order it loads them: each uses only those before it. Leaflet;
# names.js (name folding) and dates.js (the date parser); i18n.js (strings, vocabulary,
# formatted dates); dom.js (element helpers); parts.js (pieces the panels and the figure layer
# share); the panels: claims.js, about.js, figures.js (displacement) and table.js (all events);
# figurelayer.js (the figures as circles on the map); activity.js (rings and charts for an
# events table); mapview.js (basemap, crossings, legend), labels.js (where every name on the map
# goes) and layout.js (header, the map's bars, panel shell, time bar, search), which atlas.js
# (state, panel registry, permalink, time, start-up) drives; areafigures.js (figures tables'
# circles and legend) and areapanel.js (their area panel) before them.
# A script in EVENTS_TABLE_SCRIPTS is loaded only by pages built with an events table, one in
# FIGURES_TABLE_SCRIPTS only by pages built with figures tables, but every script is
# published, so a site's files do not depend on its options.
PAGE_SCRIPTS = ["vendor/leaflet/leaflet.js", "names.js", "dates.js", "i18n.js", "dom.js",
                "parts.js", "claims.js", "about.js", "figures.js", "table.js", "figurelayer.js",
                "activity.js", "areafigures.js", "areapanel.js", "mapview.js", "labels.js",
                "layout.js", "atlas.js"]
EVENTS_TABLE_SCRIPTS = {"activity.js"}
FIGURES_TABLE_SCRIPTS = {"areafigures.js", "areapanel.js"}
PAGE_STYLES = ["vendor/leaflet/leaflet.css", "atlas.css"]
# What the page needs from each front-end library (installed by npm from package-lock.json),
# and the licence file that must travel with it.
VENDOR = {"leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"]}


@dataclass(frozen=True, kw_only=True)
class Output:
    """One published data file: where it goes, how it is made, how the page lists it."""

    name: str  # the file's name in the data folder
    kind: str  # how it is made: geojson, crossings_geojson, csv, hxl_csv, gpkg, parquet, package
    layer: str | None  # the export layer it holds (None: several, or none)
    format: str  # the export format it belongs to (FORMATS), or "json" for the package
    label: str  # how the page's download list names it
    description: str
    events_table: bool = False  # only published when the build has an events table
    figures_table: bool = False  # only published when the build has a figures table

    @property
    def path(self) -> str:
        """The file's path in the site."""
        return f"{DATA_FOLDER}/{self.name}"


def _out(name: str, kind: str, layer: str | None, label: str, description: str,
         events_table: bool = False, figures_table: bool = False) -> Output:
    fmt = {"crossings_geojson": "geojson", "hxl_csv": "csv", "package": "json"}.get(kind, kind)
    return Output(name=name, kind=kind, layer=layer, format=fmt, label=label,
                  description=description, events_table=events_table,
                  figures_table=figures_table)


OUTPUTS = [
    _out("crossings.geojson", "crossings_geojson", "crossings", "Crossings (GeoJSON)",
         "One point per crossing, with its status history and timeline of events nested"),
    _out("events.geojson", "geojson", "events", "Events (GeoJSON)",
         "One feature per claim or action, on its own point or on its crossings"),
    _out("event_crossings.geojson", "geojson", "event_crossings", "Events by crossing (GeoJSON)",
         "One point per event and crossing it is about"),
    _out("displacement.geojson", "geojson", "displacement", "Displacement figures (GeoJSON)",
         "One point per figure, inside the area it counts"),
    _out("crossings.csv", "csv", "crossings", "Crossings (CSV)",
         "The crossings as a spreadsheet, with lon/lat"),
    _out("events.csv", "csv", "events", "Events (CSV)",
         "Every claim and counter-claim, one per row"),
    _out("event_crossings.csv", "csv", "event_crossings", "Events by crossing (CSV)",
         "The link table: one row per event and crossing"),
    _out("displacement.csv", "csv", "displacement", "Displacement figures (CSV)",
         "Every figure, never summed"),
    _out("sources.csv", "csv", "sources", "Sources (CSV)", "The reports every row cites"),
    _out("crossings_hxl.csv", "hxl_csv", "crossings", "Crossings (HXL CSV)",
         "The crossings CSV with HXL hashtags"),
    _out("events_hxl.csv", "hxl_csv", "events", "Events (HXL CSV)",
         "The events CSV with HXL hashtags"),
    _out("displacement_hxl.csv", "hxl_csv", "displacement", "Displacement figures (HXL CSV)",
         "The figures CSV with HXL hashtags, one column per metric"),
    _out("atlas.gpkg", "gpkg", None, "Everything (GeoPackage)",
         "All layers in one file for QGIS; events as MultiPoint"),
    _out("crossings.parquet", "parquet", "crossings", "Crossings (GeoParquet)", "GeoParquet 1.1"),
    _out("events.parquet", "parquet", "events", "Events (GeoParquet)",
         "GeoParquet 1.1; events as MultiPoint"),
    _out("event_crossings.parquet", "parquet", "event_crossings",
         "Events by crossing (GeoParquet)", "GeoParquet 1.1"),
    _out("displacement.parquet", "parquet", "displacement", "Displacement figures (GeoParquet)",
         "GeoParquet 1.1"),
    # With an events table (--events-table): counts only, never the researcher's rows.
    _out("activity.geojson", "geojson", "activity_crossings",
         "Nearby events per crossing (GeoJSON)",
         "One point per crossing with its events table counts per period nested",
         events_table=True),
    _out("activity.csv", "csv", "activity", "Nearby events per crossing and period (CSV)",
         "Counts of the events table's rows near each crossing, one row per period",
         events_table=True),
    # With figures tables (--figures-table): one value per OCHA area and period.
    _out("area_figures.geojson", "geojson", "area_figures", "Figures by area and period "
         "(GeoJSON)", "One point per area and period of the figures tables, inside the area",
         figures_table=True),
    _out("area_figures.csv", "csv", "area_figures", "Figures by area and period (CSV)",
         "The figures tables' values, one row per table, area and period; no data left empty",
         figures_table=True),
    _out("datapackage.json", "package", None, "Data package (Frictionless)",
         "Table Schemas, licences, sources and the build manifest"),
]


def data_outputs(formats=FORMATS, events_table: bool = False,
                 figures_table: bool = False) -> list[Output]:
    """The data files a build (or an export in `formats`) publishes, in manifest order."""
    return [out for out in OUTPUTS if (out.format in formats or out.kind == "package")
            and (events_table or not out.events_table)
            and (figures_table or not out.figures_table)]


def downloads(events_table: bool = False, figures_table: bool = False) -> list[dict]:
    """The page's "Download the data" list: every data file the build publishes."""
    return [{"label": out.label, "href": out.path, "format": out.format,
             "description": out.description}
            for out in data_outputs(events_table=events_table, figures_table=figures_table)]


def page_scripts(events_table: bool = False, figures_table: bool = False) -> list[str]:
    """The scripts the page loads, in order."""
    return [s for s in PAGE_SCRIPTS if (events_table or s not in EVENTS_TABLE_SCRIPTS)
            and (figures_table or s not in FIGURES_TABLE_SCRIPTS)]
