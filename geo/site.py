"""Write the built site to disk atomically: build beside the target, then swap it in.

A failed build leaves the previous site as it was; readers never see a half-written one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import BuildError

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
# npm installs the pinned front-end libraries here (package-lock.json at the repo root).
NODE_MODULES = Path(os.environ.get("ATLAS_NODE_MODULES", PACKAGE_DIR.parent / "node_modules"))
# What the page needs from each library, and the licence file that must travel with it.
VENDOR = {
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"],
}


def write_site(files: dict[str, str | bytes], site_dir: Path) -> list[str]:
    """Write `files` (relative path -> content) plus static assets; return the paths written."""
    site_dir = site_dir.resolve()
    staging = site_dir.parent / f".{site_dir.name}-building-{os.getpid()}"
    retired = site_dir.parent / f".{site_dir.name}-previous-{os.getpid()}"
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        written = _copy_assets(staging)
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="\n")
            written.append(relative)
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
    except OSError as e:
        raise BuildError(f"could not write the site to {site_dir}: {e.strerror or e}; the "
                         "previous site is unchanged") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return sorted(written)


def _copy_assets(staging: Path) -> list[str]:
    """Our own JS/CSS and the vendored libraries with their licences."""
    written = []
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file():
            shutil.copy2(path, staging / path.name)
            written.append(path.name)
    for package, parts in VENDOR.items():
        source = NODE_MODULES / package
        if not source.is_dir():
            raise BuildError(f"the front-end library {package!r} is not installed in "
                             f"{NODE_MODULES}. Fix: run `npm ci` in {NODE_MODULES.parent} "
                             "(the README's build command does this)")
        for part in parts:
            src, dst = source / part, staging / "vendor" / package / Path(part).name
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
                written += [f"vendor/{package}/{dst.name}/{p.name}" for p in sorted(src.iterdir())]
            else:
                shutil.copy2(src, dst)
                written.append(f"vendor/{package}/{dst.name}")
    return written
