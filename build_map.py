#!/usr/bin/env python3
"""Build the crossings atlas: `python build_map.py [build|check|export] [--data DIR] [--out DIR]`.

Parses arguments and calls the `geo` package; bad input prints `Error: …` and exits 1. This is
the only place that knows the flags: an option's `dest` is the library's name for the setting
(and its TOML key), and errors about a setting are shown with its flag.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geo
from geo.events_table import ENGINES, PERIODS, PRESETS, SETTINGS, events_spec
from geo.events_table.spec import BATCH_ROWS
from geo.figures_table import AGGREGATES, figure_tables
from geo.figures_table import PERIODS as FIGURE_PERIODS
from geo.figures_table import SETTINGS as FIGURE_SETTINGS
from geo.join import DEFAULT_RADIUS_M, MAX_RADIUS_M
from geo.manifest import FORMATS

COMMANDS = ("build", "check", "export")


def metres(text: str) -> float:
    """A number of metres, as typed (the library checks that it makes sense as a radius)."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a radius in metres; give a number above 0 and at most "
            f"{MAX_RADIUS_M:,}, e.g. 10000") from None


def parser() -> argparse.ArgumentParser:
    """The command line, with a subcommand per task (build is the default)."""
    main = argparse.ArgumentParser(
        prog="build_map.py",
        description="Turn the crossings gazetteer, dated claims and displacement figures into "
                    "a static interactive map (site/index.html) and GeoJSON/CSV exports.")
    commands = main.add_subparsers(dest="command", metavar="{build,check,export}")
    build_cmd = commands.add_parser("build", help="build the map and exports (the default)")
    check_cmd = commands.add_parser("check", help="validate the data without building")
    export_cmd = commands.add_parser(
        "export", help="write researcher downloads (GeoJSON, CSV + HXL, GeoPackage, "
                       "GeoParquet, datapackage.json), optionally for some dates or crossings")
    for sub in (build_cmd, check_cmd, export_cmd):
        sub.add_argument("--data", dest="data_dir", type=Path, default=Path("data"),
                         metavar="DIR",
                         help="folder with crossings.geojson, events.csv, displacement.csv, "
                              "sources.csv and boundaries/ (default: data)")
    build_cmd.add_argument("--out", dest="out_dir", type=Path, default=Path("site"),
                           metavar="DIR", help="folder to write the site into (default: site)")
    export_cmd.add_argument("--out", dest="out_dir", type=Path, default=Path("exports"),
                            metavar="DIR",
                            help="folder to write the files into (default: exports; not inside "
                                 "a built site, whose downloads its build writes)")
    export_cmd.add_argument("--from", dest="start", metavar="DATE",
                            help="only events and figures that could fall on or after DATE "
                                 "(YYYY-MM-DD, YYYY-MM or YYYY)")
    export_cmd.add_argument("--to", dest="end", metavar="DATE",
                            help="only events and figures that could fall on or before DATE; "
                                 "a month or year means its last day")
    export_cmd.add_argument("--crossing", dest="crossings", action="append", metavar="ID",
                            help="only this crossing (an id or any alias); repeat for more")
    export_cmd.add_argument("--format", dest="formats", action="append", metavar="FMT",
                            help=f"one of {', '.join(FORMATS)}; repeat or give a comma list "
                                 "(default: all)")
    for sub in (build_cmd, export_cmd):
        sub.add_argument("--radius-m", dest="radius_m", type=metres, default=DEFAULT_RADIUS_M,
                         metavar="M",
                         help="an event with coordinates this many metres or closer to a "
                              f"crossing is matched to it (default: {DEFAULT_RADIUS_M}; at "
                              f"most {MAX_RADIUS_M})")
    events = build_cmd.add_argument_group(
        "your own events", "an external point-event table (CSV or GeoParquet, e.g. UCDP GED or "
        "ACLED), counted per crossing within --radius-m; the options override --events-config")
    events.add_argument("--events-table", dest="table", type=Path, metavar="FILE",
                        help="the table of dated points: a CSV or (Geo)Parquet file, or a "
                             "folder of them (e.g. partitioned by year)")
    events.add_argument("--events-config", dest="events_config", type=Path, metavar="TOML",
                        help="a TOML file with the settings below (keys: table, preset, "
                             "lat_col, lon_col, date_col, date_end_col, "
                             "location_precision_col, location_precision_m, id_col, "
                             "label_col, fatalities_col, period, source, joined_events, "
                             "engine, scheduler, batch_rows; "
                             "paths relative to the file)")
    events.add_argument("--events-preset", dest="preset", choices=list(PRESETS),
                        help="the table is a UCDP GED or ACLED export: their columns and "
                             "precision codes, from their codebooks (the options below "
                             "still win)")
    events.add_argument("--lat-col", dest="lat_col",
                        help="latitude column (default: latitude)")
    events.add_argument("--lon-col", dest="lon_col",
                        help="longitude column (default: longitude)")
    events.add_argument("--date-col", dest="date_col",
                        help="date column, ISO 8601 or '05 January 2019'; with "
                             "--figures-table (and no events table) the figures table's")
    events.add_argument("--date-end-col", dest="date_end_col",
                        help="the last day an event may fall on (optional; blank: its date); "
                             "an event is counted in a month (week) only if its whole range "
                             "is in it")
    events.add_argument("--location-precision-col", dest="location_precision_col",
                        metavar="COLUMN",
                        help="how well each row's location is known: metres, or values "
                             "mapped to metres by location_precision_m in the TOML file; an "
                             "event is attributed to a crossing only if known to within "
                             "--radius-m (optional)")
    events.add_argument("--id-col", dest="id_col",
                        help="the table's own event id column (optional)")
    events.add_argument("--label-col", dest="label_col",
                        help="a short label column, e.g. a place (optional)")
    events.add_argument("--fatalities-col", dest="fatalities_col",
                        help="a fatalities column, copied to the joined events (optional)")
    events.add_argument("--events-period", dest="period", choices=PERIODS,
                        help="count per month or per ISO week (default: month)")
    events.add_argument("--events-source", dest="source", metavar="TEXT",
                        help="the citation shown with the counts (default: the file name)")
    events.add_argument("--joined-events", dest="joined_events", type=Path, metavar="FILE",
                        help="also write every row with its crossing, distance, area and any "
                             "problem to FILE (GeoParquet), outside the site; the site itself "
                             "carries only counts (default: not written)")
    events.add_argument("--engine", dest="engine", metavar="NAME",
                        help=f"how the table is read and placed: {' or '.join(ENGINES)} "
                             "(default: stream, a batch at a time in this process, in the same "
                             "memory whatever the rows; dask: on a Dask cluster, a local one "
                             "unless --scheduler is given)")
    events.add_argument("--scheduler", dest="scheduler", metavar="tcp://HOST:PORT",
                        help="with --engine dask: the address of a running dask.distributed "
                             "scheduler whose workers can import this package and read the "
                             "table at the same path (default: a local cluster)")
    events.add_argument("--events-batch-rows", dest="batch_rows", type=int, metavar="N",
                        help="rows read and placed at a time, or per Dask partition (default: "
                             f"{BATCH_ROWS:,}); memory, not the results, depends on it")
    figures = build_cmd.add_argument_group(
        "your own figures", "tables of numbers by OCHA area and period (CSV or GeoParquet, "
        "e.g. HNAP IDP movements from HDX), drawn as circles that follow the date slider. The "
        "options describe one table; for several, give a TOML file with one [[table]] each. "
        "The options override --figures-config; --date-col names the date column of the "
        "tables given on the command line")
    figures.add_argument("--figures-table", dest="figures_table", type=Path, metavar="FILE",
                         help="the table: one row per area and period")
    figures.add_argument("--figures-config", dest="figures_config", type=Path, metavar="TOML",
                         help="a TOML file of tables, one [[table]] each (keys: file, area_col, "
                              "value_col, date_col or date, period, metric, source, aggregate; "
                              "set_aside at the top; paths relative to the file)")
    figures.add_argument("--area-col", dest="area_col", metavar="COL",
                         help="column of OCHA P-codes (SY07, SY0700, SY070003) or OCHA names "
                              "in English or Arabic; a header, or an HXL hashtag such as "
                              "'#adm1+name'")
    figures.add_argument("--value-col", dest="value_col", metavar="COL",
                         help="column of values: non-negative numbers as published; blank, * "
                              "and other suppression marks mean no data, never zero")
    figures.add_argument("--figures-date", dest="figures_date", metavar="YYYY-MM[-DD]",
                         help="one date for every row, instead of --date-col")
    figures.add_argument("--period", dest="figures_period", choices=FIGURE_PERIODS,
                         help="what each value covers: the month (default), ISO week, day or "
                              "year holding its date")
    figures.add_argument("--metric", dest="metric", metavar="NAME",
                         help="what the values count: idp_movements, idps, idp_returnees, "
                              "population, people_in_need, or your own words (default: the "
                              "value column's name)")
    figures.add_argument("--figures-source", dest="figures_source", metavar="TEXT",
                         help="the citation shown with the figures (default: the file name)")
    figures.add_argument("--aggregate", dest="aggregate", choices=AGGREGATES,
                         help="sum: several rows for one area and period are disjoint parts "
                              "to add (default: they are an error)")
    figures.add_argument("--figures-set-aside", dest="figures_set_aside", type=Path,
                         metavar="FILE", help="also write every row set aside, with its "
                                              "problem and any did-you-mean, to FILE (CSV), "
                                              "outside the site (default: not written)")
    return main


def flags(main: argparse.ArgumentParser) -> dict[str, str]:
    """Each setting's flag, by the library's name for it (the option's dest)."""
    names = {}
    for action in main._subparsers._group_actions:
        for sub in action.choices.values():
            for option in sub._actions:
                if option.option_strings and option.dest != "help":
                    names[option.dest] = option.option_strings[0]
    return names


def main(argv: list[str] | None = None, cache: geo.LayerCache | None = None) -> int:
    """Run one command; return the exit code. A process that runs many commands can pass one
    `cache`, so the boundary layers are read once."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # `build_map.py --out x` means `build_map.py build --out x`
    cli = parser()
    args = cli.parse_args(argv)
    names = flags(cli)
    try:
        if args.command == "check":
            atlas = geo.check(args.data_dir, cache)
            print(f"{args.data_dir}/ is valid: {len(atlas.crossings)} crossings, "
                  f"{len(atlas.events)} events, {len(atlas.figures)} figures.")
            for note in atlas.notes:
                print(f"Note: {note}")
        elif args.command == "export":
            print(geo.export(args.data_dir, args.out_dir, args.formats, args.start, args.end,
                             args.crossings, args.radius_m, cache=cache).summary())
        else:
            options = {k: getattr(args, k, None) for k in SETTINGS}  # dest = the TOML key
            figure_options = {k: getattr(args, k, None) for k in FIGURE_SETTINGS}
            # --date-col is the date column of the tables given on the command line.
            if not args.figures_table:
                figure_options["date_col"] = None
            elif not (args.table or args.events_config):
                options["date_col"] = None
            events = events_spec(args.events_config, options)
            figures = figure_tables(args.figures_config, figure_options)
            report = geo.build(args.data_dir, args.out_dir, args.radius_m, events,
                               figures=figures, cache=cache)
            print(report.summary(names))
    except geo.AtlasError as e:
        print(f"Error: {e.describe(names)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
