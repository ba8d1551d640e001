"""Write the built site to disk atomically: build beside the target, then swap it in.

A failed build leaves the previous site as it was; readers never see a half-written one. Files
the researcher keeps outside the site (the joined events) are staged and renamed the same way.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterable
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
# Written into every site: a build only ever replaces a folder that carries it (or one that
# plainly is a site from before the marker), never a folder of someone's other files.
SITE_MARKER = ".atlas-site"
MARKER_TEXT = "Built by the crossings atlas (build_map.py); every build replaces this folder.\n"


def refuse_data_overlap(out_dir: Path, data_dir: Path, option: str = "--out") -> None:
    """Refuse to write where the input data lives: a build or export would overwrite it."""
    out, data = out_dir.resolve(), data_dir.resolve()
    if out == data or data.is_relative_to(out) or out.is_relative_to(data):
        raise BuildError(f"{option} {out_dir} would replace or sit inside the data folder "
                         f"{data_dir}. Fix: write somewhere else, e.g. {option} site")


def check_output_dir(out_dir: Path, data_dir: Path, option: str = "--out") -> None:
    """Refuse an output folder a build would wrongly replace: the data, or a stranger's folder."""
    refuse_data_overlap(out_dir, data_dir, option)
    out = out_dir.resolve()
    if out.exists() and not out.is_dir():
        raise BuildError(f"{option} {out_dir} is a file, and a build writes a folder there. "
                         f"Fix: give a folder, e.g. {option} site")
    if not out.is_dir() or not any(out.iterdir()):
        return
    ours = (out / SITE_MARKER).is_file() or (
        (out / "index.html").is_file() and (out / "vendor" / "leaflet").is_dir())
    if not ours:
        raise BuildError(f"{option} {out_dir} already holds files that the atlas did not write, "
                         "and a build replaces the whole folder. Fix: choose a new or empty "
                         "folder, or move those files away first")


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
        (staging / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
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


def check_output_file(path: Path, site_dir: Path, option: str,
                      inputs: Iterable[Path] = ()) -> None:
    """Fail before any work if `path` cannot be written, is an input, or is inside the site."""
    target, folder = path.resolve(), path.resolve().parent

    def fail(problem: str, fix: str):
        raise BuildError(f"{option} {path}: {problem}. Fix: {fix}; nothing was written")

    if target.is_relative_to(site_dir.resolve()):
        fail(f"is inside the site folder {site_dir}, which is published for readers and "
             "replaced by every build", f"give a path outside {site_dir}, e.g. "
             f"exports/{path.name}")
    if any(target == p.resolve() for p in inputs):
        fail("is the events table itself", "give another file name")
    if target.is_dir():
        fail("is a folder", f"give a file name, e.g. {path / 'joined_events.parquet'}")
    if not folder.exists():
        fail(f"the folder {path.parent} does not exist", f"create it (mkdir -p {path.parent}) "
             "or give a file in an existing folder")
    if not folder.is_dir():
        fail(f"{path.parent} is a file, not a folder", "give a file in a folder")
    try:  # the only honest test of writability is to write (permissions, read-only disks)
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as e:
        fail(f"cannot create files in {path.parent} ({e.strerror or e})",
             "choose a folder you can write to")


class StagedFile:
    """A file written beside its target under a temporary name, renamed into place by
    `publish`; leaving the `with` block without publishing removes it."""

    def __init__(self, target: Path, content: bytes, option: str):
        self.target, self.option, self.staged = target, option, None
        name = f".{target.name}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            # Mode 0o666 less the umask, as for any file the researcher saves (mkstemp: 0o600).
            handle = os.open(target.resolve().parent / name,
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            self.staged = target.resolve().parent / name
            with os.fdopen(handle, "wb") as f:
                f.write(content)
        except OSError as e:
            self.discard()
            raise BuildError(f"{option} {target}: could not be written ({e.strerror or e}). "
                             "Fix: free space or choose another folder; the site and "
                             f"{target.name} are unchanged") from e

    def publish(self) -> None:
        """Rename the staged file to its target in one step (os.replace)."""
        try:
            os.replace(self.staged, self.target)
        except OSError as e:
            self.discard()
            raise BuildError(f"{self.option} {self.target}: the site was written "
                             f"but the file could not be put in place ({e.strerror or e}). "
                             "Fix: check the folder and build again") from e

    def discard(self) -> None:
        """Remove the staged file, if it is still there."""
        if self.staged is not None:
            self.staged.unlink(missing_ok=True)

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


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
