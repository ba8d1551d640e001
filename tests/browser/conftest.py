"""Fixtures for the browser tests: the site built once per session, served on 127.0.0.1, and
headless Chromium at desktop and phone sizes with every other host unreachable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.mutate import CACHE, copy_data
from fixtures.page import read_page_data
from fixtures.paths import ROOT
from harness import (
    SIZES,
    chromium,
    missing_browser,
    requested_urls,
    serve,
    severe_logs,
)

from geo import build

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    """The bundled data's site, built once per session (the root conftest's `built`)."""
    return built.site_dir


@pytest.fixture(scope="session")
def page_data(site_dir) -> dict:
    """The JSON block the page draws from, as the build wrote it (events as objects)."""
    return read_page_data(site_dir)


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory) -> Callable[[str, Callable[[Path], None]], Path]:
    """Build a copy of the bundled data after `edit(data_dir)` has changed it; returns the
    site folder. Each name is built once per session."""
    built: dict[str, Path] = {}

    def make(name: str, edit: Callable[[Path], None]) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(name)
            edit(copy_data(root / "data"))
            build(root / "data", root / "site", cache=CACHE)
            built[name] = root / "site"
        return built[name]
    return make


@pytest.fixture(scope="session")
def base_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session", params=list(SIZES))
def viewport(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def driver(viewport):
    reason = missing_browser()
    if reason:
        pytest.skip(f"browser tests need Chromium: {reason}")
    with chromium(*SIZES[viewport]) as browser:
        browser.atlas_viewport = viewport
        requested_urls(browser)  # drop the browser's own start-up requests
        severe_logs(browser)
        yield browser


@pytest.fixture(autouse=True)
def offline_and_clean(request):
    """After every browser test: no console error, and no request left 127.0.0.1."""
    if "driver" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("driver")
    yield
    errors = severe_logs(browser)
    assert not errors, f"console errors: {errors}"
    outside = [u for u in requested_urls(browser)
               if u.split(":", 1)[0] in ("http", "https", "ws", "wss")
               and not u.startswith("http://127.0.0.1:")]
    assert not outside, f"requests left 127.0.0.1: {outside}"


@pytest.fixture
def screenshot(driver):
    """Save a screenshot as test-artifacts/screenshots/<name>-<desktop|phone>.png."""
    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{driver.atlas_viewport}.png"
        driver.save_screenshot(str(path))
        return path
    return save
