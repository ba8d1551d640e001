"""Write the atlas's outputs to disk — the site, the exports, the joined events — never by half.

Every file is written under a temporary name beside its target and flushed to the disk (the
file, then its folder), and only then renamed into place; a site is built in a folder beside
the target and swapped in whole. So an error, a kill or a power cut leaves the previous output
as it was, and once the rename is done the new one is on the disk. Two builds or exports into
the same place take turns: each holds a lock beside the target while it writes.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import rcssmin
import rjsmin

from . import manifest
from .errors import BuildError, Problem, setting

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
# npm installs the pinned front-end libraries here (package-lock.json at the repo root).
NODE_MODULES = Path(os.environ.get("ATLAS_NODE_MODULES", PACKAGE_DIR.parent / "node_modules"))
MARKER_TEXT = "Built by the crossings atlas (build_map.py); every build replaces this folder.\n"
# How long a build waits for another one writing to the same place before it gives up.
LOCK_WAIT_S = 600.0


def _problem(name: str, path: Path, message: str, fix: str) -> BuildError:
    return BuildError(Problem(setting(name), str(path), message, fix))


def refuse_data_overlap(out_dir: Path, data_dir: Path, name: str = "out_dir") -> None:
    """Refuse to write where the input data lives: a build or export would overwrite it."""
    out, data = out_dir.resolve(), data_dir.resolve()
    if out == data or data.is_relative_to(out) or out.is_relative_to(data):
        raise _problem(name, out_dir, f"would replace or sit inside the data folder {data_dir}",
                       "write somewhere else, e.g. site")


def check_export_dir(out_dir: Path, data_dir: Path) -> None:
    """Refuse an export folder that is the data, a file, or inside a built site: a site's
    downloads and its datapackage.json are written by its build, all together, so an export
    of some files or a subset there would leave a package that no longer describes the site."""
    out = _folder_to_write(out_dir, data_dir, "an export", "exports/all")
    site = next((f for f in (out, *out.parents) if _is_site(f)), None)
    if site is not None:
        raise _problem("out_dir", out_dir, f"is inside the built site {site}, whose downloads "
                       "its build writes", "export somewhere else, e.g. exports/all, or run "
                       "build to refresh the site's downloads")


def check_output_dir(out_dir: Path, data_dir: Path) -> None:
    """Refuse an output folder a build would wrongly replace: the data, or a stranger's folder."""
    out = _folder_to_write(out_dir, data_dir, "a build", "site")
    if not out.is_dir() or not any(out.iterdir()):
        return
    if not _is_site(out):
        raise _problem("out_dir", out_dir, "already holds files that the atlas did not write, "
                       "and a build replaces the whole folder", "choose a new or empty "
                       "folder, or move those files away first")


def _folder_to_write(out_dir: Path, data_dir: Path, writer: str, example: str) -> Path:
    """`out_dir`, resolved, once it is neither the data (nor in or around it) nor a file."""
    refuse_data_overlap(out_dir, data_dir)
    out = out_dir.resolve()
    if out.exists() and not out.is_dir():
        raise _problem("out_dir", out_dir, f"is a file, and {writer} writes a folder there",
                       f"give a folder, e.g. {example}")
    return out


def _is_site(folder: Path) -> bool:
    """A folder a build wrote: it has the marker, or plainly is a site from before the marker."""
    return (folder / manifest.SITE_MARKER).is_file() or (
        (folder / manifest.PAGE).is_file() and (folder / "vendor" / "leaflet").is_dir())


def check_output_file(path: Path, site_dir: Path, name: str, inputs: Iterable[Path] = (),
                      inputs_are: str = "the events table") -> None:
    """Refuse a file path that cannot be written, is an input (`inputs`, which the message
    calls `inputs_are`), or is inside the site."""
    target, folder = path.resolve(), path.resolve().parent

    def fail(problem: str, fix: str):
        raise _problem(name, path, problem, f"{fix}; nothing was written")

    if target.is_relative_to(site_dir.resolve()):
        fail(f"is inside the site folder {site_dir}, which is published for readers and "
             "replaced by every build", f"give a path outside {site_dir}, e.g. "
             f"exports/{path.name}")
    if any(target == p.resolve() for p in inputs):
        fail(f"is {inputs_are} itself", "give another file name")
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


# ---- the site ----------------------------------------------------------------------------

def page_assets() -> dict[str, bytes]:
    """The page's own scripts and styles, minified, and the vendored libraries with their
    licences (Leaflet's stylesheet minified too; its script already is)."""
    assets: dict[str, bytes] = {}
    for url in [*manifest.PAGE_SCRIPTS, *manifest.PAGE_STYLES]:
        if not url.startswith("vendor/"):
            assets[url] = minified(url, (STATIC_DIR / url).read_bytes())
    for package, parts in manifest.VENDOR.items():
        source = NODE_MODULES / package
        if not source.is_dir():
            raise BuildError(f"the front-end library {package!r} is not installed in "
                             f"{NODE_MODULES}. Fix: run `npm ci` in {NODE_MODULES.parent} "
                             "(the README's build command does this)")
        for part in parts:
            src = source / part
            for path in sorted(src.iterdir()) if src.is_dir() else [src]:
                url = f"vendor/{package}/{Path(part).name}" + \
                    (f"/{path.name}" if src.is_dir() else "")
                assets[url] = minified(url, path.read_bytes()) if url.endswith(".css") \
                    else path.read_bytes()
    return assets


def minified(url: str, content: bytes) -> bytes:
    """A script or stylesheet without its comments and spare white space: readers on poor
    connections download the page, not our comments (the sources stay in geo/static/)."""
    if url.endswith(".js"):
        return rjsmin.jsmin(content.decode("utf-8")).encode("utf-8")
    if url.endswith(".css"):
        return rcssmin.cssmin(content.decode("utf-8")).encode("utf-8")
    return content


def write_site(files: dict[str, str | bytes], site_dir: Path, *, events_table: bool = False,
               figures_table: bool = False, wait_s: float = LOCK_WAIT_S) -> list[str]:
    """Write the page and data `files` (site path -> content) and the page's assets as the
    site at `site_dir`; return the paths written. The files must be exactly those the manifest
    lists for this build (with or without an events table, with or without figures tables)."""
    assets = page_assets()
    files = {**assets, **files}
    _check_manifest(files, set(assets), events_table, figures_table)
    return write_folder(files, site_dir, wait_s=wait_s)


def write_folder(files: dict[str, str | bytes], target: Path, *, use_exchange: bool = True,
                 wait_s: float = LOCK_WAIT_S) -> list[str]:
    """Make `target` a folder holding exactly `files` (relative path -> content) and the site
    marker; return the paths written.

    Everything is written into a folder beside `target`, flushed to the disk, and swapped in
    with one atomic exchange (Linux; elsewhere, or with `use_exchange=False`, two renames that
    a later run repairs if killed between them), so an error, a kill or a power cut at any
    point leaves the previous folder as it was.
    """
    target = target.resolve()
    staging = target.parent / f".{target.name}-building-{os.getpid()}"
    retired = target.parent / f".{target.name}-previous-{os.getpid()}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _lock(target, wait_s):
            recover_interrupted(target)
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            try:
                _write_tree({manifest.SITE_MARKER: MARKER_TEXT, **files}, staging)
                _swap_in(staging, target, retired, use_exchange)
                _fsync_dir(target.parent)  # the rename itself, on the disk
            finally:
                shutil.rmtree(staging, ignore_errors=True)
                if target.exists():  # never delete the old site unless the new one is there
                    shutil.rmtree(retired, ignore_errors=True)
    except OSError as e:
        raise BuildError(f"could not write the site to {target}: {e.strerror or e}; the "
                         "previous site is unchanged") from e
    return sorted(files)


def _check_manifest(files: dict, assets: set[str], events_table: bool,
                    figures_table: bool) -> None:
    """Refuse to publish a file the manifest does not list, or to leave one out: a bug."""
    expected = {manifest.PAGE, *assets,
                *(o.path for o in manifest.data_outputs(events_table=events_table,
                                                        figures_table=figures_table))}
    unknown, missing = sorted(set(files) - expected), sorted(expected - set(files))
    if unknown or missing:
        raise BuildError(f"the files to publish do not match the manifest (geo/manifest.py): "
                         f"not listed {unknown}, missing {missing}")


def _swap_in(staging: Path, site_dir: Path, retired: Path, use_exchange: bool):
    """Put `staging` at `site_dir`; the previous site ends up at `staging` or `retired`."""
    if site_dir.exists() and use_exchange and exchange(staging, site_dir):
        return  # one atomic step: readers see the old site or the new, never neither
    if site_dir.exists():
        site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except OSError:
        if retired.exists() and not site_dir.exists():
            retired.rename(site_dir)
        raise


def exchange(a: Path, b: Path) -> bool:
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


# ---- exports into a folder ----------------------------------------------------------------

def write_files(files: dict[str, str | bytes], out_dir: Path, *,
                wait_s: float = LOCK_WAIT_S) -> list[str]:
    """Write each file into `out_dir` (other files there are kept): every file is staged and
    flushed to the disk first, then renamed in, so none is ever half-written."""
    staging = out_dir / f".atlas-staging-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _lock(out_dir, wait_s):
            staging.mkdir()
            try:
                _write_tree(files, staging)
                # The package last: it never describes files not yet in place.
                for name in sorted(files, key=lambda n: (n.endswith("datapackage.json"), n)):
                    os.replace(staging / name, out_dir / name)
                _fsync_dir(out_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as e:
        raise _problem("out_dir", out_dir, f"could not be written: {e.strerror or e}",
                       "choose a folder you can write to, with space for the files") from e
    return sorted(files)


class StagedFile:
    """A file written beside its target under a temporary name and flushed to the disk,
    renamed into place by `publish`; leaving the `with` block without publishing removes it.

    Given `content`, it is written at once; without, the staged file is opened for the caller
    to write into bit by bit (`file`, then `finish`), so it need not fit in memory."""

    def __init__(self, target: Path, content: bytes | None, name: str):
        self.target, self.name, self.staged, self.file = target, name, None, None
        self.syncing: threading.Thread | None = None  # see `sync_behind`
        self.sync_error: OSError | None = None
        staged = target.resolve().parent / f".{target.name}-{os.getpid()}-" \
                                            f"{secrets.token_hex(4)}.tmp"
        try:
            if content is None:
                self.file = os.fdopen(_new_file(staged), "wb")
            else:
                _write_file(staged, content)
            self.staged = staged
        except OSError as e:
            staged.unlink(missing_ok=True)
            raise self.failed(e) from e

    def failed(self, e: OSError) -> BuildError:
        """The error for a write to the staged file that failed (a full disk…)."""
        self.discard()
        return _problem(self.name, self.target, f"could not be written ({e.strerror or e})",
                        f"free space or choose another folder; the site and "
                        f"{self.target.name} are unchanged")

    def sync_behind(self) -> None:
        """Start flushing what was written into `file` so far to the disk, on a thread of its
        own, unless a flush is still running: a large file's flush is seconds of waiting on
        the disk, and so `finish` waits only for the last part."""
        if self.syncing is not None and self.syncing.is_alive():
            return
        self._raise_sync_error()
        try:
            self.file.flush()
        except OSError as e:
            raise self.failed(e) from e
        self.syncing = threading.Thread(target=self._sync, name=f"sync-{self.name}",
                                        daemon=True)
        self.syncing.start()

    def _sync(self) -> None:
        try:
            getattr(os, "fdatasync", os.fsync)(self.file.fileno())  # macOS has no fdatasync
        except OSError as e:
            self.sync_error = e

    def _raise_sync_error(self) -> None:
        if self.syncing is not None:
            self.syncing.join()
        if self.sync_error is not None:
            raise self.failed(self.sync_error)

    def finish(self) -> None:
        """Flush what was written into `file` to the disk and close it."""
        self._raise_sync_error()
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
        except OSError as e:
            raise self.failed(e) from e

    def publish(self) -> None:
        """Rename the staged file to its target in one step (os.replace), on the disk."""
        try:
            os.replace(self.staged, self.target)
            _fsync_dir(self.target.resolve().parent)
        except OSError as e:
            self.discard()
            raise _problem(self.name, self.target, "the site was written but the file could "
                           f"not be put in place ({e.strerror or e})",
                           "check the folder and build again") from e

    def discard(self) -> None:
        """Remove the staged file, if it is still there."""
        if self.syncing is not None:
            self.syncing.join()  # not close the file under a flush
        if self.file is not None and not self.file.closed:
            with contextlib.suppress(OSError):
                self.file.close()
        if self.staged is not None:
            self.staged.unlink(missing_ok=True)

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


# ---- the disk ------------------------------------------------------------------------------

def _write_tree(files: dict[str, str | bytes], root: Path) -> None:
    """Write every file under `root` and flush files and folders to the disk."""
    folders = {root}
    for relative, content in sorted(files.items()):
        target = root / relative
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.update([target.parent, *target.parent.parents])
        _write_file(target, content.encode("utf-8") if isinstance(content, str) else content)
    for folder in sorted((f for f in folders if f.is_relative_to(root)),
                         key=lambda f: len(f.parts), reverse=True):
        _fsync_dir(folder)


def _new_file(path: Path) -> int:
    """A new file's handle, open for writing."""
    # Mode 0o666 less the umask, as for any file the user saves (mkstemp would give 0o600).
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def _write_file(path: Path, data: bytes) -> None:
    """A new file holding `data`, flushed to the disk before it is closed."""
    with os.fdopen(_new_file(path), "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (new names, renames) to the disk."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextlib.contextmanager
def _lock(target: Path, wait_s: float) -> Iterator[None]:
    """Hold the lock of `target` (a file beside it) while the block writes; wait up to
    `wait_s` seconds for another process that holds it, then fail naming that process."""
    path = target.parent / f".{target.name}.lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 64, 0).decode("ascii", "replace").strip()
                    raise BuildError(
                        f"another build or export (process {holder or 'unknown'}) is writing "
                        f"to {target} and has not finished after {wait_s:g} s. Fix: wait for "
                        f"it to finish, or stop it (kill {holder or 'it'}), then run again; "
                        "nothing was written") from None
                time.sleep(0.05)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(handle)  # closing releases the lock
