#!/bin/sh
# Build relmap as a one-folder bundle that runs with no Python installed:
#   sh packaging/build.sh        ->  dist/relmap/relmap, with dist/relmap/share for the desktop
# Then `sh packaging/install.sh` puts it in ~/.local with a menu entry, or copy dist/relmap
# anywhere and run dist/relmap/relmap.
set -eu
cd "$(dirname "$0")/.."
sh packaging/bootstrap.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/bundle \
  packaging/relmap.spec
share=dist/relmap/share
rm -rf "$share"
mkdir -p "$share/applications" "$share/metainfo" "$share/icons"
cp packaging/linux/io.github.relmap.Relmap.desktop "$share/applications/"
cp packaging/linux/io.github.relmap.Relmap.metainfo.xml "$share/metainfo/"
.venv/bin/python packaging/icons.py "$share/icons"
cp packaging/install.sh dist/relmap/
echo "built dist/relmap (run dist/relmap/relmap --demo, or sh dist/relmap/install.sh)"
