"""Random figures tables give a result or a `DataError`, never a traceback: the reader, the
area matcher and the value and date rules are run on cells as broken exports make them."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import DataError
from geo.figures_table import FiguresSpec, FigureTables, read_figures

FUZZ = settings(max_examples=80, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "*", "-", "<5", "1,234", "12,5", "111571.5", "-3", "1e999", "nan",
                     "SY07", "sy0705", "SY99", "Idleb", "Idlib", "إدلب", "Suran", "2019-12",
                     "2019-02-30", "2019", "January 2019", "9999-12-31", "#adm1+code", '"',
                     "\x00", "\ufeff", "=SUM(A1)"]),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=5), min_size=0, max_size=12)


@FUZZ
@given(body=rows, period=st.sampled_from(["month", "week", "day", "year"]),
       aggregate=st.sampled_from([None, "sum"]), area_col=st.sampled_from(["area", "#adm1"]))
def test_random_tables_never_raise_anything_but_a_data_error(tmp_path, timeline, body, period,
                                                             aggregate, area_col):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["area", "date", "value"], *body])
    path = tmp_path / "random.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    spec = FiguresSpec(file=path, area_col=area_col, value_col="value", date_col="date",
                       period=period, aggregate=aggregate)
    try:
        figures = read_figures(FigureTables(tables=(spec,)), timeline).tables[0]
    except DataError as e:
        assert e.problems and all(p.message for p in e.problems)
        return
    # A table that was read holds one value per area and period, none of them negative, and
    # every row it read is set aside or part of a value.
    keys = list(zip(figures.figures["pcode"], figures.figures["period_start"], strict=True))
    assert len(keys) == len(set(keys))
    assert not (figures.figures["value"] < 0).any()
    used = int(figures.figures["rows"].sum())
    assert used <= figures.rows_read <= used + len(figures.set_aside)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00a", b"area,date,value\n", b"\x00\x00"])
def test_empty_and_binary_files_are_data_errors(tmp_path, timeline, content):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    spec = FiguresSpec(file=path, area_col="area", value_col="value", date_col="date")
    with pytest.raises(DataError):
        read_figures(FigureTables(tables=(spec,)), timeline)
