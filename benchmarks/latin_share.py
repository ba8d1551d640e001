#!/usr/bin/env python3
"""Measure how much of the Arabic page is Latin script and print a Markdown table.

    .venv/bin/python benchmarks/latin_share.py [--site DIR]

Builds the bundled data into a temporary folder (or measures an already built `--site`), serves
it on 127.0.0.1 and opens it with `lang=ar` in headless Chromium at 1280×800 and 375×667 (network
off). For each state (the map with its legend open, every crossing's claims panel as opened and
with its details expanded, the events table, the displacement panel, About) it counts the
letters shown (in the open panel, or on the whole page for the map) and the Latin ones among
them. Links that spell out a web address are left out; the English originals ("النص
الإنجليزي") stay closed, as a reader finds them. Budget: at most 10 % Latin in every state
(tests/browser/test_arabic.py asserts it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "browser")]

from fixtures.page import read_page_data  # noqa: E402
from fixtures.paths import DATA  # noqa: E402
from harness import (  # noqa: E402
    SIZES,
    chromium,
    language_states,
    latin_share,
    missing_browser,
    serve,
)

BUDGET = 0.10


def measure(site: Path) -> dict[str, dict[str, dict]]:
    """{state: {viewport: counts}} for every state at every size."""
    states = language_states(read_page_data(site))
    table: dict[str, dict[str, dict]] = {name: {} for name, _, _ in states}
    with serve(site) as base:
        for viewport, (width, height) in SIZES.items():
            with chromium(width, height) as driver:
                for name, hash_, expand in states:
                    table[name][viewport] = latin_share(driver, base, hash_, expand)
    return table


def main() -> int:
    """Build (or take) a site, measure every state and print the table; exit 1 when over."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--site", type=Path, help="a built site to measure (default: build "
                      "the bundled data into a temporary folder)")
    args.add_argument("--show", action="store_true", help="also list the Latin text of "
                      "every state over budget")
    options = args.parse_args()
    reason = missing_browser()
    if reason:
        print(f"Error: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = options.site
        if site is None:
            from geo import build
            site = Path(tmp) / "site"
            build(DATA, site)
        table = measure(site)
    print("| state (lang=ar) | " + " | ".join(f"{v}: Latin / letters" for v in SIZES) + " |")
    print("|---|" + "---:|" * len(SIZES))
    over = []
    for name, sizes in table.items():
        cells = []
        for viewport in SIZES:
            c = sizes[viewport]
            flag = "" if c["share"] <= BUDGET else " **over**"
            cells.append(f"{c['share']:.1%} ({c['latin']} / {c['letters']}){flag}")
            if c["share"] > BUDGET:
                over.append((name, viewport, c))
        print(f"| {name} | " + " | ".join(cells) + " |")
    worst = max(c["share"] for sizes in table.values() for c in sizes.values())
    print(f"\nWorst state: {worst:.1%} Latin (budget {BUDGET:.0%}).")
    if options.show:
        for name, viewport, c in over:
            print(f"\n{name} ({viewport}): " + " | ".join(c["latinText"]))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
