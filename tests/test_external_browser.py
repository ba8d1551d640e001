"""activity.js in headless Chromium: one ring per active crossing, windows, the chart, escaping."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import pytest
from pyproj import Geod

from build_map import main
from geo.build import check

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="headless Chromium and chromedriver are not installed"),
]
HOSTILE_SOURCE = '<img src=x onerror="window.pwned=1">UCDP & co'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site built from three events: two near Saraqib (Jan, May 2019), one near Souran."""
    folder = tmp_path_factory.mktemp("activity")
    crossings = check(Path(__file__).resolve().parents[1] / "data").crossings.set_index("id")
    geod, rows = Geod(ellps="WGS84"), []
    for crossing_id, day in (("saraqib", "2019-01-10"), ("saraqib", "2019-05-03"),
                             ("souran", "2019-05-20")):
        point = crossings.geometry[crossing_id]
        lon, lat, _ = geod.fwd(point.x, point.y, 45, 1_500)
        rows.append([day, f"{lat:.6f}", f"{lon:.6f}"])
    table = folder / "events.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["date_start", "latitude", "longitude"], *rows])
    out = folder / "site"
    assert main(["--events-table", str(table), "--date-col", "date_start",
                 "--events-source", HOSTILE_SOURCE, "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="atlas-test-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(str(DRIVER)))
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, site: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    browser.get((site / "index.html").as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "path.activity-ring"))


def test_rings_follow_the_date_window_and_the_chart_escapes_text(browser, site):
    open_page(browser, site)
    ring_opacity = ("return Array.from(document.querySelectorAll('path.activity-ring'))"
                    ".map(p => p.getAttribute('stroke-opacity'))")
    # One ring per crossing in the gazetteer; only the two with events are visible.
    assert sorted(browser.execute_script(ring_opacity)) == ["0"] * 5 + ["1"] * 2
    browser.execute_script("AtlasActivity.setWindow('2019-01-01', '2019-01-31')")
    assert sorted(browser.execute_script(ring_opacity)) == ["0"] * 6 + ["1"]
    chart = browser.execute_script("""
        var svg = AtlasActivity.chart('saraqib');
        return [svg.namespaceURI, svg.querySelectorAll('rect').length,
                Array.from(svg.querySelectorAll('rect')).map(r => r.getAttribute('fill')),
                svg.querySelector('title').textContent, svg.querySelectorAll('img').length];
    """)
    assert chart[0] == "http://www.w3.org/2000/svg"
    assert chart[1] == 2  # January and May 2019; empty months draw no bar
    assert chart[2] == ["#5e3c99", "#bbbbbb"]  # January is inside the window, May is not
    assert chart[3].endswith("Source: " + HOSTILE_SOURCE)
    assert chart[4] == 0
    assert browser.execute_script("return window.pwned === undefined")
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
