"""Markup in the data stays text; builds repeat."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from fixtures.paths import DATA
from harness import open_page, serve, severe_logs
from selenium.webdriver.common.by import By

from geo import build

SCRIPT = "<script>window.__atlasInjected = 'script';</script>"
IMAGE = "<img src=x onerror=\"window.__atlasInjected = 'img'\">"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The bundled data with markup injected into a crossing's name and an event's summary."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA, data)
    gazetteer = json.loads((data / "crossings.geojson").read_text(encoding="utf-8"))
    props = gazetteer["features"][0]["properties"]
    props["name"] = f"Souran {IMAGE}"
    props["summary"] = f"{SCRIPT} {IMAGE}"
    (data / "crossings.geojson").write_text(json.dumps(gazetteer, ensure_ascii=False),
                                            encoding="utf-8")
    with open(data / "events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    first = next(r for r in rows if r["crossing_ids"] == props["id"])
    first["summary"] = f"{SCRIPT} then {IMAGE}"
    first["claimant"] = IMAGE
    with open(data / "events.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    build(data, root / "site")
    return root / "site"


@pytest.mark.browser
def test_markup_in_data_shows_as_text_and_never_runs(driver, hostile_site, screenshot):
    with serve(hostile_site) as base:
        for panel in ("claims", "table"):
            open_page(driver, f"{base}index.html#crossing=souran&date=2021-03-31&panel={panel}")
            assert driver.execute_script("return window.__atlasInjected") is None
            text = driver.find_element(By.ID, "atlas-panel").text
            assert SCRIPT in text and IMAGE in text
            assert not driver.find_elements(By.CSS_SELECTOR, "#atlas-panel img, "
                                                             "#atlas-panel script")
            if panel == "claims":
                assert driver.find_element(By.ID, "panel-title").text == f"Souran {IMAGE}"
        label = driver.find_element(By.CSS_SELECTOR, ".crossing-label").text
        assert label == f"Souran {IMAGE}"
        screenshot("injected-markup")
        assert driver.execute_script("return window.__atlasInjected") is None




# Inline script, and an inline event handler, put into the page after it has loaded, as if
# escaping had failed: the content security policy must refuse both, and say so.
INJECT = """
var done = arguments[arguments.length - 1], refused = [];
document.addEventListener('securitypolicyviolation', function (e) {
  refused.push(e.effectiveDirective + ' ' + e.blockedURI);
});
var script = document.createElement('script');
script.textContent = "window.__atlasInjected = 'inline script';";
document.body.appendChild(script);
var box = document.createElement('div');
box.innerHTML = '<img src="vendor/leaflet/LICENSE" ' +
  'onerror="window.__atlasInjected = \\'handler\\'">';
document.body.appendChild(box);
setTimeout(function () { done({ refused: refused, ran: window.__atlasInjected || null }); }, 500);
"""


@pytest.mark.browser
def test_the_content_security_policy_refuses_a_script_injected_after_load(driver, base_url):
    open_page(driver, base_url + "index.html#crossing=saraqib&panel=claims")
    # The page loaded, with all its own scripts, and the policy refused nothing of it.
    assert not [m for m in severe_logs(driver) if "Content Security Policy" in m]
    result = driver.execute_async_script(INJECT)
    assert result["ran"] is None
    assert sorted(r.split()[0] for r in result["refused"]) == ["script-src-attr",
                                                               "script-src-elem"]
    refusals = [m for m in severe_logs(driver) if "Content Security Policy" in m]
    assert len(refusals) == 2, refusals  # read here, so the page's clean-console check passes
