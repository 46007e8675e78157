#!/bin/sh
# Install a built bundle for this user: the program in ~/.local/lib/relmap, `relmap` on the
# PATH in ~/.local/bin, and a menu entry with its icon. Run from the bundle folder or the source.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
[ -x "$here/relmap" ] || here="$here/../dist/relmap"
[ -x "$here/relmap" ] || { echo "no built bundle here: run sh packaging/build.sh first" >&2; exit 1; }
data="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$HOME/.local/lib/relmap"
rm -rf "$lib"
mkdir -p "$lib" "$HOME/.local/bin" "$data"
cp -R "$here/." "$lib/"
ln -sf "$lib/relmap" "$HOME/.local/bin/relmap"
cp -R "$lib/share/." "$data/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "installed relmap in $lib; start it from the menu or with: relmap"
