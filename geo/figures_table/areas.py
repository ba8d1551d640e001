"""Which OCHA area a figures table's cell names: a P-code of a governorate, district or
sub-district (`SY07`, `SY0700`, `SY070003`), or OCHA's English or Arabic name of one, folded
as crossings' names are (`names.name_key`).

Names are not unique across levels: Idleb is a governorate, a district and a sub-district. A
table's names are read at the level most of them belong to (the coarsest on a tie), then at
any level where one area has the name. A spelling that differs only in its vowels or doubled
letters (Idlib for Idleb, Daraa for Dar'a: `names.spelling_key`) is taken where it points at
one area, and the summary lists each one so taken. Nothing else is guessed.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from typing import NamedTuple

import geopandas as gpd

from .. import schema
from ..load import Boundaries
from ..names import name_key, spelling_key

LEVELS = tuple(schema.PCODE_LEVELS)  # admin1, admin2, admin3: coarsest first
LEVEL_WORDS = {"admin1": "governorate", "admin2": "district", "admin3": "sub-district"}
_PCODE = re.compile(r"^SY\d{2}(\d{2}(\d{2})?)?$", re.I)


class Area(NamedTuple):
    """One OCHA area."""

    pcode: str
    name: str
    name_ar: str
    level: str  # admin1, admin2 or admin3


class Match(NamedTuple):
    """What a cell names: an area (how it was matched), or why none."""

    area: Area | None
    how: str  # pcode, name, spelling (a variant spelling); "" when there is no area
    problem: str  # "" or a key of tables.BAD_KINDS: missing_area, unknown_area, ambiguous_area
    hint: str  # did-you-mean, or the areas an ambiguous name could be


class AreaIndex:
    """Every OCHA area of the boundary layers, by P-code and by folded name per level."""

    def __init__(self, boundaries: Boundaries):
        self.by_pcode: dict[str, Area] = {}
        self._names: dict[str, dict[str, list[Area]]] = {lv: defaultdict(list) for lv in LEVELS}
        self._spellings: dict[str, dict[str, list[Area]]] = {lv: defaultdict(list)
                                                              for lv in LEVELS}
        for level, layer in zip(LEVELS, boundaries.layers(), strict=True):
            for area in _areas(layer, level):
                self.by_pcode[area.pcode] = area
                for text in {area.name, area.name_ar} - {""}:
                    if area not in self._names[level][name_key(text)]:
                        self._names[level][name_key(text)].append(area)
                    if area not in self._spellings[level][spelling_key(text)]:
                        self._spellings[level][spelling_key(text)].append(area)

    def level_of(self, cells: list[str]) -> str:
        """The level most of the distinct names among `cells` belong to (coarsest on a tie)."""
        keys = {name_key(c) for c in cells if c.strip() and not _PCODE.match(c.strip())}
        counts = Counter({lv: sum(k in self._names[lv] for k in keys) for lv in LEVELS})
        return max(LEVELS, key=lambda lv: (counts[lv], -LEVELS.index(lv)))

    def match(self, cell: str, level: str) -> Match:
        """The area a cell names, reading names at `level` first."""
        text = cell.strip()
        if not text:
            return Match(None, "", "missing_area", "")
        if _PCODE.match(text):
            area = self.by_pcode.get(text.upper())
            if area:
                return Match(area, "pcode", "", "")
            return Match(None, "", "unknown_area", self._pcode_hint(text.upper()))
        key = name_key(text)
        others = [lv for lv in LEVELS if lv != level]
        for index, levels in ((self._names, [level]), (self._names, others),
                              (self._spellings, [level]), (self._spellings, others)):
            found = _unique(index, levels, key if index is self._names else spelling_key(text))
            if found is None:
                continue
            if len(found) > 1:
                return Match(None, "", "ambiguous_area", "; ".join(
                    f"{a.pcode} {a.name}" for a in found) + "; give the P-code")
            how = "name" if index is self._names else "spelling"
            return Match(found[0], how, "", "")
        return Match(None, "", "unknown_area", self._name_hint(text, level))

    def _name_hint(self, text: str, level: str) -> str:
        """Did you mean: the closest OCHA names at the level, then at any level; by the
        folded name, then by the looser spelling key."""
        for index, key in ((self._names, name_key(text)), (self._spellings, spelling_key(text))):
            for levels in ([level], LEVELS):
                keys = [k for lv in levels for k in index[lv]]
                close = difflib.get_close_matches(key, keys, n=3, cutoff=0.7)
                if close:
                    areas = dict.fromkeys(a for k in close for lv in levels
                                          for a in index[lv].get(k, []))
                    return "did you mean " + " or ".join(f"{a.name!r} ({a.pcode})"
                                                         for a in list(areas)[:3]) + "?"
        return ""

    def _pcode_hint(self, code: str) -> str:
        level = schema.LEVEL_OF_PCODE_LENGTH[len(code)]
        known = sorted(p for p, a in self.by_pcode.items() if a.level == level)
        if not known:
            return ""
        return f"OCHA's {LEVEL_WORDS[level]} P-codes run from {known[0]} to {known[-1]}"


def _unique(index: dict, levels: list[str], key: str) -> list[Area] | None:
    """The areas the key names at these levels: None for none, else every one."""
    found = [a for lv in levels for a in index[lv].get(key, [])]
    return found or None


def _areas(layer: gpd.GeoDataFrame, level: str) -> list[Area]:
    names_ar = layer["name_ar"] if "name_ar" in layer else [""] * len(layer)
    return [Area(str(p), str(n), str(a or ""), level)
            for p, n, a in zip(layer["pcode"], layer["name"], names_ar, strict=True)]
