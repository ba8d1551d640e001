"""Check the Arabic twins (`…_ar`): every English text a reader sees has its Arabic.

A text the English has but the Arabic lacks is *untranslated*: `check`, the curator's gate,
reports each such cell as a problem; `build` goes ahead, says in its summary which rows are in
English only, and the page shows their English marked as English. An Arabic text without its
English, or one with no Arabic letter in it, is a mistake either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .. import schema
from ..errors import Problem
from ..load import ROW_COLUMN

_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Untranslated:
    """One English cell whose Arabic twin is empty."""

    file: str
    where: str  # "row 14", "feature 3"
    row_id: str  # the row's id (event_id, figure_id, source_id or crossing id)
    column: str  # the English column

    def problem(self) -> Problem:
        """The gap as `check` reports it."""
        arabic = schema.ARABIC_TWINS[self.file][self.column]
        return Problem(self.file, f"{self.where} ({schema.ROW_IDS[self.file]} {self.row_id!r})",
                       f"{arabic} is empty but {self.column} is filled: the text has no "
                       "Arabic", f"add the Arabic translation of {self.column} in {arabic} "
                       "(data/README.md, 'Arabic text')")


def check_arabic(file: str, rows: list[tuple[str, dict]], problems: list[Problem]
                 ) -> list[Untranslated]:
    """The untranslated cells of one file's rows, given as (where, cells); report Arabic text
    that has no English, or no Arabic letter, as a problem."""
    gaps = []
    id_column = schema.ROW_IDS[file]
    for where, cells in rows:
        row_id = cells.get(id_column)
        row_id = row_id if isinstance(row_id, str) else ""
        for english, arabic in schema.ARABIC_TWINS[file].items():
            source, translation = _text(cells.get(english)), _text(cells.get(arabic))
            if source and not translation:
                gaps.append(Untranslated(file, where, row_id, english))
            elif translation and not source:
                problems.append(Problem(file, where, f"{arabic} is filled but {english} is "
                                        "empty; the English is the reference the Arabic "
                                        "translates", f"fill in {english}, or empty {arabic}"))
            elif translation and not _ARABIC_LETTER.search(translation):
                problems.append(Problem(file, where, f"{arabic} {translation[:60]!r} has no "
                                        "Arabic letter", f"write the Arabic translation of "
                                        f"{english} there, or leave it empty"))
    return gaps


def table_rows(table: pd.DataFrame) -> list[tuple[str, dict]]:
    """A spreadsheet's rows as (where, cells)."""
    return [(f"row {row[ROW_COLUMN]}", row) for row in table.to_dict("records")]


def untranslated_summary(gaps: list[Untranslated]) -> str:
    """One sentence for the build summary: how many rows are in English only, and which."""
    rows: dict[tuple[str, str], None] = {}
    for gap in gaps:
        rows.setdefault((gap.file, gap.row_id or gap.where), None)
    listed = "; ".join(f"{file} {row_id}" for file, row_id in rows)
    return (f"{len(rows)} row(s) have text in English only, with no Arabic yet ({listed}): the "
            "page shows their English, marked as English; `check` lists each cell")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
