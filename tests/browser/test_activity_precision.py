"""Location and date precision on the page, in headless Chromium: a UCDP GED table built with the
ucdp preset draws events that may be near a crossing as a lighter band in its chart (never in
the ring), and the panel says in English and Arabic how many were attributed, may be near, were
too imprecise, and had dates too uncertain for monthly counts."""

from __future__ import annotations

import csv

import pytest
from fixtures.paths import DATA
from harness import open_page, serve
from pyproj import Geod
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from build_map import main
from geo import check

pytestmark = pytest.mark.browser
# Rows 1.5 km north-east of Saraqib: (where_prec, date_start, date_end).
ROWS = [("1", "2020-01-10", "2020-01-10"),   # attributed, January
        ("1", "2020-02-05", "2020-02-05"),   # attributed, February
        ("1", "2020-01-30", "2020-02-02"),   # attributed, but January or February: no month
        ("2", "2020-01-12", "2020-01-12"),   # near a named place (25 km): may be near
        ("2", "2020-02-14", "2020-02-14"),   # may be near, February
        ("4", "2020-02-20", "2020-02-20")]   # a governorate's centroid: too imprecise


@pytest.fixture(scope="module")
def precision_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("activity-precision")
    saraqib = check(DATA).crossings.set_index("id").geometry["saraqib"]
    lon, lat, _ = Geod(ellps="WGS84").fwd(saraqib.x, saraqib.y, 45, 1_500)
    table = folder / "ucdp_saraqib_every_placement.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["id", "date_start", "date_end", "latitude", "longitude", "where_prec",
             "date_prec", "where_coordinates", "best"],
            *[[n, start, end, f"{lat:.6f}", f"{lon:.6f}", prec, "1" if start == end else "2",
               "Saraqib", "1"] for n, (prec, start, end) in enumerate(ROWS, start=1)]])
    out = folder / "site"
    assert main(["--events-table", str(table), "--events-preset", "ucdp", "--out",
                 str(out)]) == 0
    with serve(out) as url:
        yield url


def open_saraqib(driver, url: str):
    open_page(driver, url + "index.html#crossing=saraqib&date=2020-02-29&panel=claims")
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#atlas-panel .activity-section"))
    return driver.find_element(By.CSS_SELECTOR, "#atlas-panel .activity-section")


def chart(driver) -> list[list[str]]:
    """Each drawn rect of the chart: its class, title and fill, in drawing order."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-panel svg.activity-chart "
        "rect.bar, #atlas-panel svg.activity-chart rect.bar-near')).map(function (r) {"
        " return [r.getAttribute('class'), r.querySelector('title').textContent,"
        " r.getAttribute('fill')]; })")


def test_may_be_near_is_a_lighter_band_in_the_chart_not_in_the_ring(driver, precision_url,
                                                                     screenshot):
    section = open_saraqib(driver, precision_url)
    ring = driver.execute_script(
        "return document.querySelector('path.activity-ring[data-crossing=\"saraqib\"]')"
        ".dataset.count")
    assert ring == "2"  # the two attributed events with a month; never the may-be-near ones
    assert chart(driver) == [
        ["bar", "January 2020: 1", "#5e3c99"], ["bar-near", "January 2020: 1 may be near",
                                                "#c7b9e2"],
        ["bar", "February 2020: 1", "#5e3c99"], ["bar-near", "February 2020: 1 may be near",
                                                 "#c7b9e2"]]
    # The band sits on top of the bar it shares a month with, never overlapping it.
    tops = driver.execute_script(
        "var r = document.querySelectorAll('#atlas-panel svg.activity-chart rect.bar, "
        "#atlas-panel svg.activity-chart rect.bar-near'); return [Number(r[0].getAttribute('y')),"
        " Number(r[1].getAttribute('y')) + Number(r[1].getAttribute('height'))];")
    assert tops[1] == pytest.approx(tops[0], abs=0.02)
    assert section.find_element(By.CSS_SELECTOR, ".activity-count").text == (
        "2 events within 10 km of this crossing in December 2019 – February 2020.")
    assert section.find_element(By.CSS_SELECTOR, ".activity-near").text == (
        "2 more may be near it in December 2019 – February 2020: located less precisely, "
        "counted apart and not in the ring.")
    assert section.find_element(By.CSS_SELECTOR, ".activity-totals-line").text == (
        "Over the whole table, at this crossing: 3 events attributed, 2 that may be near it "
        "(counted apart), and 1 located only to an area whose point lies within 10 km (never "
        "attributed).")
    assert section.find_element(By.CSS_SELECTOR, ".activity-undated").text == (
        "1 of the attributed events may fall in more than one month: date too uncertain for "
        "monthly counts, so they are in no month.")
    counted = driver.execute_script(
        "var d = document.querySelector('#atlas-panel .activity-counted'); d.open = true;"
        " return d.innerText;")
    assert "6 rows read: 3 attributed to a crossing, 2 may be near one, 1 too imprecise to " \
        "place, 0 farther from every crossing, and 0 set aside" in counted
    assert "Date too uncertain for monthly counts (attributed or may be near, in no month): 1." \
        in counted
    levels = driver.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-panel .activity-levels li'))"
        ".map(function (li) { return [li.dataset.level, li.textContent]; })")
    assert levels == [["exact", "the place itself: 3"], ["near_place", "near a named place: 2"],
                      ["admin1", "only a province or governorate, at its centroid: 1"]]
    screenshot("activity-precision")


def test_the_panel_says_so_in_arabic(driver, precision_url, screenshot):
    open_saraqib(driver, precision_url)
    driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
    section = driver.find_element(By.CSS_SELECTOR, "#atlas-panel .activity-section")
    near = section.find_element(By.CSS_SELECTOR, ".activity-near").text
    assert near.startswith("عدد الأحداث الأخرى التي قد تكون قريبة منه في الفترة ")
    assert near.endswith(": ٢. موقعها أقل دقة، فتُحسب على حدة ولا تدخل الحلقة.")
    assert section.find_element(By.CSS_SELECTOR, ".activity-totals-line").text == (
        "في الجدول كله، عند هذا المعبر: أحداث منسوبة إليه: ٣؛ أحداث قد تكون قريبة منه (تُحسب "
        "على حدة): ٢؛ أحداث لا يُعرف موقعها إلا بمنطقة تقع نقطتها على بعد ١٠ كم أو أقل (لا "
        "تُنسب إليه أبداً): ١.")
    assert section.find_element(By.CSS_SELECTOR, ".activity-undated").text == (
        "أحداث منسوبة قد تقع في أكثر من شهر: ١. تاريخها غير مؤكد بما يكفي للعدّ الشهري، فلا "
        "تدخل أي شهر.")
    titles = [row[1] for row in chart(driver) if row[0] == "bar-near"]
    assert all(title.endswith(": قد تكون قريبة: ١") for title in titles) and len(titles) == 2
    levels = driver.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-panel .activity-levels li'))"
        ".map(function (li) { return li.textContent; })")
    assert levels == ["المكان نفسه: ٣", "قرب مكان مسمّى: ٢", "المحافظة فقط، عند مركزها: ١"]
    # One digit system per language: no Latin digit in the section's Arabic text.
    text = section.text.replace("where_prec", "")
    assert not any(ch.isascii() and ch.isdigit() for ch in text)
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('#atlas-panel')).direction") == "rtl"
    screenshot("activity-precision-arabic")
