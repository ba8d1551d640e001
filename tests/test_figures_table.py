"""Figures tables, the rules: areas by P-code and by name at each level, HXL hashtags, values as
published, no data never zero, duplicates refused or added, set-aside rows with a did-you-mean,
and a clear error for a table that names no area or is laid out wide."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fixtures.mutate import write_rows

from geo.errors import DataError
from geo.figures_table import FiguresSpec, FigureTables, read_figures


def table(path: Path, header: list[str], rows: list[list[str]],
          hashtags: list[str] | None = None) -> Path:
    """A figures table as a spreadsheet writes it (an HXL hashtag row under the header if
    given)."""
    write_rows(path, [header, *([hashtags] if hashtags else []), *rows])
    return path


def read(timeline, path: Path, **settings):
    """The one table's figures, read against the bundled boundaries."""
    spec = FiguresSpec(**{"file": path, "area_col": "area", "value_col": "value",
                          "date_col": "date", **settings})
    return read_figures(FigureTables(tables=(spec,)), timeline).tables[0]


def values(figures) -> dict[tuple[str, str], float | None]:
    """(pcode, period start) -> value (None: no data)."""
    return {(r.pcode, r.period_start.isoformat()): None if pd.isna(r.value) else r.value
            for r in figures.figures.itertuples()}


HEADER = ["area", "date", "value"]


@pytest.mark.parametrize("cell, pcode, level", [
    ("SY07", "SY07", "admin1"),            # governorate P-code
    ("sy0705", "SY0705", "admin2"),        # district P-code, any case
    ("SY070003", "SY070003", "admin3"),    # sub-district P-code
])
def test_pcodes_at_each_level(tmp_path, timeline, cell, pcode, level):
    figures = read(timeline, table(tmp_path / "pcodes.csv", HEADER, [[cell, "2019-12", "5"]]))
    assert figures.figures[["pcode", "level"]].values.tolist() == [[pcode, level]]


def test_names_in_english_and_arabic_at_each_level(tmp_path, timeline):
    governorates = read(timeline, table(tmp_path / "governorates.csv", HEADER, [
        ["Idleb", "2019-12", "1"], ["حلب", "2019-12", "2"], ["  al-hasakeh ", "2019-12", "3"],
        ["Dar'a", "2019-12", "4"]]))
    assert governorates.level == "admin1"
    assert sorted(governorates.figures["pcode"]) == ["SY02", "SY07", "SY08", "SY12"]
    # Most names are of districts, so the table is read at that level: Idleb is the district.
    districts = read(timeline, table(tmp_path / "districts.csv", HEADER, [
        ["Idleb", "2019-12", "1"], ["Ariha", "2019-12", "2"], ["حارم", "2019-12", "3"],
        ["Jisr Ash Shugur", "2019-12", "4"]]))
    assert districts.level == "admin2"
    assert sorted(districts.figures["pcode"]) == ["SY0700", "SY0703", "SY0704", "SY0705"]
    subdistricts = read(timeline, table(tmp_path / "subdistricts.csv", HEADER, [
        ["Idleb", "2019-12", "1"], ["Sarmin", "2019-12", "2"], ["أبو الظهور", "2019-12", "3"],
        ["Khan Shaykun", "2019-12", "4"]]))
    assert subdistricts.level == "admin3"
    assert sorted(subdistricts.figures["pcode"]) == ["SY070000", "SY070001", "SY070006",
                                                      "SY070201"]


def test_transliterations_are_taken_and_listed(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "spellings.csv", HEADER, [
        ["Idlib", "2019-12", "1"], ["Daraa", "2019-12", "2"], ["Hasakah", "2019-12", "3"]]))
    assert sorted(figures.figures["pcode"]) == ["SY07", "SY08", "SY12"]
    assert figures.variants == {"Idlib": "Idleb (SY07)", "Daraa": "Dar'a (SY12)",
                                "Hasakah": "Al-Hasakeh (SY08)"}
    assert "Read as OCHA names: 'Daraa' as Dar'a (SY12)" in figures.summary()


def test_hxl_hashtags_name_columns(tmp_path, timeline):
    path = table(tmp_path / "hdx_hxl.csv", ["Governorate", "P-code", "Month", "IDPs"], [
        ["Idleb", "SY07", "2019-12", "1,500"], ["Aleppo", "SY02", "2019-12", "300"]],
        hashtags=["#adm1+name", "#adm1+code+v_pcode", "#date", "#affected+idps"])
    figures = read(timeline, path, area_col="#adm1+code", value_col="#affected +idps",
                   date_col="#date")
    assert values(figures) == {("SY02", "2019-12-01"): 300, ("SY07", "2019-12-01"): 1500}
    assert figures.rows_read == 2  # the hashtag row is not a row of data
    with pytest.raises(DataError, match=r"hdx_hxl.csv row 2: 2 columns match '#adm1': "):
        read(timeline, path, area_col="#adm1", value_col="#affected+idps", date_col="#date")
    with pytest.raises(DataError, match=r"no column has the HXL hashtag '#adm2\+code'"):
        read(timeline, path, area_col="#adm2+code", value_col="IDPs", date_col="Month")


def test_a_hashtag_without_a_hashtag_row_is_an_error(tmp_path, timeline):
    path = table(tmp_path / "no_hxl.csv", HEADER, [["SY07", "2019-12", "1"]])
    with pytest.raises(DataError, match=r"has no HXL hashtag row, so area_col '#adm1\+code' "
                                        r"names no column"):
        read(timeline, path, area_col="#adm1+code")


def test_values_as_published_and_no_data_never_zero(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "values.csv", HEADER, [
        ["SY01", "2019-01", "111571.5"],   # a half, kept
        ["SY02", "2019-01", "1,234,567"],  # thousands separators
        ["SY03", "2019-01", "0"],          # a real zero
        ["SY04", "2019-01", ""],           # blank: no data
        ["SY05", "2019-01", "*"],          # suppressed: no data
        ["SY06", "2019-01", "<5"],         # suppressed small count: no data
        ["SY07", "2019-01", "١٬٢٠٠"],      # Arabic-Indic digits and separator
        ["SY08", "2019-01", "134951.0"],
    ]))
    assert values(figures) == {
        ("SY01", "2019-01-01"): 111571.5, ("SY02", "2019-01-01"): 1234567,
        ("SY03", "2019-01-01"): 0, ("SY04", "2019-01-01"): None, ("SY05", "2019-01-01"): None,
        ("SY06", "2019-01-01"): None, ("SY07", "2019-01-01"): 1200,
        ("SY08", "2019-01-01"): 134951}
    assert figures.figures.set_index("pcode")["no_data"].to_dict() == {
        "SY01": "", "SY02": "", "SY03": "", "SY04": "blank", "SY05": "*", "SY06": "<5",
        "SY07": "", "SY08": ""}
    assert figures.set_aside.empty


def test_bad_rows_are_set_aside_counted_and_explained(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "bad_rows.csv", HEADER, [
        ["Idleb", "2019-01", "10"],          # row 2: fine
        ["Idleb city", "2019-01", "10"],     # row 3: not an OCHA area; did you mean Idleb
        ["", "2019-01", "10"],               # row 4: no area
        ["SY99", "2019-01", "10"],           # row 5: not a P-code of Syria
        ["Suran", "2019-01", "10"],          # row 6: two sub-districts share the name
        ["Aleppo", "2019-13", "10"],         # row 7: no such month
        ["Aleppo", "", "10"],                # row 8: no date
        ["Aleppo", "2019-02", "12,5"],       # row 9: a decimal comma is not understood
        ["Aleppo", "2019-03", "-4"],         # row 10: negative
        ["Aleppo", "2901-01", "10"],         # row 11: a typo'd year
    ]))
    assert figures.bad == {"missing_area": 1, "unknown_area": 2, "ambiguous_area": 1,
                           "missing_date": 1, "unparsable_date": 1, "date_out_of_range": 1,
                           "date_too_coarse": 0, "unparsable_value": 1, "negative_value": 1}
    set_aside = figures.set_aside.set_index("row")
    assert list(set_aside.index) == list(range(3, 12))
    assert set_aside.loc[3, "hint"] == "did you mean 'Idleb' (SY07)?"
    assert set_aside.loc[5, "hint"] == "OCHA's governorate P-codes run from SY01 to SY14"
    assert set_aside.loc[6, "problem"] == "ambiguous_area"
    assert "SY020405 Suran; SY050101 Suran" in set_aside.loc[6, "hint"]
    assert set_aside.loc[9, "problem"] == "unparsable_value"
    summary = figures.summary()
    assert "10 rows read; 1 values for 1 governorate" in summary
    assert "9 rows set aside (1 area blank (e.g. row 4: area ''); 2 not an OCHA area (e.g. " \
           "row 3: area 'Idleb city')" in summary


def test_a_date_less_precise_than_the_period_is_set_aside(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "weekly.csv", HEADER, [
        ["SY07", "2019-12-02", "1"], ["SY07", "2019-12-05", "2"], ["SY07", "2019-12", "3"]]),
        period="week", aggregate="sum")
    assert values(figures) == {("SY07", "2019-12-02"): 3}  # Monday 2 December: both days
    assert figures.bad["date_too_coarse"] == 1
    assert figures.figures.loc[0, "period_end"].isoformat() == "2019-12-08"


def test_one_date_for_the_whole_table(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "snapshot.csv", ["area", "value"], [
        ["SY07", "4"], ["SY02", "5"]]), date_col=None, date="2020-02", period="year")
    assert values(figures) == {("SY02", "2020-01-01"): 5, ("SY07", "2020-01-01"): 4}


def test_two_rows_for_one_area_and_period_are_an_error(tmp_path, timeline):
    path = table(tmp_path / "communities.csv", HEADER, [
        ["SY070003", "2019-12-01", "10"], ["Saraqab", "2019-12-20", "5"],
        ["SY070006", "2019-12", "7"]])
    with pytest.raises(DataError) as error:
        read(timeline, path)
    assert str(error.value) == (
        "communities.csv rows 2, 3: give 2 values for Saraqab (SY070003, as 'SY070003', "
        "'Saraqab') in the month starting 2019-12-01; one value per area and period was "
        "expected. Fix: remove the repeated rows, or add aggregate sum if they are disjoint "
        "parts of the area (e.g. communities of a sub-district) to be added")


def test_aggregate_sum_adds_the_parts_and_marks_a_partial_sum(tmp_path, timeline):
    figures = read(timeline, table(tmp_path / "communities.csv", HEADER, [
        ["SY070003", "2019-12-01", "10"], ["Saraqab", "2019-12-20", "5.5"],
        ["SY070006", "2019-12", "7"], ["SY070006", "2019-12", "*"],
        ["SY070001", "2019-12", ""], ["SY070001", "2019-12", ""]]), aggregate="sum")
    rows = figures.figures.set_index("pcode")
    assert rows.loc["SY070003", "value"] == 15.5 and rows.loc["SY070003", "rows"] == 2
    assert rows.loc["SY070003", "qualifier"] == "exact"
    assert rows.loc["SY070006", "value"] == 7 and rows.loc["SY070006", "qualifier"] == "at_least"
    assert pd.isna(rows.loc["SY070001", "value"]) and rows.loc["SY070001", "no_data"] == "blank"
    assert figures.summed == 3


def test_different_tables_are_never_added(tmp_path, timeline):
    first = table(tmp_path / "arrivals.csv", HEADER, [["SY07", "2019-12", "10"]])
    second = table(tmp_path / "departures.csv", HEADER, [["SY07", "2019-12", "4"]])
    specs = tuple(FiguresSpec(file=p, area_col="area", value_col="value", date_col="date",
                              aggregate="sum") for p in (first, second))
    read_back = read_figures(FigureTables(tables=specs), timeline)
    assert [values(t) for t in read_back.tables] == [{("SY07", "2019-12-01"): 10},
                                                     {("SY07", "2019-12-01"): 4}]


def test_a_table_that_names_no_ocha_area_is_an_error(tmp_path, timeline):
    path = table(tmp_path / "camps.csv", ["camp", "date", "value"], [
        ["Atmeh camp", "2019-12", "1"], ["Idlib city", "2019-12", "2"], ["", "2019-12", "3"],
        ["Sarmada", "2019-12", "4"]])
    with pytest.raises(DataError) as error:
        read(timeline, path, area_col="camp")
    assert str(error.value).startswith(
        "camps.csv column 'camp': no row names an OCHA area; its first values are "
        "['Atmeh camp', 'Idlib city', 'Sarmada'] ('Idlib city': did you mean 'Idleb' (SY07)?; "
        "'Sarmada': did you mean 'Saraqab' (SY070003) or 'Masaada' (SY140003) or 'Markada' "
        "(SY080003)?); "
        "expected OCHA P-codes of governorates, districts or sub-districts (SY07, SY0700, "
        "SY070003) or their OCHA names in English or Arabic")


def test_a_wide_spreadsheet_given_by_mistake_is_a_clear_error(tmp_path, timeline):
    months = [f"2016-{m:02d}" for m in range(1, 13)]
    path = table(tmp_path / "hnap_wide.csv", ["governorate", *months],
                 [["Idleb", *["100"] * 12], ["Aleppo", *["200"] * 12]])
    with pytest.raises(DataError) as error:
        read(timeline, path, area_col="governorate", value_col="idp_flow")
    message = str(error.value)
    assert "hnap_wide.csv row 1: looks like a wide table: 12 columns are named by a date " \
           "('2016-01', '2016-02', '2016-03', …); expected a long table, one row per area " \
           "and period" in message
    assert "unpivot the date columns" in message and "df.melt(" in message
    assert "no column 'idp_flow'" in message and "no column 'date'" in message


def test_a_sheet_with_a_column_per_area_is_a_wide_table_too(tmp_path, timeline):
    path = table(tmp_path / "by_area_wide.csv", ["month", "Aleppo", "Idleb", "Hama", "SY04"],
                 [["2019-12", "1", "2", "3", "4"]])
    with pytest.raises(DataError, match=r"by_area_wide.csv row 1: looks like a wide table: 4 "
                                        r"columns are named by an OCHA area \('Aleppo', 'Idleb', "
                                        r"'Hama', …\).*unpivot the area columns"):
        read(timeline, path, date_col="month")


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_workbook_is_an_error_saying_to_save_a_sheet_as_csv(tmp_path, timeline, suffix):
    path = tmp_path / f"hnap{suffix}"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DataError, match=rf"hnap{suffix}: is a spreadsheet workbook "
                                        rf"\({suffix}\); expected a CSV"):
        read(timeline, path)


def test_a_missing_column_suggests_the_close_one(tmp_path, timeline):
    path = table(tmp_path / "typo.csv", ["governorate", "date", "idp_flow"], [
        ["Idleb", "2019-12", "1"]])
    with pytest.raises(DataError, match=r"typo.csv row 1: no column 'idp_flows' \(did you "
                                        r"mean 'idp_flow'\?\)"):
        read(timeline, path, area_col="governorate", value_col="idp_flows")


def test_a_ragged_row_is_an_error_naming_it(tmp_path, timeline):
    path = table(tmp_path / "unquoted.csv", HEADER, [["SY07", "2019-12", "1", "234"]])
    with pytest.raises(DataError, match=r"unquoted.csv row 2: has 4 cells but the header has "
                                        r"3 .*\"1,234\""):
        read(timeline, path)


def test_parquet_tables_with_typed_columns(tmp_path, timeline):
    path = tmp_path / "typed.parquet"
    pq.write_table(pa.table({
        "adm3_pcode": ["SY070003", "SY070006", "SY070001"],
        "month": pa.array([pd.Timestamp("2019-12-01"), pd.Timestamp("2019-12-15"),
                           pd.Timestamp("2020-01-01")], pa.timestamp("s")),
        "idps": pa.array([1500.5, None, 0.0])}), path)
    figures = read(timeline, path, area_col="adm3_pcode", value_col="idps", date_col="month")
    assert values(figures) == {("SY070001", "2020-01-01"): 0, ("SY070003", "2019-12-01"): 1500.5,
                               ("SY070006", "2019-12-01"): None}
    assert figures.set_aside.empty
