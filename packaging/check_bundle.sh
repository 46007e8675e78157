#!/bin/sh
# Check a built bundle (sh packaging/build.sh) as a user's machine would run it: copied to a
# folder of its own, with an empty PATH (so no Python or virtual environment) and an empty home.
set -eu
cd "$(dirname "$0")/.."
if ! command -v desktop-file-validate >/dev/null || ! command -v appstreamcli >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq desktop-file-utils appstream >/dev/null
fi
desktop-file-validate dist/relmap/share/applications/io.github.relmap.Relmap.desktop
appstreamcli validate --no-net dist/relmap/share/metainfo/io.github.relmap.Relmap.metainfo.xml
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R dist/relmap "$tmp/relmap"
mkdir "$tmp/home" "$tmp/nothing"
run() {
  /usr/bin/env -i HOME="$tmp/home" PATH="$tmp/nothing" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}
run "$tmp/relmap/relmap" --demo stats >/dev/null
run "$tmp/relmap/relmap" --demo screenshot "$tmp/home/window.png"
test -s "$tmp/home/window.png"
# A large map's communities are found in a process of its own, started from the bundle: it
# must do that work and end, not start the app over (its complaints would show).
run "$tmp/relmap/relmap" demo --db "$tmp/home/large.db" --people 50000 >/dev/null
run "$tmp/relmap/relmap" stats --db "$tmp/home/large.db" >"$tmp/stats" 2>"$tmp/stderr"
if [ -s "$tmp/stderr" ] || ! grep -q communities "$tmp/stats"; then
  echo "the bundled stats of a large map went wrong:" >&2; cat "$tmp/stderr" >&2; exit 1
fi
# German: the catalogue, Qt's own words and the locale data for dates and numbers.
for asset in resources/locale/de/LC_MESSAGES/relmap.mo babel/locale-data/de.dat \
    PySide6/Qt/translations/qtbase_de.qm; do
  test -f "$tmp/relmap/_internal/$asset" || { echo "the bundle lacks $asset" >&2; exit 1; }
done
# The app itself, in English and in German: it must still be running when it is asked to stop.
for lang in C.UTF-8 de_DE.UTF-8; do
  status=0
  run /usr/bin/env LANG="$lang" /usr/bin/timeout 20 "$tmp/relmap/relmap" --demo 2>"$tmp/stderr" \
    || status=$?
  if [ "$status" -ne 124 ]; then
    echo "the bundled app ($lang) stopped with status $status:" >&2; cat "$tmp/stderr" >&2; exit 1
  fi
done
/usr/bin/env -i HOME="$tmp/home" PATH=/usr/bin:/bin sh "$tmp/relmap/install.sh" >/dev/null
test -x "$tmp/home/.local/bin/relmap"
test -f "$tmp/home/.local/share/icons/hicolor/256x256/apps/io.github.relmap.Relmap.png"
echo "the bundle starts on the demo map with no Python environment"
