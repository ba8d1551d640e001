"""The page's interface strings (i18n.js, and the strings activity.js and areafigures.js bring
with them), run under Node: every string in both languages, each in its own digits, and no
feature's string replacing a core one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

STATIC = ROOT / "geo" / "static"
FEATURES = ["activity.js", "areafigures.js"]  # scripts that add their own strings
# Loads i18n.js (its STRINGS table exposed for the test), then each feature script with the
# page's other globals stubbed, recording what each adds; prints {core, features}.
RUNNER = r"""
const fs = require('fs');
const [i18n, ...features] = process.argv.slice(1);
globalThis.window = globalThis;
window.AtlasDates = {};
eval(fs.readFileSync(i18n, 'utf8').replace('var STRINGS = {', 'var STRINGS = window.__core = {'));
const core = JSON.parse(JSON.stringify(window.__core));
const added = {};
const stub = new Proxy(function () {}, { get: () => stub, apply: () => stub });
window.AtlasDom = stub; window.AtlasParts = stub; window.L = stub;
for (const file of features) {
  window.AtlasText.addStrings = (more) => { added[file.split('/').pop()] = more; };
  eval(fs.readFileSync(file, 'utf8'));
}
process.stdout.write(JSON.stringify({ core, added }));
"""


@pytest.fixture(scope="module")
def strings() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed. Fix: run ./run.sh test (it installs Debian's "
                    "nodejs), or apt-get install nodejs")
    done = subprocess.run([node, "-e", RUNNER, str(STATIC / "i18n.js"),
                           *(str(STATIC / f) for f in FEATURES)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _tables(strings: dict) -> dict[str, dict]:
    return {"i18n.js": strings["core"], **strings["added"]}


def test_every_string_is_in_both_languages(strings):
    assert set(strings["added"]) == set(FEATURES)
    for where, table in _tables(strings).items():
        assert set(table) == {"en", "ar"}, where
        assert set(table["en"]) == set(table["ar"]), where
        assert all(table["ar"].values()), where  # no Arabic string left empty


def test_a_feature_adds_strings_and_replaces_none(strings):
    core = set(strings["core"]["en"])
    for file, table in strings["added"].items():
        assert table["en"] and not set(table["en"]) & core, file


def test_each_language_writes_its_own_digits(strings):
    for where, table in _tables(strings).items():
        for key, text in table["ar"].items():
            # Western digits only in Latin names and codes (none today), never in Arabic prose.
            bare = re.sub(r"\{\w+\}", "", text)
            assert not re.search(r"(?<![A-Za-z.])[0-9]", bare), (where, key, text)
        for key, text in table["en"].items():
            assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text), (where, key, text)
