"""Data sets with nothing in a table still make a working page: no events at all, or no
figures. The page reaches its ready mark, logs no error and says what is missing."""

from __future__ import annotations

import pytest
from fixtures.mutate import read_rows, write_rows
from harness import open_page, serve
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.browser


def _header_only(name: str):
    def edit(data):
        write_rows(data / name, read_rows(data / name)[:1])
    return edit


def test_a_page_without_events_says_so_and_still_works(driver, variant_site, screenshot):
    site = variant_site("no-events", _header_only("events.csv"))
    with serve(site) as base:
        open_page(driver, base + "index.html")
        assert driver.execute_script(
            "return performance.getEntriesByName('atlas-ready').length") == 1
        notice = driver.find_element(By.CSS_SELECTOR, ".time-bar .no-events")
        assert "no events" in notice.text
        assert not driver.find_element(By.ID, "date-slider").is_enabled()
        day = driver.execute_script("return Atlas.state().date")
        assert len(day) == 10 and day[4] == "-"
        assert driver.find_elements(By.CSS_SELECTOR, ".crossing-marker")
        assert driver.find_elements(By.CSS_SELECTOR, "path.figure-circle")
        screenshot("no-events")
        for panel in ("table", "figures", "about"):
            driver.execute_script("location.hash = arguments[0]", f"#panel={panel}")
            assert driver.find_element(By.ID, "atlas-panel").is_displayed()
        driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
        assert "لا أحداث" in driver.find_element(By.CSS_SELECTOR, ".no-events").text


def test_a_page_without_figures_says_so_and_still_works(driver, variant_site):
    site = variant_site("no-figures", _header_only("displacement.csv"))
    with serve(site) as base:
        open_page(driver, base + "index.html#panel=figures")
        assert driver.execute_script(
            "return performance.getEntriesByName('atlas-ready').length") == 1
        assert "This data has no figures." in driver.find_element(By.ID, "atlas-panel").text
        assert not driver.find_elements(By.CSS_SELECTOR, "svg.figure-chart")
        assert not driver.find_elements(By.ID, "figure-switch")
        assert not driver.find_elements(By.CSS_SELECTOR, ".time-bar .no-events")
        assert driver.find_element(By.ID, "date-slider").is_enabled()
