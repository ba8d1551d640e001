"""The page's name folding (geo/static/names.js, run under Node) equals geo/names.py's name_key.

Search on the page and the build's matching must agree on every spelling, so both fold the same
names here: the shared list in fixtures/names.json, every name of the gazetteer, and every
character the folding rules act on. Node runs the script as it ships; no browser is needed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fixtures.paths import DATA, ROOT

from geo.names import name_key

NAMES_JS = ROOT / "geo" / "static" / "names.js"
SHARED_NAMES = Path(__file__).parent / "fixtures" / "names.json"
# Loads names.js as the page does (it attaches AtlasNames to the global object), then folds
# the JSON list of names on stdin.
RUNNER = """
require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(globalThis.AtlasNames.nameKey)));
});
"""


def fold_in_node(names: list[str]) -> list[str]:
    """nameKey of each name, computed by names.js under Node."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed, so names.js cannot be checked against "
                    "geo/names.py. Fix: run ./run.sh test (it installs Debian's nodejs), or "
                    "apt-get install nodejs")
    done = subprocess.run([node, "-e", RUNNER, str(NAMES_JS)], input=json.dumps(names),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, f"node failed on names.js:\n{done.stderr}"
    return json.loads(done.stdout)


def assert_folded_alike(names: list[str]):
    js = fold_in_node(names)
    assert len(js) == len(names)
    python = [name_key(name) for name in names]
    differ = [(name, p, j) for name, p, j in zip(names, python, js, strict=True) if p != j]
    assert differ == [], "names.js and names.py fold these differently " \
        "(name, Python, JavaScript):\n" + "\n".join(map(ascii, differ[:40]))


def shared_names() -> list[str]:
    groups = json.loads(SHARED_NAMES.read_text(encoding="utf-8"))
    return [name for names in groups.values() for name in names]


def gazetteer_names() -> list[str]:
    collection = json.loads((DATA / "crossings.geojson").read_text(encoding="utf-8"))
    names = []
    for feature in collection["features"]:
        props = feature["properties"]
        names += [props["id"], props["name"], props.get("name_ar") or ""]
        names += props.get("aliases") or []
    return names


def test_the_shared_list_is_long_and_varied():
    names = shared_names()
    assert len(names) >= 60
    assert "" in names and "Σίσυφος" in names
    assert any(unicodedata.category(c) == "Lo" and "\u0600" <= c <= "\u06ff"
               for n in names for c in n)


def test_names_js_folds_the_shared_list_as_python_does():
    assert_folded_alike(shared_names())


def test_names_js_folds_every_gazetteer_name_as_python_does():
    names = gazetteer_names()
    assert len(names) > 30 and all(isinstance(n, str) for n in names)
    assert_folded_alike(names)


def test_the_final_sigma_folds_to_sigma():
    assert fold_in_node(["Σίσυφος", "ΣΊΣΥΦΟΣ"]) == ["σισυφοσ", "σισυφοσ"]


def test_names_js_folds_every_character_the_rules_act_on_as_python_does():
    # Marks, cased letters, spaces, controls and format characters, and anything with a
    # decomposition: alone, inside a word and after the article. Left out: characters Python's
    # Unicode (unicodedata.unidata_version) does not know yet, which Node's newer Unicode may
    # fold, surrogates and private use.
    def acted_on(c: str) -> bool:
        category = unicodedata.category(c)
        return category not in ("Cn", "Cs", "Co") and (
            category[0] in "MZC" or category in ("Lu", "Ll", "Lt")
            or bool(unicodedata.decomposition(c)))

    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if acted_on(chr(cp))]
    assert len(chars) > 10_000
    assert_folded_alike(chars + [f"x{c}y" for c in chars] + [f"ال{c}" for c in chars])
