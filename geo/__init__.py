"""The crossings atlas: gazetteer, dated claims and displacement figures -> map and exports.

The public API is what this module exports: `build` (the site), `export` (researcher
downloads), `check` (validate only), `prepare` (the timeline every output is made from), the
events table's `EventsSpec`, the figures tables' `FigureTables`, and the errors. The package
is flat, one module per stage, except where a stage is a family of its own:

    load.py       read the files             validate/      check them against schema.py
    join.py       place events and figures   timeline.py    known_by, statuses, assessments
    page.py       the map page (+ static/)   exports/       the researcher downloads
    manifest.py   every file published       write.py       put files on the disk, atomically
    events_table/ a researcher's own events, read, placed and counted
    figures_table/  a researcher's own figures by OCHA area and period, read and checked
    pipeline.py   the two pipelines, build and export, in one function each
"""

__version__ = "0.1.0"  # before the imports: datapackage.json records it

from .errors import AtlasError, BuildError, DataError, Problem
from .events_table import EventsSpec, events_spec
from .figures_table import FiguresSpec, FigureTables, figure_tables
from .load import LayerCache
from .pipeline import BuildReport, ExportReport, build, check, export, prepare

__all__ = ["AtlasError", "BuildError", "BuildReport", "DataError", "EventsSpec", "ExportReport",
           "FigureTables", "FiguresSpec", "LayerCache", "Problem", "build", "check",
           "events_spec", "export", "figure_tables", "prepare"]
