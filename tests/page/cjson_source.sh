#!/bin/sh
# SPDX-License-Identifier: MIT
# Unpack Debian's source package of cJSON into DIR (cjson_source.sh DIR), for the page
# engine's WebAssembly build: the same version as the installed libcjson-dev when the archive
# still has it, with Debian's patches applied. apt reads a deb-src list of the build's own
# (under DIR), so the system's apt configuration is left as it is and root is not needed.
set -eu
# Any failure says how to build without the page engine.
trap '[ $? -eq 0 ] || echo "mlroi: cannot fetch cJSON source for the page engine; make PAGE_ENGINE=no builds mlroi without it" >&2' EXIT
dir=$1
[ -f "$dir/cJSON.c" ] && exit 0
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)   # apt takes a relative path as one under /etc/apt
command -v apt-get >/dev/null 2>&1 || { echo "mlroi: apt-get is needed to fetch cJSON's source" >&2; exit 1; }
command -v dpkg-source >/dev/null 2>&1 || { echo "mlroi: dpkg-source (dpkg-dev) is needed to unpack cJSON's source" >&2; exit 1; }
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
apt=$dir.apt
rm -rf "$apt" "$dir"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/prefs" "$apt/src"
cat > "$apt/parts/mlroi-deb-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
: > "$apt/sources.list"
aptq() {
    apt-get -qq -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/parts" \
        -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
        -o Dir::Etc::PreferencesParts="$apt/prefs" -o APT::Sandbox::User=root "$@"
}
aptq update
want=$(dpkg-query -W -f='${source:Version}' libcjson-dev 2>/dev/null || true)
cd "$apt/src"
if [ -z "$want" ] || ! aptq source "cjson=$want" >/dev/null 2>&1; then
    aptq source cjson >/dev/null
fi
cd - >/dev/null
src=$(find "$apt/src" -mindepth 1 -maxdepth 1 -type d -name 'cjson-*' | head -n 1)
[ -n "$src" ] && [ -f "$src/cJSON.c" ] || { echo "mlroi: cJSON's source package did not unpack" >&2; exit 1; }
mkdir -p "$dir/cjson"
cp "$src/cJSON.c" "$dir/cJSON.c"
cp "$src/cJSON.h" "$dir/cjson/cJSON.h"
cp "$src/LICENSE" "$dir/LICENSE"
rm -rf "$apt"
