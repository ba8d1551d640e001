"""The whole pipeline in one function: load, validate, join, derive timelines, render, write."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .activity import activity_exports, aggregate, events_parquet, page_activity
from .downloads import export_files
from .external import EventsSpec, Placed, Stopwatch, place_events
from .join import DEFAULT_RADIUS_M, join
from .load import load
from .render import render
from .site import (
    StagedFile,
    check_output_dir,
    check_output_file,
    refuse_data_overlap,
    write_site,
)
from .timeline import Timeline, build_timeline
from .validate import Atlas, validate


@dataclass
class BuildReport:
    """What a build read and wrote, for the one-paragraph summary."""

    data_dir: Path
    site_dir: Path
    timeline: Timeline
    written: list[str]
    external: Placed | None = None  # the researcher's own events table, when one was given
    timings: Stopwatch | None = None  # seconds per stage
    joined_events: Path | None = None  # where every external row went, if anywhere

    def summary(self) -> str:
        """One paragraph a person can read: counts in, files out, anything normalised."""
        t = self.timeline
        events = t.events
        contested = int((events["assessment"] == "contested").sum())
        placed = int((events["match"] == "nearest").sum())
        unplaced = int((events["crossing_ids"].map(len) == 0).sum())
        figures = t.joined.figures
        exports = [w for w in self.written if w.startswith("data/")]
        parts = [
            f"Built {self.site_dir}/index.html from {self.data_dir}/:",
            f"{len(t.crossings)} crossings,",
            f"{len(events)} events ({contested} contested; {placed} matched to a crossing by "
            f"location; {unplaced} not about a named crossing),",
            f"{len(figures)} displacement figures from "
            f"{figures['source_id'].nunique()} sources.",
            f"Wrote {len(self.written)} files, including {', '.join(exports)}.",
        ]
        notes = t.joined.atlas.notes
        if notes:
            parts.append("Normalised while reading: " + "; ".join(notes) + ".")
        if self.external is not None:
            names = dict(zip(t.crossings["id"], t.crossings["name"], strict=True))
            parts.append(self.external.summary(names))
            if self.joined_events is not None:
                size = self.joined_events.stat().st_size
                size_text = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{round(size / 1e3)} kB"
                parts.append(f"Joined events (every row with its crossing, area and any "
                             f"problem) written to {self.joined_events} ({size_text}).")
            else:
                parts.append("Joined events not written (pass --joined-events FILE to keep "
                             "every row with its crossing and area).")
        return " ".join(parts)


def check(data_dir: Path) -> Atlas:
    """Load and validate without building; raises DataError listing every problem."""
    return validate(load(data_dir))


def build(data_dir: Path, site_dir: Path, radius_m: float = DEFAULT_RADIUS_M,
          events: EventsSpec | None = None) -> BuildReport:
    """Build the site from the data folder; the previous site stays if anything fails.

    The joined events (`events.joined_events`) go outside the site, and only once it is in place.
    """
    check_output_dir(site_dir, data_dir)
    joined = events.joined_events if events else None
    if joined is not None:  # a typo in the path fails now, not after the joins
        refuse_data_overlap(joined, data_dir, "--joined-events")
        check_output_file(joined, site_dir, "--joined-events", inputs=[events.table])
    timings = Stopwatch()
    with timings.stage("atlas"):
        atlas = check(data_dir)
        timeline = build_timeline(join(atlas, radius_m))
    placed = place_events(events, atlas, radius_m, timings) if events else None
    with timings.stage("aggregate"):
        activity = aggregate(placed, atlas.crossings) if placed else None
    with timings.stage("render"):
        page = render(timeline, page_activity(activity) if activity else None)
    staged = None
    if joined is not None:
        with timings.stage("joined events"):
            staged = StagedFile(joined, events_parquet(placed), "--joined-events")
    with timings.stage("write"), staged or nullcontext():
        exports = export_files(timeline, data_dir)
        files = {"index.html": page, **{f"data/{k}": v for k, v in exports.items()},
                 **(activity_exports(activity) if activity else {})}
        written = write_site(files, site_dir)
        if staged is not None:
            staged.publish()
    return BuildReport(data_dir, site_dir, timeline, written, placed, timings, joined)
