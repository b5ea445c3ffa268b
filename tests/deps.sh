#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian packages given as arguments that are not installed yet.
set -eu
# What the installed packages provide counts too: a nodejs that carries its own npm must not
# be replaced by the distribution's nodejs and npm.
provided=$(dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null | grep '^install ok installed|' |
           cut -d'|' -f2 | tr ',' '\n' | sed -e 's/([^)]*)//g' -e 's/^ *//' -e 's/ *$//' || true)
missing=
for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' &&
       ! printf '%s\n' "$provided" | grep -qx "$p"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mlroi: missing packages:$missing (install them with your package manager)" >&2
    exit 1
fi
sudo=
if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
fi
echo "mlroi: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
