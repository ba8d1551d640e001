"""The events table's paragraph in the build summary: what happened to every row, by crossing,
by location precision and by date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .clean import BAD_KINDS
from .precision import LOCATION_LEVELS, POINT_LEVELS, level_index

if TYPE_CHECKING:
    from .place import Placed


def summary(placed: Placed, names: dict[str, str]) -> str:
    """One paragraph: rows read and set aside; attributed, may be near and too imprecise, per
    crossing and by level; farther away; dates too uncertain for the counting period."""
    spec = placed.spec
    read, ok = len(placed.row), placed.ok
    km = f"{placed.radius_m / 1000:g} km"
    preset = f" (preset {spec.preset})" if spec.preset else ""
    parts = [f"Events table {spec.table.name}{preset}: {read:,} rows read;"]
    set_aside = read - int(ok.sum())
    if set_aside:
        kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {placed.examples[k][0]})"
                          for k, n in placed.bad.items() if n)
        parts.append(f"{set_aside:,} set aside, each kept with the reason in the joined "
                     f"events ({kinds}).")
    else:
        parts.append("none set aside.")
    parts.append(_precision(placed, ok))
    attributed = placed.where("attributed")
    how = f"located to within {km} and within {km} of it" if spec.location_precision_col \
        else f"within {km} of it"
    parts.append(f"{int(attributed.sum()):,} attributed to a crossing ({how})"
                 f"{_per(placed.crossing_id, attributed, names)}.")
    near = placed.where("may_be_near")
    if near.any() or spec.location_precision_col:
        parts.append(f"{int(near.sum()):,} may be near a crossing, counted apart and never "
                     f"added to those (located only to within more than {km}, or a point "
                     f"beyond {km} whose uncertainty reaches the radius)"
                     f"{_per(placed.nearest, near, names)}.")
    vague = placed.where("too_imprecise")
    if vague.any():
        levels = np.bincount(placed.location.level[vague], minlength=len(LOCATION_LEVELS))
        by_level = "; ".join(f"{n:,} {label}" for n, label in
                             zip(levels, LOCATION_LEVELS.values(), strict=True) if n)
        close = vague & np.asarray(placed.nearest.notna())
        parts.append(f"{int(vague.sum()):,} too imprecise to place at any crossing "
                     f"({by_level}); {int(close.sum()):,} of them have their stand-in point "
                     f"within {km} of a crossing{_per(placed.nearest, close, names)}.")
    beyond = placed.where("beyond_radius")
    parts.append(f"{int(beyond.sum()):,} farther than {km} (and their uncertainty) from every "
                 "crossing.")
    parts.append(_dates(placed))
    return " ".join(p for p in parts if p)


def _precision(placed: Placed, ok: np.ndarray) -> str:
    """How well the usable rows are located, by level."""
    column = placed.spec.location_precision_col
    if not column:
        return ("No location precision column was given: every point is taken as the "
                "event's place.")
    levels = np.bincount(placed.location.level[ok], minlength=len(LOCATION_LEVELS))
    counts = []
    for key, n in zip(LOCATION_LEVELS, levels, strict=True):
        if not n:
            continue
        text = f"{n:,} {LOCATION_LEVELS[key]}"
        if key in POINT_LEVELS and key not in ("exact", "not_given"):
            metres = placed.location.metres[ok & (placed.location.level == level_index(key))]
            low, high = np.nanmin(metres) / 1000, np.nanmax(metres) / 1000
            text += f" (within {low:g} km)" if low == high else \
                f" (within {low:g} to {high:g} km)"
        counts.append(text)
    return f"Location precision ({column}): {'; '.join(counts)}."


def _dates(placed: Placed) -> str:
    """Attributed and may-be-near rows whose dates span more than one counting period."""
    undated = ~placed.dated
    attributed = int((placed.where("attributed") & undated).sum())
    near = int((placed.where("may_be_near") & undated).sum())
    if not attributed and not near:
        return ""
    period = placed.spec.period
    return (f"Dates: {attributed:,} attributed and {near:,} may-be-near rows may fall in more "
            f"than one {period} (or have a date precision the codebook does not define): date "
            f"too uncertain for {period}ly counts, so they are reported apart, in no "
            f"{period}'s count.")


def _per(crossings: pd.Categorical, mask: np.ndarray, names: dict[str, str]) -> str:
    """" (Abu al-Duhur 22, Saraqib 76)": the rows of mask per crossing, or nothing."""
    counts = np.bincount(np.asarray(crossings.codes)[mask].astype(np.int64),
                         minlength=len(crossings.categories))
    per = ", ".join(f"{names.get(i, i)} {n:,}" for i, n in
                    zip(crossings.categories, counts, strict=True) if n)
    return f" ({per})" if per else ""
