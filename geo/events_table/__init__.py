"""Bring your own events: a researcher's point-event table (ACLED, UCDP GED…) read, cleaned,
placed at a crossing only as far as its location is known, and counted per crossing and period.

Built for millions of rows: columns are read as Arrow strings (`read.py`), parsed with
vectorised kernels (`clean.py`, `precision.py` for how well each row is located and dated,
by the codes of a preset in `presets.py`) and joined on coordinate arrays (`place.py`). The
map and the site carry counts only (`counts.py`); every row, with its placement or the reason
it was set aside, goes only to the joined events file the researcher asks for (`joined.py`).
None is dropped silently; `summary.py` says where each went.
"""

from .counts import EventCounts, aggregate, count_layers, page_counts
from .joined import events_parquet
from .place import Geography, Placed, place_batch, place_events
from .presets import PRESETS
from .read import table_files
from .spec import ENGINES, PERIODS, SETTINGS, EventsSpec, events_spec
from .stream import JoinedSink, count_events
from .tally import Tally

__all__ = ["ENGINES", "EventCounts", "EventsSpec", "Geography", "JoinedSink", "PERIODS",
           "PRESETS", "Placed", "SETTINGS", "Tally", "aggregate", "count_events", "count_layers",
           "events_parquet", "events_spec", "page_counts", "place_batch", "place_events",
           "table_files"]
