"""Headless Chromium against a built site on 127.0.0.1, with every other host unreachable.

Shared by the browser tests and benchmarks/page_budget.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
SIZES = {"desktop": (1280, 800), "phone": (375, 667)}
LOCAL = "http://127.0.0.1"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium; ./run.sh test does)"
    if not CHROMEDRIVER.exists():
        return f"{CHROMEDRIVER} is missing (install Debian's chromium-driver; ./run.sh test does)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -r requirements.lock)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 on a free port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{LOCAL}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(width: int, height: int) -> Iterator:
    """A headless Chromium whose viewport is exactly width × height and that can reach only
    127.0.0.1; yields a Selenium driver with browser and network logs enabled."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="atlas-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", f"--window-size={width},{height}",
                 # The network is off: every host but 127.0.0.1 fails to resolve.
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        if width < 500:
            driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, url: str, timeout: float = 15) -> None:
    """Load `url` afresh (even when only the hash differs) and wait for the atlas to be ready."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return !!(window.Atlas && window.Atlas.ready)"))


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last call (from the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def severe_logs(driver) -> list[str]:
    """Console errors and failed loads since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


# The letters a reader sees, and how many are Latin: every text node that is rendered (not in
# a closed <details>, not display:none, with a box of its own) under `root`, except links whose
# text spells out a web address. Shared by tests/browser/test_arabic.py and
# benchmarks/latin_share.py.
LETTERS_SCRIPT = r"""
var root = arguments[0] || document.body, letters = 0, latin = 0, latinText = [];
var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), range = document.createRange();
for (var n = walker.nextNode(); n; n = walker.nextNode()) {
  var text = n.nodeValue, parent = n.parentElement;
  if (!parent || !/\p{L}/u.test(text) || parent.closest('script, style, title')) continue;
  if (!parent.checkVisibility({ visibilityProperty: true })) continue;
  var link = parent.closest('a');
  if (link && /^(https?:\/\/|www\.)/.test(link.textContent.trim())) continue;
  range.selectNodeContents(n);
  var seen = Array.prototype.some.call(range.getClientRects(), function (r) {
    return r.width > 1 && r.height > 1; });
  if (!seen) continue;
  var la = (text.match(/\p{Script=Latin}/gu) || []).length;
  letters += (text.match(/\p{L}/gu) || []).length;
  latin += la;
  if (la) latinText.push(text.trim());
}
return { letters: letters, latin: latin, latinText: latinText };
"""

# Open every <details> but the English originals ("النص الإنجليزي"), which are English by design.
EXPAND_SCRIPT = """
document.querySelectorAll('#atlas-panel details:not(.english-original)').forEach(function (d) {
  d.open = true; });
"""


def language_states(page_data: dict) -> list[tuple[str, str, bool]]:
    """Every state the Latin-share measure visits: (name, URL hash, details expanded)."""
    last = max((e["known_by"] for e in page_data["events"]), default=None)
    day = f"&date={last}" if last else ""
    states = [("map with legend", f"#lang=ar{day}", False)]
    for c in page_data["crossings"]:
        hash_ = f"#crossing={c['id']}&panel=claims&lang=ar{day}"
        states += [(f"claims: {c['id']}", hash_, False),
                   (f"claims: {c['id']}, details open", hash_, True)]
    states += [("events table", f"#panel=table&lang=ar{day}", False),
               ("displacement", f"#panel=figures&lang=ar{day}", False),
               ("displacement, details open", f"#panel=figures&lang=ar{day}", True),
               ("about", f"#panel=about&lang=ar{day}", False)]
    return states


def latin_share(driver, base_url: str, hash_: str, expand: bool) -> dict:
    """Open the page in a state and count the letters shown: in the panel when one is open,
    else on the whole page (map, legend, header, time bar)."""
    open_page(driver, f"{base_url}index.html{hash_}")
    driver.execute_script("var l = document.querySelector('.atlas-legend'); if (l) l.open = true;")
    if expand:
        driver.execute_script(EXPAND_SCRIPT)
    root = driver.execute_script(
        "var p = document.getElementById('atlas-panel');"
        "return p && !p.hidden ? p : document.body;")
    counts = driver.execute_script(LETTERS_SCRIPT, root)
    counts["share"] = counts["latin"] / counts["letters"] if counts["letters"] else 0.0
    return counts
