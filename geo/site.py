"""Write the built site to disk atomically: build beside the target, then swap it in.

A failed build leaves the previous site as it was; readers never see a half-written one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
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
    """Write `files` (relative path -> content) plus static assets; return the paths written.

    Everything is written to a staging folder beside `site_dir`, then swapped in with one
    rename, so an error or a kill at any point leaves the previous site as it was.
    """
    site_dir = site_dir.resolve()
    staging = site_dir.parent / f".{site_dir.name}-building-{os.getpid()}"
    retired = site_dir.parent / f".{site_dir.name}-previous-{os.getpid()}"
    written: list[str] = []
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        recover_interrupted(site_dir)
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
        _swap_in(staging, site_dir, retired)
    except OSError as e:
        raise BuildError(f"could not write the site to {site_dir}: {e.strerror or e}; the "
                         "previous site is unchanged") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if site_dir.exists():  # never delete the previous site unless the new one is in place
            shutil.rmtree(retired, ignore_errors=True)
    return sorted(written)


def _swap_in(staging: Path, site_dir: Path, retired: Path):
    """Put `staging` at `site_dir`; the previous site ends up at `staging` or `retired`."""
    if site_dir.exists() and _exchange(staging, site_dir):
        return  # one atomic step: readers see the old site or the new, never neither
    if site_dir.exists():
        site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except OSError:
        if retired.exists() and not site_dir.exists():
            retired.rename(site_dir)
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where that is unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0  # EINVAL/ENOSYS (e.g. some network filesystems): use two renames


def recover_interrupted(site_dir: Path) -> list[Path]:
    """Clean up after builds that were killed: restore a retired site, drop staging folders.

    Folders of builds still running (their process is alive) are left alone. Returns the
    folders removed or restored.
    """
    touched = []
    for kind in ("previous", "building"):
        for folder in sorted(site_dir.parent.glob(f".{site_dir.name}-{kind}-*")):
            pid = folder.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or (int(pid) != os.getpid() and _alive(int(pid))):
                continue
            if kind == "previous" and not site_dir.exists():
                folder.rename(site_dir)  # killed between the two renames: put it back
            else:
                shutil.rmtree(folder, ignore_errors=True)
            touched.append(folder)
    return touched


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


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
