"""The events table's paragraph in the build summary: what happened to every row, by crossing,
by location precision and by date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clean import BAD_KINDS
from .precision import LOCATION_LEVELS, POINT_LEVELS, level_index

if TYPE_CHECKING:
    from .tally import Tally


def summary(tally: Tally, names: dict[str, str]) -> str:
    """One paragraph: rows read and set aside; attributed, may be near and too imprecise, per
    crossing and by level; farther away; dates too uncertain for the counting period."""
    spec = tally.spec
    read, placements = tally.read, tally.placements
    km = f"{tally.radius_m / 1000:g} km"
    preset = f" (preset {spec.preset})" if spec.preset else ""
    parts = [f"Events table {spec.table.name}{preset}: {read:,} rows read;"]
    set_aside = placements["set_aside"]
    if set_aside:
        examples = tally.examples
        kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {examples[k][0]})"
                          for k, n in tally.bad.items() if n)
        parts.append(f"{set_aside:,} set aside, each kept with the reason in the joined "
                     f"events ({kinds}).")
    else:
        parts.append("none set aside.")
    parts.append(_precision(tally))
    how = f"located to within {km} and within {km} of it" if spec.location_precision_col \
        else f"within {km} of it"
    parts.append(f"{placements['attributed']:,} attributed to a crossing ({how})"
                 f"{_per(tally, 'attributed', names)}.")
    if placements["may_be_near"] or spec.location_precision_col:
        parts.append(f"{placements['may_be_near']:,} may be near a crossing, counted apart and "
                     f"never added to those (located only to within more than {km}, or a "
                     f"point beyond {km} whose uncertainty reaches the radius)"
                     f"{_per(tally, 'may_be_near', names)}.")
    vague = placements["too_imprecise"]
    if vague:
        by_level = "; ".join(f"{n:,} {label}" for n, label in
                             zip(tally.vague_levels, LOCATION_LEVELS.values(), strict=True)
                             if n)
        close = int(tally.by_crossing["too_imprecise"].sum())
        parts.append(f"{vague:,} too imprecise to place at any crossing "
                     f"({by_level}); {close:,} of them have their stand-in point "
                     f"within {km} of a crossing{_per(tally, 'too_imprecise', names)}.")
    parts.append(f"{placements['beyond_radius']:,} farther than {km} (and their uncertainty) "
                 "from every crossing.")
    parts.append(_dates(tally))
    return " ".join(p for p in parts if p)


def _precision(tally: Tally) -> str:
    """How well the usable rows are located, by level."""
    column = tally.spec.location_precision_col
    if not column:
        return ("No location precision column was given: every point is taken as the "
                "event's place.")
    counts = []
    for key, n in zip(LOCATION_LEVELS, tally.levels, strict=True):
        if not n:
            continue
        text = f"{n:,} {LOCATION_LEVELS[key]}"
        if key in POINT_LEVELS and key not in ("exact", "not_given"):
            low, high = tally.metres[level_index(key)] / 1000
            text += f" (within {low:g} km)" if low == high else \
                f" (within {low:g} to {high:g} km)"
        counts.append(text)
    return f"Location precision ({column}): {'; '.join(counts)}."


def _dates(tally: Tally) -> str:
    """Attributed and may-be-near rows whose dates span more than one counting period."""
    attributed = int(tally.undated["attributed"].sum())
    near = int(tally.undated["may_be_near"].sum())
    if not attributed and not near:
        return ""
    period = tally.spec.period
    return (f"Dates: {attributed:,} attributed and {near:,} may-be-near rows may fall in more "
            f"than one {period} (or have a date precision the codebook does not define): date "
            f"too uncertain for {period}ly counts, so they are reported apart, in no "
            f"{period}'s count.")


def _per(tally: Tally, placement: str, names: dict[str, str]) -> str:
    """" (Abu al-Duhur 22, Saraqib 76)": the rows so placed per crossing, or nothing."""
    per = ", ".join(f"{names.get(i, i)} {n:,}" for i, n in
                    zip(tally.crossing_ids, tally.by_crossing[placement], strict=True) if n)
    return f" ({per})" if per else ""
