"""Measures of the page a reader sees, in the browser: labels that collide or sit under a
control, a crossing framed behind the panel, focus stops nobody can see, and axe-core's
accessibility report. The browser tests assert on them; each works on any built site, so the
same measures can be taken of an older build.
"""

from __future__ import annotations

from pathlib import Path

from fixtures.paths import ROOT
from selenium.webdriver.common.keys import Keys

from geo.page import MAX_ZOOM, MIN_ZOOM

# axe-core from npm (package-lock.json), injected from disk: never from the site or a CDN.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Everything with text on the map (inside Leaflet's panes), the box a reader sees for each
# (a tooltip's or a marker icon's border box), the controls, the crossings, the panel.
MAP_BOXES = """
var map = document.querySelector('.leaflet-container');
function box(node) { var r = node.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }
function shown(node) {
  for (var n = node; n && n !== map; n = n.parentElement) {
    var s = getComputedStyle(n);
    if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
  }
  var r = node.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}
var labels = [], seen = [];
map.querySelectorAll('.leaflet-map-pane *').forEach(function (node) {
  var own = Array.prototype.some.call(node.childNodes, function (c) {
    return c.nodeType === 3 && c.textContent.trim(); });
  if (!own || !shown(node)) return;
  var holder = node.closest('.leaflet-tooltip, .leaflet-marker-icon') || node;
  if (seen.indexOf(holder) >= 0) return;
  seen.push(holder);
  var named = holder.closest('[data-label-crossing]');
  var tip = holder.closest('.leaflet-tooltip');  // older pages: a tooltip bound to the marker
  var owner = named ? named.dataset.labelCrossing : tip ? (Array.prototype.filter.call(
    map.querySelectorAll('.crossing-marker'), function (m) {
      return m.getAttribute('aria-describedby') === tip.id; })[0] || {dataset: {}})
    .dataset.crossing : null;
  labels.push({ text: holder.textContent.trim(), box: box(holder), owner: owner || null,
    crossing: !!holder.closest('.crossing-label, [data-label-crossing]') });
});
// Controls, wherever they sit (in the map's corners or beside it), and the legend's body.
var controls = [];
document.querySelectorAll('.leaflet-control, .atlas-legend[open] .legend-body').forEach(
  function (node) { if (shown(node)) controls.push({ name: node.className, box: box(node) }); });
var markers = [];
map.querySelectorAll('.crossing-marker').forEach(function (node) {
  markers.push({ id: node.dataset.crossing, box: box(node) });
});
var panel = document.getElementById('atlas-panel');
return { map: box(map), labels: labels, controls: controls, markers: markers,
  panel: panel && !panel.hidden && shown(panel) ? box(panel) : null };
"""

# Two animation frames: whatever the page does after a change has been laid out and drawn.
SETTLE = """
var done = arguments[arguments.length - 1];
requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); });
"""


def settle(driver) -> None:
    """Wait until the page has drawn what it does after a change."""
    driver.execute_async_script(SETTLE)


def overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    """Whether two boxes overlap by more than `slack` pixels each way."""
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack)


def inside(box: dict, outer: dict) -> bool:
    return (box["left"] >= outer["left"] - 0.5 and box["right"] <= outer["right"] + 0.5
            and box["top"] >= outer["top"] - 0.5 and box["bottom"] <= outer["bottom"] + 0.5)


def map_boxes(driver) -> dict:
    """The labels, controls, crossing markers and panel on screen, as boxes."""
    return driver.execute_script(MAP_BOXES)


def label_problems(boxes: dict) -> dict[str, list]:
    """What collides on the map: labels overlapping each other, labels over a crossing's marker
    (other than their own), labels and crossings under a control (or the open panel), crossing
    labels cut by the map's edge. Only what lies in the map's box counts."""
    covers = [c["box"] for c in boxes["controls"]] + ([boxes["panel"]] if boxes["panel"] else [])
    labels = [lab for lab in boxes["labels"] if overlap(lab["box"], boxes["map"])]
    pairs = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
             if overlap(a["box"], b["box"])]
    over = [(lab["text"], m["id"]) for lab in labels for m in boxes["markers"]
            if m["id"] != lab["owner"] and overlap(lab["box"], m["box"])]
    under = [lab["text"] for lab in labels if any(overlap(lab["box"], c) for c in covers)]
    crossings = [m["id"] for m in boxes["markers"] if overlap(m["box"], boxes["map"])
                 and any(overlap(m["box"], c) for c in covers)]
    cut = [lab["text"] for lab in labels
           if lab["crossing"] and not inside(lab["box"], boxes["map"])]
    return {"overlapping": pairs, "labels_over_crossings": over, "labels_under_controls": under,
            "crossings_under_controls": crossings, "crossing_labels_cut": cut}


def zoom_steps(driver) -> list[float]:
    """Every zoom the map's − and + buttons reach from the current one (one step each, about
    the centre) out to the page's minimum and in to its maximum, the current one first."""
    start = driver.execute_script("return map_atlas.getZoom()")
    out, zoom = [start], start
    while zoom > MIN_ZOOM:
        zoom = max(MIN_ZOOM, zoom - 1)
        out.append(zoom)
    zoom = start
    while zoom < MAX_ZOOM:
        zoom = min(MAX_ZOOM, zoom + 1)
        out.append(zoom)
    return out


def set_zoom(driver, zoom: float, around: list[float]) -> None:
    """The view a zoom step gives: the same centre, the new zoom, no animation."""
    driver.execute_script("map_atlas.setView(arguments[0], arguments[1], {animate: false});",
                          around, zoom)
    settle(driver)


# Where a crossing's marker is, and whether a reader can see it: inside the map, outside the
# open panel and every control.
FRAMED = """
var node = document.querySelector('.crossing-marker[data-crossing="' + arguments[0] + '"]');
var r = node.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
function within(el) {
  if (!el) return false;
  var b = el.getBoundingClientRect();
  return b.width > 0 && b.height > 0 && x >= b.left && x <= b.right && y >= b.top &&
    y <= b.bottom;
}
var map = document.querySelector('.leaflet-container');
var panel = document.getElementById('atlas-panel');
var covered = [];
if (panel && !panel.hidden && within(panel)) covered.push('panel');
document.querySelectorAll('.leaflet-control, .atlas-legend[open] .legend-body').forEach(
  function (c) { if (within(c)) covered.push(c.className); });
return { in_map: within(map), covered: covered };
"""


def crossing_framing(driver, crossing_id: str) -> dict:
    """Whether a crossing's marker is in the map and what covers its centre."""
    return driver.execute_script(FRAMED, crossing_id)


# Whether a reader can see the focused element: one of nine points across its box shows the
# element itself (or something inside it) on top, inside the window.
SEEN = """
var el = document.activeElement;
if (!el || el === document.body) return { body: true };
if (!el.dataset.auditStop) el.dataset.auditStop = String(arguments[0]);
else return { repeat: el.dataset.auditStop };
var r = el.getBoundingClientRect();
var name = (el.tagName + ' ' + (el.id || '') + ' ' + (el.getAttribute('class') || '') + ' '
  + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)).trim();
if (r.width < 1 || r.height < 1) return { name: name, seen: false };
var points = [[.5, .5], [.25, .25], [.75, .25], [.25, .75], [.75, .75], [.5, .1], [.5, .9],
  [.1, .5], [.9, .5]];
var seen = points.some(function (p) {
  var x = r.left + p[0] * r.width, y = r.top + p[1] * r.height;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  var top = document.elementFromPoint(x, y);
  return !!top && (top === el || el.contains(top) || (top.tagName === 'LABEL' && top.contains(el)));
});
return { name: name, seen: seen };
"""


def focus_walk(driver, limit: int = 400) -> dict:
    """Tab once round the page from its start; every focus stop, and those nobody can see."""
    driver.execute_script("document.querySelectorAll('[data-audit-stop]').forEach(function (n) {"
                          " delete n.dataset.auditStop; });"
                          "if (document.activeElement) document.activeElement.blur();")
    stops, unseen = [], []
    for number in range(limit):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        settle(driver)
        stop = driver.execute_script(SEEN, number)
        if stop.get("repeat") is not None:
            break
        if stop.get("body"):
            if stops:
                break
            continue
        stops.append(stop["name"])
        if not stop["seen"]:
            unseen.append(stop["name"])
    return {"stops": stops, "unseen": unseen}


def axe_violations(driver) -> list[dict]:
    """axe-core's violations of WCAG 2.1 A and AA and best practice on the page as it is."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(Path(AXE).read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
        " return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) {"
        " return n.target.join(' '); })}; })); }, function (e) { done([{id: 'axe-error',"
        " nodes: [String(e)]}]); });", AXE_TAGS)
    return result
