#!/usr/bin/env bash
# The crossings atlas, set up and run on a fresh Debian machine with Python 3.11.
#   ./run.sh build   set up, then build site/ from the bundled data in data/
#   ./run.sh test    set up (including Chromium for the browser tests), then run the tests
# Extra arguments go to build_map.py or pytest, e.g. `./run.sh test -k export`.
set -euo pipefail
cd "$(dirname "$0")"
command=${1:-build}
shift || true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Python packages, pinned in requirements.lock, in a virtual environment of our own.
# Test for pip, not python: Debian without python3-venv leaves a half-made .venv behind.
if [ ! -x .venv/bin/pip ]; then
  rm -rf .venv
  python3 -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; python3 -m venv .venv; }
fi
if ! cmp -s requirements.lock .venv/.installed-lock; then
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
  cp requirements.lock .venv/.installed-lock
fi

# Front-end libraries (Leaflet), pinned in package-lock.json; copied into site/vendor/.
command -v npm >/dev/null || apt_install nodejs npm
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi

case "$command" in
  build)
    exec .venv/bin/python build_map.py "$@" ;;
  test)
    # Debian's Chromium and its driver, for the tests that open the page in a real browser.
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
      apt_install chromium chromium-driver
    fi
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: ./run.sh build|test [arguments]" >&2; exit 2 ;;
esac
