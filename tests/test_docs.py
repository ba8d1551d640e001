"""The README documents every command-line option, every file a build publishes, every module
of the package, and the two set-up commands."""

from __future__ import annotations

import fnmatch
import re

from fixtures.paths import ROOT

import build_map
from geo import manifest
from geo.write import page_assets


def _options() -> set[str]:
    options = set()
    main = build_map.parser()
    for action in main._subparsers._group_actions:
        for sub in action.choices.values():
            for sub_action in sub._actions:
                options.update(o for o in sub_action.option_strings if o.startswith("--"))
    return options - {"--help"}


def test_readme_names_every_cli_option_and_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(o for o in _options() if o not in readme)
    assert not missing, f"README.md does not mention {missing}"
    for command in build_map.COMMANDS:
        assert f"build_map.py {command}" in readme or f"[{command}]" in readme, command


def test_readme_gives_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run.sh build" in readme and "./run.sh test" in readme
    assert "./run.sh test" in ci


def _readme_section(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"## {heading}")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else None]


def test_readme_lists_every_file_a_build_publishes():
    section = _readme_section("What lands in `site/`")
    patterns = [p for row in re.findall(r"^\| (.+?) \|", section, re.M)
                for p in re.findall(r"`([^`]+)`", row)]
    published = [manifest.PAGE, *page_assets(), *(o.path for o in manifest.OUTPUTS)]
    for path in published:
        assert any(fnmatch.fnmatch(path, p) or path.startswith(p.rstrip("/") + "/")
                   for p in patterns), f"README's 'What lands in site/' does not cover {path}"
    for pattern in patterns:
        assert any(fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/")
                   for path in published), f"README lists {pattern}, which no build writes"


def test_readme_names_every_module_of_the_package():
    section = _readme_section("How it works")
    modules = sorted(str(p.relative_to(ROOT / "geo")) for p in (ROOT / "geo").rglob("*.py")
                     if p.name != "__init__.py" or p.parent != ROOT / "geo")
    for module in modules:
        name = module.removesuffix("/__init__.py") + "/" if module.endswith("__init__.py") \
            else module
        assert f"`{name}`" in section, f"README's 'How it works' does not name geo/{name}"
