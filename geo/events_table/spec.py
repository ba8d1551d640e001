"""The events table's settings: which file, which of its columns hold what, how to count, and
where the joined rows go. Given as keyword arguments, a TOML file, or both (arguments win)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import DataError, Problem, setting

PERIODS = ("month", "week")


@dataclass(frozen=True, kw_only=True)
class EventsSpec:
    """Where the events table is, which of its columns hold what, and where the joined rows
    go (never into the published site). The field names are also the TOML keys."""

    table: Path
    date_col: str
    lat_col: str | None = "latitude"  # None: take the GeoParquet geometry
    lon_col: str | None = "longitude"
    id_col: str | None = None
    label_col: str | None = None
    period: str = "month"
    source: str = ""  # the citation shown on the map and in the exports
    joined_events: Path | None = None  # every row with its placement; None: not written


SETTINGS = tuple(f.name for f in fields(EventsSpec))


def events_spec(config: Path | None, options: dict) -> EventsSpec | None:
    """The spec from a TOML config and/or settings (settings win); None if there is no table."""
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
    if not values.get("date_col"):
        raise DataError([Problem(setting("date_col"), "", "no date column named for the "
                                 "events table", f"add {setting('date_col')} COLUMN "
                                 "(date_start in UCDP GED, event_date in ACLED)")])
    if values.get("period", "month") not in PERIODS:
        raise DataError([Problem(setting("period"), "", f"{values['period']!r} is not one of "
                                 f"{list(PERIODS)}", "use month or week")])
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = Path(values[key])
    return EventsSpec(**values)


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
    wrong = [k for k, v in values.items() if k in SETTINGS and not isinstance(v, str)]
    if unknown or wrong:
        problems = [Problem(str(path), f"key {k!r}", "is not a setting",
                            f"use one of {list(SETTINGS)}") for k in unknown]
        problems += [Problem(str(path), f"key {k!r}", f"is {values[k]!r}, not text",
                             "put the value in double quotes") for k in wrong]
        raise DataError(problems)
    for key in ("table", "joined_events"):
        if key in values:
            values[key] = str(path.parent / values[key])
    return values
