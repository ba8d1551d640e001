"""The figures tables' settings: which files, which of their columns hold the area, the value
and the date, what is counted, and how. Given as keyword arguments, a TOML file, or both.

One table: its settings as keywords (the command line's `--figures-table` and its options).
Several: a TOML file with one `[[table]]` per table; keys at the top of the file apply to every
table that does not set them, and `set_aside` (where set-aside rows go) is the file's alone.
Options given with a TOML file override its settings in every table (as `--events-config`
does); a new `file` may replace the file of a one-table config only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from .. import schema
from ..errors import DataError, Problem, setting

PERIODS = ("month", "week", "day", "year")
AGGREGATES = ("sum",)
# How precisely a date is written, coarsest first; a row's date must be at least as precise
# as the table's period (a month cannot be put in a week).
PRECISIONS = ("year", "month", "day")
PERIOD_PRECISION = {"year": "year", "month": "month", "week": "day", "day": "day"}
_FIXED_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True, kw_only=True)
class FiguresSpec:
    """One figures table: where it is, which of its columns hold what (a name or an HXL
    hashtag such as `#adm1+name`), and what its values count. The fields are the TOML keys."""

    file: Path
    area_col: str  # OCHA P-codes or names (English or Arabic) of governorates, districts, …
    value_col: str
    date_col: str | None = None  # either a column of dates…
    date: str | None = None  # …or one date for every row (YYYY-MM or YYYY-MM-DD)
    period: str = "month"  # what each value covers: the month (week, day, year) of its date
    metric: str = ""  # a key of schema.TABLE_METRICS or the table's own words; "": value_col
    source: str = ""  # the citation shown on the map and in the exports; "": the file name
    aggregate: str | None = None  # "sum": rows for one area and period are parts, added

    @property
    def name(self) -> str:
        """The table as the summary and the exports name it: its file name."""
        return self.file.name

    @property
    def metric_name(self) -> str:
        """What the values count, as given (the value column's name when not given)."""
        return self.metric or self.value_col

    @property
    def metric_label(self) -> str:
        """What the values count, in words (the contract's, for a key of TABLE_METRICS)."""
        return schema.TABLE_METRICS.get(self.metric_name, self.metric_name)

    @property
    def citation(self) -> str:
        """The source to cite, or the file name when none was given."""
        return self.source or self.file.name


@dataclass(frozen=True, kw_only=True)
class FigureTables:
    """Every figures table of a build, and where their set-aside rows go (if anywhere)."""

    tables: tuple[FiguresSpec, ...]
    set_aside: Path | None = None  # a CSV of every set-aside row and its reason; None: not written


TABLE_KEYS = tuple(f.name for f in fields(FiguresSpec))
# The library names its settings as the command line's options' `dest`; the events table
# took `table`, `period` and `source` first, so four of these carry a prefix there. The TOML
# file uses the short names (this crosswalk), within each `[[table]]`.
SETTING_OF = {"file": "figures_table", "date": "figures_date", "period": "figures_period",
              "source": "figures_source"}
# Every setting a caller may pass to `figure_tables` (the command line's dests).
SETTINGS = (*(SETTING_OF.get(k, k) for k in TABLE_KEYS), "figures_set_aside")


def named(key: str) -> str:
    """A reference to one table setting in a message (its flag on the command line)."""
    return setting(SETTING_OF.get(key, key))


def figure_tables(config: Path | None, options: dict) -> FigureTables | None:
    """The tables from a TOML config and/or settings by their names in SETTINGS (settings
    win); None when no figures table is given."""
    given = {k: v for k, v in options.items() if v is not None}
    set_aside = given.pop("figures_set_aside", None)
    overrides = {key: given[SETTING_OF.get(key, key)] for key in TABLE_KEYS
                 if SETTING_OF.get(key, key) in given}
    if config is not None:
        tables, file_set_aside = _read_config(config)
        set_aside = set_aside or file_set_aside
        if "file" in overrides and len(tables) > 1:
            raise DataError(Problem(named("file"), "", f"replaces the file of every table, but "
                                    f"{config} describes {len(tables)} tables",
                                    f"give the file in its [[table]] of {config}"))
        tables = [{**table, **overrides} for table in tables]
    elif "file" in overrides:
        tables = [overrides]
    else:
        if overrides or set_aside is not None:
            names = [named(k) for k in overrides] + (
                [setting("figures_set_aside")] if set_aside is not None else [])
            raise DataError(Problem("", "", f"{', '.join(names)} given without a figures table",
                                    f"add {named('file')} FILE (or a "
                                    f"{setting('figures_config')} file)"))
        return None
    specs = tuple(_spec(table, number if len(tables) > 1 else None)
                  for number, table in enumerate(tables, start=1))
    seen: dict[tuple[str, str], int] = {}
    for number, spec in enumerate(specs, start=1):
        first = seen.setdefault((spec.name, spec.metric_name), number)
        if first != number:  # the exports tell tables apart by file name and metric
            raise DataError(Problem(str(config), f"table {number}", f"repeats table {first}'s "
                                    f"file {spec.name!r} and metric {spec.metric_name!r}",
                                    "give each table of one file its own metric"))
    return FigureTables(tables=specs, set_aside=Path(set_aside) if set_aside else None)


def _spec(values: dict, number: int | None) -> FiguresSpec:
    """One table's spec, every missing or contradictory setting reported at once."""
    where = f"table {number}" if number else ""
    problems = []
    for key, example in (("area_col", "the column of P-codes or names, e.g. governorate or "
                                      "'#adm1+name'"),
                         ("value_col", "the column of numbers, e.g. idp_flow")):
        if not values.get(key):
            problems.append(Problem(named(key), where, "not given for the figures table",
                                    f"add {named(key)} COLUMN ({example})"))
    if bool(values.get("date_col")) == bool(values.get("date")):
        found = "both given" if values.get("date_col") else "neither given"
        problems.append(Problem("", where, f"{named('date_col')} and {named('date')}: {found}; "
                                "a figures table needs one", f"give {named('date_col')} COLUMN "
                                f"when each row has its date, or {named('date')} YYYY-MM[-DD] "
                                "when one date covers the whole table"))
    period = values.get("period", "month")
    if period not in PERIODS:
        problems.append(Problem(named("period"), where, f"{period!r} is not one of "
                                f"{list(PERIODS)}", "use month, week, day or year"))
    if values.get("aggregate") not in (None, *AGGREGATES):
        problems.append(Problem(named("aggregate"), where, f"{values['aggregate']!r} is not "
                                f"one of {list(AGGREGATES)}", "give sum when the rows for an "
                                "area and period are disjoint parts to add, or leave it out"))
    fixed = values.get("date")
    if fixed and period in PERIODS:
        problem = fixed_date_problem(fixed, period)
        if problem:
            problems.append(Problem(named("date"), where, problem, "give YYYY-MM or YYYY-MM-DD, "
                                    f"at least as precise as the period ({period})"))
    if problems:
        raise DataError(problems)
    return FiguresSpec(**{**values, "file": Path(values["file"])})


def fixed_date_problem(text: str, period: str) -> str:
    """What is wrong with one date given for a whole table ("" when nothing)."""
    if not _FIXED_DATE.match(text):
        return f"{text!r} is not a date written YYYY-MM or YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"{text!r} is not a day of the calendar"
    precision = PRECISIONS[len(parts) - 1]
    if PRECISIONS.index(precision) < PRECISIONS.index(PERIOD_PRECISION[period]):
        return f"{text!r} names a {precision}, but each value covers a {period}"
    return ""


def _read_config(path: Path) -> tuple[list[dict], str | None]:
    """The tables of a TOML config (paths relative to it), and its set_aside path."""
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(Problem(str(path), "", "file not found", "give the path of the TOML "
                                f"file as {setting('figures_config')}")) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise DataError(Problem(str(path), "", f"is not valid TOML ({e})",
                                "write one `key = \"value\"` per line, and [[table]] above "
                                "each table's keys")) from None
    listed = values.pop("table", None)
    set_aside = values.pop("set_aside", None)
    if listed is None:
        listed = [{}] if "file" in values else []
    problems = []
    if not isinstance(listed, list) or not all(isinstance(t, dict) for t in listed):
        problems.append(Problem(str(path), "key 'table'", "is not a list of tables",
                                "write [[table]] on its own line above each table's keys"))
        listed = []
    elif not listed:
        problems.append(Problem(str(path), "", "describes no table", "add [[table]] and its "
                                "file, area_col, value_col and date_col (or date)"))
    tables = [{**values, **table} for table in listed]
    for where, keys in [("", values), *((f"table {n}", t) for n, t in enumerate(listed, 1))]:
        for key, value in keys.items():
            if key not in TABLE_KEYS:
                problems.append(Problem(str(path), f"{where} key {key!r}".strip(),
                                        "is not a setting", f"use one of {list(TABLE_KEYS)} "
                                        "(and set_aside at the top)"))
            elif not isinstance(value, str):
                problems.append(Problem(str(path), f"{where} key {key!r}".strip(),
                                        f"is {value!r}, not text", "put the value in double "
                                        "quotes"))
    if set_aside is not None and not isinstance(set_aside, str):
        problems.append(Problem(str(path), "key 'set_aside'", f"is {set_aside!r}, not text",
                                "put the path in double quotes"))
    if problems:
        raise DataError(problems)
    for table in tables:
        if "file" in table:
            table["file"] = str(path.parent / table["file"])
    return tables, str(path.parent / set_aside) if set_aside else None
