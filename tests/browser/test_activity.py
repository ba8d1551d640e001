"""External events (--events-table) on the page, in headless Chromium with the network off:
rings that follow the date slider, the crossing's activity section, keyboard access, Arabic,
escaping, and no activity UI at all on a page built without a table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fixtures.paths import DATA
from harness import open_page, serve
from pyproj import Geod
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from build_map import main
from geo import check

pytestmark = pytest.mark.browser
HOSTILE_SOURCE = '<img src=x onerror="window.pwned=1">UCDP & co'
# Points 1.5 km north-east of a crossing, on known days inside the atlas's own date range.
EVENTS = [("saraqib", "2020-01-10"), ("saraqib", "2020-02-05"), ("saraqib", "2020-02-20"),
          ("souran", "2020-02-15"), ("saraqib", "2020-06-10")]


@pytest.fixture(scope="module")
def activity_site(tmp_path_factory) -> Path:
    """The bundled data plus a five-event table with one row missing its date."""
    folder = tmp_path_factory.mktemp("activity")
    crossings = check(DATA).crossings.set_index("id")
    geod, rows = Geod(ellps="WGS84"), []
    for crossing_id, day in EVENTS:
        point = crossings.geometry[crossing_id]
        lon, lat, _ = geod.fwd(point.x, point.y, 45, 1_500)
        rows.append([day, f"{lat:.6f}", f"{lon:.6f}"])
    rows.append(["", rows[0][1], rows[0][2]])  # set aside: date missing
    table = folder / "events.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["date_start", "latitude", "longitude"], *rows])
    out = folder / "site"
    assert main(["--events-table", str(table), "--date-col", "date_start",
                 "--events-source", HOSTILE_SOURCE, "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def activity_url(activity_site):
    with serve(activity_site) as url:
        yield url


def rings(driver) -> dict[str, tuple[int, float]]:
    """Each ring's event count and drawn diameter in pixels (0 when hidden), by crossing id."""
    return driver.execute_script(
        "var out = {}; document.querySelectorAll('path.activity-ring').forEach(function (p) {"
        " var shown = p.getAttribute('stroke-opacity') !== '0';"
        " out[p.dataset.crossing] = [Number(p.dataset.count),"
        " shown ? p.getBoundingClientRect().width : 0]; }); return out;")


def legend_window(driver) -> str:
    return driver.execute_script(
        "return document.querySelector('.atlas-legend .activity-window').textContent")


def test_slider_moves_the_window_and_the_rings_follow(driver, activity_url, screenshot):
    open_page(driver, activity_url + "index.html#date=2020-01-31")
    before = rings(driver)
    assert len(before) == 7  # one per crossing, never one per event
    # The 3 months up to January 2020: one event at Saraqib, none at Souran.
    assert before["saraqib"][0] == 1 and before["souran"][0] == 0
    assert before["souran"][1] == 0  # an empty ring is not drawn
    assert legend_window(driver) == "November 2019 – January 2020"
    slider = driver.find_element(By.ID, "date-slider")
    slider.send_keys(Keys.ARROW_RIGHT)  # one day on: February 2020 enters the window
    assert driver.execute_script("return Atlas.state().date") == "2020-02-01"
    after = rings(driver)
    assert after["saraqib"][0] == 3 and after["souran"][0] == 1
    assert after["saraqib"][1] > before["saraqib"][1] > 0
    assert after["souran"][1] > 0
    assert legend_window(driver) == "December 2019 – February 2020"
    screenshot("activity-map")
    slider.send_keys(Keys.END)  # March 2021: the table has nothing so late
    assert all(count == 0 for count, _ in rings(driver).values())


def test_panel_shows_the_chart_source_radius_and_bad_rows(driver, activity_url, screenshot):
    open_page(driver, activity_url + "index.html#date=2020-02-29")
    driver.find_element(By.ID, "crossing-search").click()
    for _ in range(40):  # Tab to Saraqib's marker, then Enter
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("data-crossing") == "saraqib":
            break
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#atlas-panel .activity-section"))
    section = driver.find_element(By.CSS_SELECTOR, "#atlas-panel .activity-section")
    assert section.find_element(By.CSS_SELECTOR, ".activity-count").text == (
        "3 events within 10 km of this crossing in December 2019 – February 2020.")
    bars = driver.execute_script(
        "return Array.from(document.querySelectorAll('#atlas-panel svg.activity-chart rect.bar'))"
        ".map(function (r) { return [r.querySelector('title').textContent,"
        " r.getAttribute('fill')]; })")
    # January (1) and February (2) inside the window in colour; June 2020 outside, in grey.
    assert bars == [["January 2020: 1", "#5e3c99"], ["February 2020: 2", "#5e3c99"],
                    ["June 2020: 1", "#bbbbbb"]]
    assert section.find_element(By.CSS_SELECTOR, ".activity-source").text == HOSTILE_SOURCE
    assert not driver.find_elements(By.CSS_SELECTOR, "#atlas-panel img")
    assert driver.execute_script("return window.pwned === undefined")
    # "How these events were counted" opens from the keyboard and names every row's fate.
    summary = section.find_element(By.CSS_SELECTOR, ".activity-counted summary")
    summary.send_keys(Keys.ENTER)
    counted = section.find_element(By.CSS_SELECTOR, ".activity-counted")
    assert counted.get_attribute("open") is not None
    assert "6 rows read: 5 attributed to a crossing, 0 may be near one, 0 too imprecise to " \
        "place, 0 farther from every crossing, and 1 set aside" in counted.text
    # A table without location precision: no may-be-near line, band or precision levels.
    assert not section.find_elements(By.CSS_SELECTOR, ".activity-near, .activity-levels")
    assert not driver.find_elements(By.CSS_SELECTOR, "#atlas-panel svg.activity-chart .bar-near")
    assert counted.find_element(By.CSS_SELECTOR, 'li[data-kind="missing_date"]').text == \
        "date missing: 1"
    screenshot("activity-claims")
    # In Arabic: the same section, translated, with the source kept as given.
    driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
    section = driver.find_element(By.CSS_SELECTOR, "#atlas-panel .activity-section")
    assert section.find_element(By.TAG_NAME, "h3").text == "أحداث النزاع القريبة"
    assert section.find_element(By.CSS_SELECTOR, ".activity-count").text.endswith("٣.")
    assert driver.execute_script(
        "return document.querySelector('li[data-kind=\"missing_date\"]').textContent") == \
        "التاريخ مفقود: ١"
    assert section.find_element(By.CSS_SELECTOR, ".activity-source").get_attribute("lang") == "en"
    screenshot("activity-claims-arabic")


def test_no_activity_ui_without_an_events_table(driver, base_url, page_data):
    assert "activity" not in page_data
    open_page(driver, base_url + "index.html#crossing=saraqib&panel=claims")
    assert driver.execute_script("return typeof window.AtlasActivity") == "undefined"
    for selector in (".activity-ring", ".legend-activity", ".activity-section",
                     "script[src$='activity.js']"):
        assert not driver.find_elements(By.CSS_SELECTOR, selector), selector
