"""Turn each figures table into one value per OCHA area and period, by the rules in
`values.py` and `areas.py`; set aside, count and explain every row that cannot be used.

Rows for one area and period are an error, unless the table says they are disjoint parts to
add (`aggregate = "sum"`). Values of different tables (metrics, sources, periods) are never
added together: each table is its own series.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import DataError, Problem, setting
from .areas import LEVEL_WORDS, LEVELS, AreaIndex, Match
from .read import TableColumns, read_columns
from .spec import FiguresSpec, FigureTables, named
from .values import Value, When, period_of, read_date, read_value, too_coarse

if TYPE_CHECKING:
    from ..timeline import Timeline

# Why a row was set aside, in the order a row is checked; keys appear in the set-aside file.
BAD_KINDS = {
    "missing_area": "area blank",
    "unknown_area": "not an OCHA area",
    "ambiguous_area": "names several OCHA areas",
    "missing_date": "date missing",
    "unparsable_date": "date not understood",
    "date_out_of_range": "date before 1900 or after the build",
    "date_too_coarse": "date less precise than the period",
    "unparsable_value": "value not a number",
    "negative_value": "value negative",
}
# A row with one of these has no area or no period, so it is part of no area-period.
UNPLACED_KINDS = {"missing_area", "unknown_area", "ambiguous_area", "missing_date",
                  "unparsable_date", "date_out_of_range", "date_too_coarse"}
EXAMPLES_PER_KIND = 3
FIRST_VALUES = 5  # how many of a column's values an error quotes
# The page's size budget (docs/page-budget.md), and what the series may add before the
# summary says so: the page itself is about 340 KB.
PAGE_BUDGET_KB = 400
HEAVY_PAGE_BYTES = 48 * 1024
# One value per area and period: the exports' and the page's rows.
FIGURE_COLUMNS = ["pcode", "level", "period_start", "period_end", "value", "qualifier",
                  "no_data", "rows"]
SET_ASIDE_COLUMNS = ["table", "row", "area", "date", "value", "problem", "hint"]


@dataclass(kw_only=True)
class TableFigures:
    """One figures table read: its values per area and period, and the rows set aside."""

    spec: FiguresSpec
    level: str  # the level the table's names were read at
    figures: pd.DataFrame  # FIGURE_COLUMNS, ordered by level, P-code and period
    set_aside: pd.DataFrame  # SET_ASIDE_COLUMNS
    rows_read: int
    blank_rows: int  # rows with no cell filled in, skipped (a spreadsheet's trailing rows)
    bad: dict[str, int]  # rows per kind of problem (a row may have two)
    examples: dict[str, list[str]]
    variants: dict[str, str]  # a spelling taken for an OCHA name -> "Idleb (SY07)"
    summed: int  # area-periods whose value adds several rows

    def summary(self) -> str:
        """One paragraph: rows read and used, no data, set aside by kind, areas by level."""
        f = self.figures
        parts = [f"Figures table {self.spec.name} ({self.spec.metric_label}, per "
                 f"{self.spec.period}): {self.rows_read:,} rows read"
                 + (f" ({self.blank_rows:,} blank rows skipped)" if self.blank_rows else "")
                 + ";"]
        levels = Counter(f.drop_duplicates("pcode")["level"])
        areas = ", ".join(f"{n} {LEVEL_WORDS[lv]}{'s' if n != 1 else ''}"
                          for lv, n in sorted(levels.items(), key=lambda i: LEVELS.index(i[0])))
        no_data = int(f["value"].isna().sum())
        parts.append(f"{len(f):,} values for {areas} over {f['period_start'].nunique():,} "
                     f"{self.spec.period}s, {no_data:,} of them no data (blank or a "
                     "suppression mark, never read as zero);")
        if self.summed:
            partial = int((f["qualifier"] == "at_least").sum())
            parts.append(f"{self.summed:,} of them add several rows (aggregate sum)"
                         + (f", {partial:,} only in part, marked at least" if partial else "")
                         + ";")
        set_aside = len(self.set_aside)
        if set_aside:
            kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {self.examples[k][0]})"
                              for k, n in self.bad.items() if n)
            parts.append(f"{set_aside:,} rows set aside ({kinds}).")
        else:
            parts.append("none set aside.")
        if self.variants:
            parts.append("Read as OCHA names: " + ", ".join(
                f"{k!r} as {v}" for k, v in sorted(self.variants.items())) + ".")
        return " ".join(parts)


@dataclass(kw_only=True)
class AreaFigures:
    """Every figures table of a build, read; where their set-aside rows go."""

    tables: list[TableFigures]
    config: FigureTables

    def summary(self, page_bytes: int = 0) -> str:
        """Each table's paragraph, where the set-aside rows went, and (when heavy) what the
        series weigh in the page."""
        parts = [table.summary() for table in self.tables]
        set_aside, path = len(self.set_aside_rows()), self.config.set_aside
        if path is not None:
            parts.append(f"Set-aside figures rows ({set_aside:,}, each with its problem and any "
                         f"did-you-mean) written to {path}.")
        elif set_aside:
            parts.append(f"Set-aside figures rows not written (pass "
                         f"{setting('figures_set_aside')} FILE to keep each with its problem "
                         "and any did-you-mean).")
        if page_bytes > HEAVY_PAGE_BYTES:
            parts.append(f"Note: the figures tables' series add {page_bytes / 1024:,.0f} KB to "
                         f"the page, whose budget is {PAGE_BUDGET_KB} KB in all; a coarser "
                         "period or level keeps it light.")
        return " ".join(parts)

    def set_aside_rows(self) -> pd.DataFrame:
        """Every table's set-aside rows, with the table they come from."""
        frames = [t.set_aside for t in self.tables if len(t.set_aside)]
        return pd.concat(frames, ignore_index=True) if frames else \
            pd.DataFrame(columns=SET_ASIDE_COLUMNS)


def read_figures(config: FigureTables, timeline: Timeline) -> AreaFigures:
    """Read every table of the config against the timeline's OCHA areas; every problem that
    stops a table is reported at once, for all tables."""
    index = AreaIndex(timeline.boundaries)
    tables, problems = [], []
    for spec in config.tables:
        try:
            tables.append(read_table_figures(spec, index))
        except DataError as e:
            problems += e.problems
    if problems:
        raise DataError(problems)
    return AreaFigures(tables=tables, config=config)


def read_table_figures(spec: FiguresSpec, index: AreaIndex) -> TableFigures:
    """One table: each row's area, period and value; set-aside rows; one value per area and
    period (or an error naming the rows that give two)."""
    table = read_columns(spec, lambda header: index.match(header, "admin1").area is not None)
    if not table.rows:
        raise DataError(Problem(spec.name, "", "has a header but no rows",
                                "give the table with its rows, one per area and period"))
    areas_text = table.columns["area_col"]
    level = index.level_of(list(dict.fromkeys(areas_text)))
    matches = {cell: index.match(cell, level) for cell in dict.fromkeys(areas_text)}
    if not any(m.area for m in matches.values()):
        raise DataError(_no_area_problem(spec, table, matches))
    dates_text = table.columns.get("date_col") or [spec.date] * len(table.rows)
    whens = {cell: read_date(cell) for cell in dict.fromkeys(dates_text)}
    values = [read_value(cell) for cell in table.columns["value_col"]]
    problems = [_row_problems(matches[a], whens[d], v, spec.period)
                for a, d, v in zip(areas_text, dates_text, values, strict=True)]
    bad, examples = _count(problems, table, spec)
    # Rows with an area and a period are parts of that area-period, even with a bad value.
    periods = {cell: period_of(w.day, spec.period) for cell, w in whens.items() if w.day}
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, (cell, day) in enumerate(zip(areas_text, dates_text, strict=True)):
        if UNPLACED_KINDS.isdisjoint(problems[i]):
            groups[matches[cell].area.pcode, periods[day]].append(i)
    twice = {key: rows for key, rows in groups.items() if len(rows) > 1}
    if twice and spec.aggregate != "sum":
        raise DataError(_duplicate_problems(spec, table, twice, matches, areas_text))
    figures = _figures(groups, values, problems, index)
    if figures.empty:
        raise DataError(_nothing_usable_problem(spec, table, bad, examples))
    set_aside = pd.DataFrame(
        [[spec.name, table.rows[i], areas_text[i], dates_text[i], table.columns["value_col"][i],
          "; ".join(problems[i]), _hint(matches[areas_text[i]], problems[i])]
         for i in range(len(problems)) if problems[i]], columns=SET_ASIDE_COLUMNS)
    variants = {cell: f"{m.area.name} ({m.area.pcode})" for cell, m in matches.items()
                if m.how == "spelling"}
    return TableFigures(spec=spec, level=level, figures=figures, set_aside=set_aside,
                        rows_read=len(table.rows), blank_rows=table.blank_rows, bad=bad,
                        examples=examples, variants=variants,
                        summed=sum(len(r) > 1 for r in groups.values()))


def _row_problems(match: Match, when: When, value: Value, period: str) -> list[str]:
    """The keys of BAD_KINDS that apply to one row, in the order of BAD_KINDS."""
    found = [match.problem] if match.problem else []
    if when.problem:
        found.append(when.problem)
    elif too_coarse(when.precision, period):
        found.append("date_too_coarse")
    if value.problem:
        found.append(value.problem)
    return found


def _figures(groups: dict[tuple, list[int]], values: list[Value], problems: list[list[str]],
             index: AreaIndex) -> pd.DataFrame:
    """One row per area and period: the value, or the sum of its parts with `aggregate`.

    A sum missing some parts (no data, or a value set aside) is marked `at_least`: the parts
    are counts, never negative, so the total is at least what is known."""
    records = []
    for (pcode, (start, end)), rows in groups.items():
        usable = [i for i in rows if not problems[i]]  # the others' values were set aside
        if not usable:
            continue
        known = [values[i].number for i in usable if values[i].number is not None]
        if known:
            value = math.fsum(known)
            no_data, qualifier = "", "exact" if len(known) == len(rows) else "at_least"
        else:
            value = None
            no_data = "; ".join(dict.fromkeys(values[i].no_data for i in usable))
            qualifier = ""
        records.append([pcode, index.by_pcode[pcode].level, start, end, value, qualifier,
                        no_data, len(rows)])
    figures = pd.DataFrame(records, columns=FIGURE_COLUMNS)
    figures["level_order"] = figures["level"].map(LEVELS.index)
    return figures.sort_values(["level_order", "pcode", "period_start"]).drop(
        columns="level_order").reset_index(drop=True)


def _count(problems: list[list[str]], table: TableColumns, spec: FiguresSpec):
    bad = {kind: 0 for kind in BAD_KINDS}
    examples: dict[str, list[str]] = {kind: [] for kind in BAD_KINDS}
    for i, kinds in enumerate(problems):
        for kind in kinds:
            bad[kind] += 1
            if len(examples[kind]) < EXAMPLES_PER_KIND:
                column = "value_col" if "value" in kind else "date_col" if "date" in kind \
                    else "area_col"
                cell = table.columns[column][i] if column in table.columns else spec.date
                examples[kind].append(f"row {table.rows[i]}: {table.labels.get(column, column)}"
                                      f" {cell!r}")
    return bad, examples


def _hint(match: Match, kinds: list[str]) -> str:
    return match.hint if match.problem and match.problem in kinds else ""


def _no_area_problem(spec: FiguresSpec, table: TableColumns,
                     matches: dict[str, Match]) -> Problem:
    """No row names an OCHA area: name the column, its first values and what was expected."""
    column = table.labels["area_col"]
    first = [cell for cell in matches if cell.strip()][:FIRST_VALUES]
    hints = [f"{c!r}: {matches[c].hint}" for c in first if matches[c].hint.startswith("did")]
    return Problem(spec.name, f"column {column!r}", f"no row names an OCHA area; its first "
                   f"values are {first}" + (f" ({'; '.join(hints)})" if hints else "") +
                   "; expected OCHA P-codes of governorates, districts or sub-districts "
                   "(SY07, SY0700, SY070003) or their OCHA names in English or Arabic "
                   "(Idleb, إدلب)", f"name the column of P-codes or area names with "
                   f"{named('area_col')}")


def _duplicate_problems(spec: FiguresSpec, table: TableColumns, twice: dict[tuple, list[int]],
                        matches: dict[str, Match], areas_text: list[str]) -> list[Problem]:
    problems = []
    for (pcode, (start, _)), rows in twice.items():
        area = matches[areas_text[rows[0]]].area
        numbers = ", ".join(str(table.rows[i]) for i in rows)
        given = sorted({areas_text[i] for i in rows})
        problems.append(Problem(
            spec.name, f"rows {numbers}", f"give {len(rows)} values for {area.name} "
            f"({pcode}, as {', '.join(repr(g) for g in given)}) in the {spec.period} "
            f"starting {start.isoformat()}; one value per area and period was expected",
            f"remove the repeated rows, or add {named('aggregate')} sum if they are disjoint "
            "parts of the area (e.g. communities of a sub-district) to be added"))
    return problems


def _nothing_usable_problem(spec: FiguresSpec, table: TableColumns, bad: dict[str, int],
                            examples: dict[str, list[str]]) -> Problem:
    kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {examples[k][0]})"
                      for k, n in bad.items() if n)
    return Problem(spec.name, "", f"no row could be used: all {len(table.rows):,} set aside "
                   f"({kinds})", "check the columns named for the date and the value, and "
                   "the period; see docs/figures_tables.md for the forms read")
