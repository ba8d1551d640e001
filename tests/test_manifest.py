"""geo/manifest.py is the one list of published files: the writer, the page, the exports and
datapackage.json all follow it."""

from __future__ import annotations

import json

import pytest
from fixtures.page import read_page_data
from fixtures.paths import ROOT

from geo import manifest
from geo.errors import BuildError
from geo.write import STATIC_DIR, write_site


def test_every_file_of_the_page_is_listed_once():
    listed = [u for u in [*manifest.PAGE_SCRIPTS, *manifest.PAGE_STYLES]
              if not u.startswith("vendor/")]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p.name for p in STATIC_DIR.iterdir() if p.is_file())


def test_the_package_comes_last_and_describes_every_file_before_it(site_data):
    assert manifest.OUTPUTS[-1].kind == "package"
    package = json.loads((site_data / "datapackage.json").read_text(encoding="utf-8"))
    described = sorted(r["path"] for r in package["resources"])
    assert described == sorted(o.name for o in manifest.data_outputs()
                               if o.kind != "package")
    # Each resource is what the manifest says it is: its title, description and kind.
    outputs = {o.name: o for o in manifest.OUTPUTS}
    for resource in package["resources"]:
        out = outputs[resource["path"]]
        assert (resource["title"], resource["description"]) == (out.label, out.description)
        assert ("schema" in resource) == (out.kind in ("csv", "hxl_csv"))
        assert ("dialect" in resource) == (out.kind == "hxl_csv")


def test_a_build_publishes_exactly_the_manifest(built):
    data = sorted(p.name for p in (built.site_dir / "data").iterdir())
    assert data == sorted(o.name for o in manifest.data_outputs())
    assert all(not o.events_table and not o.figures_table for o in manifest.data_outputs())
    assert {o.name for o in manifest.data_outputs(events_table=True)} - set(data) == \
        {"activity.csv", "activity.geojson"}
    assert {o.name for o in manifest.data_outputs(figures_table=True)} - set(data) == \
        {"area_figures.csv", "area_figures.geojson"}


def test_the_page_lists_every_download_the_build_publishes(built):
    page = (built.site_dir / "index.html").read_text(encoding="utf-8")
    data = read_page_data(built.site_dir)
    assert [d["href"] for d in data["downloads"]] == \
        [f"data/{o.name}" for o in manifest.data_outputs()]
    loaded = [u for u in manifest.page_scripts() if f'src="{u}"' in page]
    assert loaded == manifest.page_scripts()
    assert not any(f'src="{u}"' in page for u in manifest.EVENTS_TABLE_SCRIPTS)
    assert not any(f'src="{u}"' in page for u in manifest.FIGURES_TABLE_SCRIPTS)


@pytest.mark.parametrize("change, message", [
    (lambda files: files.update({"data/extra.csv": "a\n"}), r"not listed \['data/extra.csv'\]"),
    (lambda files: files.pop("data/events.csv"), r"missing \['data/events.csv'\]"),
])
def test_the_writer_refuses_files_the_manifest_does_not_list(built, tmp_path, change, message):
    files = {str(p.relative_to(built.site_dir)): p.read_bytes()
             for p in built.site_dir.rglob("*") if p.is_file()
             and (p.name == "index.html" or p.parent.name == "data")}
    change(files)
    with pytest.raises(BuildError, match=message):
        write_site(files, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_every_vendored_library_is_pinned_and_travels_with_its_licence():
    for package, parts in manifest.VENDOR.items():
        assert f'"{package}"' in (ROOT / "package.json").read_text(encoding="utf-8")
        assert parts and "LICENSE" in parts  # a vendored library travels with its licence
