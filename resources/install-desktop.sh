#!/bin/sh
# Install (or with --uninstall remove) hiptimer's desktop entry, AppStream metainfo and
# icons for the current user, under ${XDG_DATA_HOME:-~/.local/share}.
#
#   resources/install-desktop.sh [--uninstall]
#
# The `hiptimer` command itself comes from `pip install` / `pipx install`; this script only
# makes it show up in the desktop's application menu with its icon.
set -eu

APP_ID=io.github.hiptimer.Hiptimer
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES="16 24 32 48 64 128 256 512"

usage() {
    echo "usage: $0 [--uninstall]" >&2
    exit 2
}

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
    else
        # without an index.theme the cache tool refuses; touching the folder is enough
        touch "$DATA/icons/hicolor" 2>/dev/null || true
    fi
}

install_files() {
    install -D -m 644 "$HERE/$APP_ID.desktop" "$DATA/applications/$APP_ID.desktop"
    install -D -m 644 "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
    for n in $SIZES; do
        install -D -m 644 "$HERE/icons/hicolor/${n}x${n}/apps/$APP_ID.png" \
            "$DATA/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
    done
    install -D -m 644 "$HERE/icons/hicolor/scalable/apps/$APP_ID.svg" \
        "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    refresh
    echo "installed $APP_ID under $DATA"
}

uninstall_files() {
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    for n in $SIZES; do
        rm -f "$DATA/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
    done
    rm -f "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    if [ -d "$DATA/applications" ]; then
        refresh
    fi
    echo "removed $APP_ID from $DATA"
}

case "${1:-}" in
    "") install_files ;;
    --uninstall) uninstall_files ;;
    -h | --help) echo "usage: $0 [--uninstall]" ;;
    *) usage ;;
esac
