"""Figures tables (--figures-table) on the page, in headless Chromium with the network off:
circles that follow the date slider, zero and no data drawn apart, the legend of sizes, the
area's panel with its series, metric and source in English and Arabic, keyboard access,
escaping, and the README's worked example."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.mutate import run_cli, write_rows
from fixtures.paths import SHARED
from harness import open_page, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
HOSTILE_SOURCE = '<img src=x onerror="window.pwned=1">Camp & co survey'
HNAP = SHARED / "data" / "hnap_idp_movements_by_governorate_monthly_2016_2019.csv"
# Three governorates over three months inside the atlas's own dates: a value that grows, a
# zero, a blank, a suppression mark and a half.
ROWS = [["Idleb", "2019-12", "40,000"], ["Aleppo", "2019-12", "10000"], ["Hama", "2019-12", "0"],
        ["Idleb", "2020-01", "160000.5"], ["Aleppo", "2020-01", ""], ["Hama", "2020-01", "*"],
        ["Idleb", "2020-02", "90000"], ["Aleppo", "2020-02", "2500"], ["Hama", "2020-02", "0"]]


@pytest.fixture(scope="module")
def figures_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("area_figures")
    table = folder / "idp_movements.csv"
    write_rows(table, [["governorate", "month", "idps"], *ROWS])
    code, _, err = run_cli(["--figures-table", str(table), "--area-col", "governorate",
                            "--value-col", "idps", "--date-col", "month", "--metric",
                            "idp_movements", "--figures-source", HOSTILE_SOURCE,
                            "--out", str(folder / "site")])
    assert code == 0, err
    with serve(folder / "site") as url:
        yield url


def circles(driver) -> dict[str, tuple[str, str, float]]:
    """Each area's circle: its kind (value, zero, no-data or none), value and radius in px."""
    return {pcode: (kind, value, float(radius)) for pcode, (kind, value, radius) in
            driver.execute_script(
                "var out = {}; document.querySelectorAll('path.area-figure').forEach("
                "function (p) { out[p.dataset.pcode] = [p.dataset.kind, p.dataset.value,"
                " p.dataset.radius]; }); return out;").items()}


def legend_period(driver) -> str:
    return driver.execute_script(
        "return document.querySelector('.atlas-legend .area-figures-period').textContent")


def test_circles_follow_the_slider(driver, figures_url, screenshot):
    open_page(driver, figures_url + "index.html#date=2019-12-31")
    december = circles(driver)
    assert set(december) == {"SY02", "SY05", "SY07"}  # one per area, on its OCHA point
    assert december["SY07"][:2] == ("value", "40000")
    assert december["SY05"][:2] == ("zero", "0")
    assert december["SY07"][2] > december["SY02"][2] > december["SY05"][2]
    assert legend_period(driver) == "Shown: December 2019"
    slider = driver.find_element(By.ID, "date-slider")
    slider.send_keys(Keys.ARROW_RIGHT)  # one day on: January 2020
    assert driver.execute_script("return Atlas.state().date") == "2020-01-01"
    january = circles(driver)
    assert january["SY07"][:2] == ("value", "160000.5")
    assert january["SY07"][2] > december["SY07"][2]  # area grows with the value
    assert january["SY02"][:2] == ("no-data", "")  # blank: no data, not zero
    assert january["SY05"][:2] == ("no-data", "")  # '*': no data, not zero
    assert legend_period(driver) == "Shown: January 2020"
    screenshot("area-figures-january")
    driver.execute_script("Atlas.setDate('2020-06-15')")  # after the table's last month
    assert {kind for kind, _, _ in circles(driver).values()} == {"none"}
    assert "covers December 2019 to February 2020 only" in legend_period(driver)


def test_zero_and_no_data_are_drawn_apart(driver, figures_url):
    open_page(driver, figures_url + "index.html#date=2020-01-15")
    styles = driver.execute_script(
        "var out = {}; document.querySelectorAll('path.area-figure').forEach(function (p) {"
        " out[p.dataset.pcode] = [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray'),"
        " p.getAttribute('fill-opacity')]; }); return out;")
    driver.execute_script("Atlas.setDate('2019-12-15')")
    zero = driver.execute_script(
        "var p = document.querySelector('path.area-figure[data-pcode=\"SY05\"]');"
        " return [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray'),"
        " p.getAttribute('fill-opacity')];")
    assert styles["SY05"] != zero  # the same area: no data in January, zero in December
    assert styles["SY05"][1]  # no data is dashed
    assert not zero[1] and zero[2] == "1"  # zero is a solid ring filled white


def test_the_area_panel_charts_the_series_with_metric_and_source(driver, figures_url):
    open_page(driver, figures_url + "index.html#date=2020-01-15")
    driver.execute_script(
        "document.querySelector('path.area-figure[data-pcode=\"SY07\"]')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".area-panel"))
    assert driver.find_element(By.ID, "panel-title").text == "Idleb"
    panel = driver.find_element(By.CSS_SELECTOR, ".area-panel")
    assert panel.find_element(By.CSS_SELECTOR, "h3").text == "IDP movements"
    assert "January 2020: 160,000.5" in panel.text
    assert panel.find_element(By.CSS_SELECTOR, ".area-source").text == HOSTILE_SOURCE
    bars = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.area-chart .period'),"
        " function (g) { return [g.querySelector('title').textContent,"
        " g.classList.contains('chosen')]; })")
    assert [chosen for _, chosen in bars] == [False, True, False]
    assert bars[0][0] == "December 2019: 40,000"
    assert "area=SY07" in driver.current_url and "panel=area" in driver.current_url
    assert driver.execute_script("return window.pwned") is None
    # The same panel in Arabic: the area, the metric and the period in Arabic; the source as
    # the table gives it, marked as English.
    open_page(driver, figures_url + "index.html#area=SY07&panel=area&date=2020-01-15&lang=ar")
    panel = driver.find_element(By.CSS_SELECTOR, ".area-panel")
    assert driver.find_element(By.ID, "panel-title").text == "إدلب"
    assert panel.find_element(By.CSS_SELECTOR, "h3").text == "تحركات النازحين داخلياً"
    source = panel.find_element(By.CSS_SELECTOR, ".area-source")
    assert source.get_attribute("lang") == "en" and source.text == HOSTILE_SOURCE
    assert driver.execute_script("return getComputedStyle(document.body).direction") == "rtl"


def test_a_circle_opens_its_panel_from_the_keyboard(driver, figures_url):
    open_page(driver, figures_url + "index.html#date=2019-12-15")
    circle = driver.find_element(By.CSS_SELECTOR, "path.area-figure[data-pcode='SY02']")
    assert circle.get_attribute("role") == "button"
    assert circle.get_attribute("aria-label") == "Aleppo. 10,000. IDP movements. December 2019"
    driver.execute_script("arguments[0].focus()", circle)
    circle.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(
        lambda d: d.find_element(By.ID, "panel-title").text == "Aleppo")


def test_the_legend_shows_sizes_zero_and_no_data(driver, figures_url):
    open_page(driver, figures_url + "index.html#date=2020-01-15")
    legend = driver.find_element(By.CSS_SELECTOR, ".atlas-legend")
    if legend.get_attribute("open") is None:
        driver.execute_script("arguments[0].open = true", legend)
    section = legend.find_element(By.CSS_SELECTOR, ".legend-area-figures")
    samples = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll("
        "'.atlas-legend .area-figure-sizes text'), function (n) { return n.textContent; })")
    assert samples == ["100,000", "20,000", "5,000"]
    assert "Zero" in section.text and "No data" in section.text


@pytest.mark.skipif(not HNAP.is_file(), reason=f"{HNAP} is absent (../shared holds it)")
def test_worked_example_on_the_page_as_the_readme_tells_it(driver, tmp_path_factory):
    site = tmp_path_factory.mktemp("hnap") / "site"
    config = Path(__file__).parents[2] / "docs" / "examples" / "hnap_idp.toml"
    code, _, err = run_cli(["--figures-config", str(config), "--out", str(site)])
    assert code == 0, err
    with serve(site) as url:
        open_page(driver, url + "index.html")  # the atlas's last date, after the release
        assert driver.execute_script("return Atlas.state().date") == "2021-03-25"
        assert {kind for kind, _, _ in circles(driver).values()} == {"none"}
        assert "covers January 2016 to December 2019 only" in legend_period(driver)
        open_page(driver, url + "index.html#date=2018-03-15")
        march = circles(driver)
        assert len(march) == 14
        assert {p: v for p, (kind, v, _) in march.items() if kind == "value"} == {
            "SY02": "176302", "SY03": "80052", "SY07": "80051", "SY12": "12610",
            "SY05": "5177", "SY08": "1720", "SY14": "200"}
        assert sorted(p for p, (kind, _, _) in march.items() if kind == "no-data") == [
            "SY01", "SY04", "SY06", "SY09", "SY10", "SY11", "SY13"]
        assert legend_period(driver) == "Shown: March 2018"
        open_page(driver, url + "index.html#date=2019-06-15")  # after the release: no data
        assert {kind for kind, _, _ in circles(driver).values()} == {"no-data"}
        open_page(driver, url + "index.html#area=SY07&panel=area&date=2016-05-15")
        assert driver.find_element(By.CSS_SELECTOR, ".area-now").text == \
            "May 2016: 39,782.666666666664"  # as published, never rounded
