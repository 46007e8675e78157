#!/bin/sh
# Set up relmap in ./.venv on Debian/Ubuntu: the system libraries Qt needs, then the package.
#   sh packaging/bootstrap.sh          the app
#   sh packaging/bootstrap.sh --test   the app, the test tools and a PostgreSQL server for tests
set -eu
cd "$(dirname "$0")/.."

# Qt's runtime libraries (offscreen and X11), a font, and venv support.
packages="python3-venv libglib2.0-0 libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1
  libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  fonts-dejavu-core"
extra=""
if [ "${1:-}" = "--test" ]; then
  packages="$packages postgresql"
  extra="[test]"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "relmap needs these system packages:$missing" >&2; exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing system packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

python=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
[ -n "$python" ] || { echo "relmap needs Python 3.11 or newer" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".$extra"
echo "relmap is set up in .venv"
