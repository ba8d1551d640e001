"""The events table's settings: which file, which of its columns hold what, how precisely its
events are known, how to count, and where the joined rows go. Given as keyword arguments, a
TOML file, a preset (UCDP GED or ACLED), or several: arguments win over the file, and both
over the preset."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import DataError, Problem, setting
from .presets import PRESETS, Preset

PERIODS = ("month", "week")
# How the table is read and placed: a batch at a time in this process, or on a Dask cluster.
ENGINES = ("stream", "dask")
# Rows per batch (and about per Dask piece): memory, not results, depends on it. Two batches
# are placed side by side (stream.PLACERS), so half a million rows each keeps a build within
# 1 GB.
BATCH_ROWS = 1 << 19


@dataclass(frozen=True, kw_only=True)
class EventsSpec:
    """Where the events table is, which of its columns hold what, and where the joined rows
    go (never into the published site). The field names are also the TOML keys."""

    table: Path
    date_col: str
    preset: str | None = None  # "ucdp" or "acled": their columns and precision codes
    lat_col: str | None = "latitude"  # None: take the GeoParquet geometry
    lon_col: str | None = "longitude"
    date_end_col: str | None = None  # the last day the event may fall on; none: the date
    # How well each row's location is known: a preset's codes, or values mapped to metres by
    # location_precision_m (without a mapping, the column holds metres). None: not given.
    location_precision_col: str | None = None
    location_precision_m: dict[str, float] = field(default_factory=dict)
    id_col: str | None = None
    label_col: str | None = None
    fatalities_col: str | None = None  # copied to the joined events, never summed
    period: str = "month"
    source: str = ""  # the citation shown on the map and in the exports
    joined_events: Path | None = None  # every row with its placement; None: not written
    engine: str = "stream"  # a key of ENGINES
    scheduler: str | None = None  # a Dask scheduler's address; None: a local cluster
    batch_rows: int = BATCH_ROWS  # rows read and placed at a time (per Dask partition)

    @property
    def codes(self) -> Preset | None:
        """The preset whose codebook the precision columns follow, if any."""
        return PRESETS.get(self.preset) if self.preset else None


SETTINGS = tuple(f.name for f in fields(EventsSpec))
_TABLES = {"location_precision_m"}  # TOML keys that hold a table, not text
_NUMBERS = {"batch_rows"}  # TOML keys that hold a whole number


def events_spec(config: Path | None, options: dict) -> EventsSpec | None:
    """The spec from a preset, a TOML config and/or settings (settings win, then the file,
    then the preset); None if there is no table."""
    values: dict = {}
    if config is not None:
        values = _read_config(config)
    values.update({k: v for k, v in options.items() if v is not None})
    if "table" not in values:
        if values:
            given = ", ".join(setting(k) for k in sorted(values))
            raise DataError([Problem("", "", f"{given} given without an events table",
                                     f"add {setting('table')} FILE (or `table` in the "
                                     f"{setting('events_config')} file)")])
        return None
    preset = values.get("preset")
    if preset is not None:
        if preset not in PRESETS:
            raise DataError([Problem(setting("preset"), "", f"{preset!r} is not a preset",
                                     f"use one of {list(PRESETS)}, or name the columns "
                                     "yourself")])
        values = {**PRESETS[preset].settings, **values}
    if not values.get("date_col"):
        raise DataError([Problem(setting("date_col"), "", "no date column named for the "
                                 "events table", f"add {setting('date_col')} COLUMN "
                                 f"(date_start in UCDP GED, event_date in ACLED), or "
                                 f"{setting('preset')} ucdp or acled")])
    if values.get("period", "month") not in PERIODS:
        raise DataError([Problem(setting("period"), "", f"{values['period']!r} is not one of "
                                 f"{list(PERIODS)}", "use month or week")])
    values["location_precision_m"] = _check_mapping(values, PRESETS.get(preset))
    _check_engine(values)
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = Path(values[key])
    return EventsSpec(**values)


def _check_engine(values: dict) -> None:
    """The engine, its scheduler and the batch size, if they mean something."""
    engine = values.get("engine", "stream")
    if engine not in ENGINES:
        raise DataError([Problem(setting("engine"), "", f"{engine!r} is not an engine",
                                 "use stream (the default: one process, a batch at a time) "
                                 "or dask")])
    if values.get("scheduler") and engine != "dask":
        raise DataError([Problem(setting("scheduler"), "", "a Dask scheduler given without "
                                 "the dask engine", f"add {setting('engine')} dask, or leave "
                                 f"out {setting('scheduler')}")])
    rows = values.get("batch_rows", BATCH_ROWS)
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
        raise DataError([Problem(setting("batch_rows"), "", f"{rows!r} is not a number of "
                                 "rows", f"give a whole number above 0, e.g. {BATCH_ROWS}")])


def _check_mapping(values: dict, preset: Preset | None) -> dict[str, float]:
    """The location precision mapping, as text -> metres, if it means something."""
    mapping = values.get("location_precision_m") or {}
    if mapping and not values.get("location_precision_col"):
        raise DataError([Problem(setting("location_precision_m"), "", "given without a "
                                 "location precision column",
                                 f"add {setting('location_precision_col')} COLUMN")])
    problems = []
    for value, metres in mapping.items():
        if isinstance(metres, bool) or not isinstance(metres, int | float) \
                or not math.isfinite(metres) or metres < 0:
            problems.append(Problem(setting("location_precision_m"), f"value {value!r}",
                                    f"maps to {metres!r}, not a distance in metres",
                                    "give a number of metres, 0 or more, e.g. 5000"))
        elif preset is not None and value in preset.location \
                and preset.location[value].metres is None:
            problems.append(Problem(setting("location_precision_m"), f"value {value!r}",
                                    f"is an area in the {preset.name} codebook "
                                    f"({preset.location[value].meaning}), not a point with a "
                                    "distance", "leave it out: such events are never "
                                    "attributed to a crossing"))
    if problems:
        raise DataError(problems)
    return {str(k): float(v) for k, v in mapping.items()}


def _read_config(path: Path) -> dict:
    """A config: TOML keys named as the EventsSpec fields; paths relative to the file."""
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(str(path), "", "file not found",
                                 "give the path of the TOML file as "
                                 f"{setting('events_config')}")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise DataError([Problem(str(path), "", f"is not valid TOML ({e})",
                                 "write one `key = \"value\"` per line")]) from None
    unknown = [k for k in values if k not in SETTINGS]
    wrong = [k for k, v in values.items()
             if k in SETTINGS and k not in _TABLES | _NUMBERS and not isinstance(v, str)]
    not_table = [k for k in _TABLES if k in values and not isinstance(values[k], dict)]
    if unknown or wrong or not_table:
        problems = [Problem(str(path), f"key {k!r}", "is not a setting",
                            f"use one of {list(SETTINGS)}") for k in unknown]
        problems += [Problem(str(path), f"key {k!r}", f"is {values[k]!r}, not text",
                             "put the value in double quotes") for k in wrong]
        problems += [Problem(str(path), f"key {k!r}", f"is {values[k]!r}, not a table",
                             'write e.g. location_precision_m = { "1" = 0, "2" = 25000 }')
                     for k in not_table]
        raise DataError(problems)
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = str(path.parent / values[key])
    return values
