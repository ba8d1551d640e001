"""The atlas's pipelines, each readable in one function: `build` writes the site, `export` the
researcher downloads. Both run the same steps first (`prepare`): load → validate → join →
timeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest
from .errors import BuildError, Problem, name_settings, setting
from .events_table import (
    EventsSpec,
    Geography,
    JoinedSink,
    Tally,
    aggregate,
    count_events,
    count_layers,
    page_counts,
    table_files,
)
from .exports import TableFile, data_files
from .exports.selection import Selection, parse_formats, parse_window, resolve_crossings, select
from .figures_table import (
    AreaFigures,
    FigureTables,
    figure_layers,
    page_figures,
    read_figures,
    set_aside_csv,
)
from .join import DEFAULT_RADIUS_M, check_radius, join
from .load import LayerCache, load
from .page import render, safe_json
from .stopwatch import Stopwatch
from .timeline import Timeline, build_timeline
from .validate import Atlas, validate
from .validate.arabic import untranslated_summary
from .write import (
    StagedFile,
    check_export_dir,
    check_output_dir,
    check_output_file,
    refuse_data_overlap,
    write_files,
    write_site,
)


def check(data_dir: Path, cache: LayerCache | None = None) -> Atlas:
    """Load and validate as the curator's gate: every English text must also have its Arabic.
    Raises DataError listing every problem."""
    return validate(load(data_dir, cache), require_arabic=True)


def prepare(data_dir: Path, radius_m: float = DEFAULT_RADIUS_M,
            cache: LayerCache | None = None) -> Timeline:
    """What every output is made from: the data loaded, checked, joined and put in time.
    Text without its Arabic is allowed here (`Timeline.untranslated` lists it)."""
    return build_timeline(join(validate(load(data_dir, cache)), radius_m))


@dataclass(kw_only=True)
class BuildReport:
    """What a build read and wrote, for the one-paragraph summary."""

    data_dir: Path
    site_dir: Path
    timeline: Timeline
    written: list[str]
    tally: Tally | None = None  # the researcher's own events table, counted, when one was given
    timings: Stopwatch = field(default_factory=Stopwatch)  # seconds per stage
    joined_events: Path | None = None  # where every events table row went, if anywhere
    figures: AreaFigures | None = None  # the researcher's figures tables, when given
    figures_page_bytes: int = 0  # what their series weigh in the page

    def summary(self, names: Mapping[str, str] | None = None) -> str:
        """One paragraph a person can read: counts in, files out, anything normalised.
        Settings are named by `names` (the command line passes its flags)."""
        t = self.timeline
        events = t.events
        contested = int((events["assessment"] == "contested").sum())
        nearest = int((events["match"] == "nearest").sum())
        unplaced = int((events["crossing_ids"].map(len) == 0).sum())
        exports = [w for w in self.written if w.startswith(f"{manifest.DATA_FOLDER}/")]
        parts = [
            f"Built {self.site_dir}/{manifest.PAGE} from {self.data_dir}/:",
            f"{len(t.crossings)} crossings,",
            f"{len(events)} events ({contested} contested; {nearest} matched to a crossing by "
            f"location; {unplaced} not about a named crossing),",
            f"{len(t.figures)} displacement figures from "
            f"{t.figures['source_id'].nunique()} sources.",
            f"Wrote {len(self.written)} files, including {', '.join(exports)}.",
        ]
        if t.notes:
            parts.append("Normalised while reading: " + "; ".join(t.notes) + ".")
        if t.untranslated:
            parts.append(untranslated_summary(t.untranslated) + ".")
        if self.tally is not None:
            names_of = dict(zip(t.crossings["id"], t.crossings["name"], strict=True))
            parts.append(self.tally.summary(names_of))
            if self.joined_events is not None:
                size = self.joined_events.stat().st_size
                size_text = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{round(size / 1e3)} kB"
                parts.append(f"Joined events (every row with its crossing, area and any "
                             f"problem) written to {self.joined_events} ({size_text}).")
            else:
                parts.append(f"Joined events not written (pass {setting('joined_events')} "
                             "FILE to keep every row with its crossing and area).")
        if self.figures is not None:
            parts.append(self.figures.summary(self.figures_page_bytes))
        return name_settings(" ".join(parts), names)


def build(data_dir: Path, site_dir: Path, radius_m: float = DEFAULT_RADIUS_M,
          events: EventsSpec | None = None, *, figures: FigureTables | None = None,
          cache: LayerCache | None = None) -> BuildReport:
    """Build the site from the data folder; the previous site stays if anything fails.

    The joined events (`events.joined_events`) and the figures tables' set-aside rows
    (`figures.set_aside`) go outside the site, and only once it is in place.
    """
    check_radius(radius_m)
    check_output_dir(site_dir, data_dir)
    joined_path = events.joined_events if events else None
    set_aside_path = figures.set_aside if figures else None
    _check_side_files(data_dir, site_dir, events, figures)
    timings = Stopwatch()
    with timings.stage("atlas"):
        timeline = prepare(data_dir, radius_m, cache)
    with ExitStack() as side_files:
        # The joined events are written while the table is read, into a file that takes their
        # name only once the site is in place (and is removed if anything fails before).
        joined = side_files.enter_context(StagedFile(joined_path, None, "joined_events")) \
            if joined_path is not None else None
        sink = side_files.enter_context(JoinedSink(joined, timings)) if joined is not None \
            else None
        tally = count_events(events, Geography.of(timeline), sink, timings) if events \
            else None
        with timings.stage("aggregate"):
            counts = aggregate(tally, timeline.crossings) if tally else None
        with timings.stage("figures tables"):
            area_figures = read_figures(figures, timeline) if figures else None
        with timings.stage("render"):
            series = page_figures(area_figures, timeline.boundaries) if area_figures else None
            page = render(timeline, page_counts(counts) if counts else None, series)
        extra_layers = {**(count_layers(counts) if counts else {}),
                        **(figure_layers(area_figures, timeline.boundaries) if area_figures
                           else {})}
        staged = [joined] if joined is not None else []
        if set_aside_path is not None:
            staged.append(side_files.enter_context(
                StagedFile(set_aside_path, set_aside_csv(area_figures), "figures_set_aside")))
        with timings.stage("write"):
            data = data_files(timeline, data_dir, extra_layers=extra_layers or None,
                              table_files=_table_files(events, figures))
            files = {manifest.PAGE: page, **{f"{manifest.DATA_FOLDER}/{name}": content
                                             for name, content in data.items()}}
        if sink is not None:  # its last rows were written while the page and data were made
            with timings.stage("joined events"):
                sink.close()
        with timings.stage("write"):
            written = write_site(files, site_dir, events_table=counts is not None,
                                 figures_table=area_figures is not None)
            for file in staged:
                file.publish()
    return BuildReport(data_dir=data_dir, site_dir=site_dir, timeline=timeline, written=written,
                       tally=tally, timings=timings, joined_events=joined_path,
                       figures=area_figures,
                       figures_page_bytes=len(safe_json(series).encode()) if series else 0)


def _table_files(events: EventsSpec | None,
                 figures: FigureTables | None) -> tuple[TableFile, ...]:
    """The researcher's tables, whose sizes and hashes datapackage.json records beside the
    atlas's own data: the published counts are derived from them."""
    files = [TableFile(f, str(f.relative_to(events.table.parent)), "events table")
             for f in table_files(events.table)] if events else []
    files += [TableFile(t.file, t.file.name, "figures table") for t in figures.tables] \
        if figures else []
    return tuple(files)


def _check_side_files(data_dir: Path, site_dir: Path, events: EventsSpec | None,
                      figures: FigureTables | None) -> None:
    """Refuse a bad path for a file written beside the site now, not after the joins."""
    joined_path = events.joined_events if events else None
    set_aside_path = figures.set_aside if figures else None
    if joined_path is not None:
        refuse_data_overlap(joined_path, data_dir, "joined_events")
        check_output_file(joined_path, site_dir, "joined_events", inputs=[events.table])
    if set_aside_path is not None:
        refuse_data_overlap(set_aside_path, data_dir, "figures_set_aside")
        check_output_file(set_aside_path, site_dir, "figures_set_aside",
                          inputs=[t.file for t in figures.tables], inputs_are="a figures table")
        if joined_path is not None and set_aside_path.resolve() == joined_path.resolve():
            raise BuildError(Problem(setting("figures_set_aside"), str(set_aside_path),
                                     f"is also the {setting('joined_events')} file",
                                     "give each its own file; nothing was written"))


@dataclass(kw_only=True)
class ExportReport:
    """What an export wrote: the data as selected, and the files."""

    timeline: Timeline  # cut to the selection
    out_dir: Path
    written: list[str]

    def summary(self) -> str:
        """One line: what was exported, and where (and any rows still in English only)."""
        t = self.timeline
        line = (f"Exported {len(t.crossings)} crossings, {len(t.events)} events and "
                f"{len(t.figures)} figures to {self.out_dir}/: {', '.join(self.written)}.")
        return f"{line} {untranslated_summary(t.untranslated)}." if t.untranslated else line


def export(data_dir: Path, out_dir: Path, formats: list[str] | None = None,
           start: str | None = None, end: str | None = None,
           crossings: list[str] | None = None, radius_m: float = DEFAULT_RADIUS_M, *,
           cache: LayerCache | None = None) -> ExportReport:
    """Write the researcher downloads for a date window and some crossings into `out_dir`."""
    check_export_dir(out_dir, data_dir)
    wanted = parse_formats(formats)
    first, last = parse_window(start, end)
    check_radius(radius_m)
    timeline = prepare(data_dir, radius_m, cache)
    selection = Selection(first, last, resolve_crossings(crossings or [], timeline.aliases))
    chosen = select(timeline, selection)
    written = write_files(data_files(chosen, data_dir, wanted, selection), out_dir)
    return ExportReport(timeline=chosen, out_dir=out_dir, written=written)
