#!/bin/sh
# SPDX-License-Identifier: MIT
# Turn a data file into a C array: embed.sh SYMBOL FILE > out.c
set -eu
sym=$1 file=$2
printf '/* Generated from %s: do not edit. */\n#include <stddef.h>\n' "$file"
printf 'const unsigned char %s[] = {\n' "$sym"
od -An -v -tx1 "$file" | sed -e 's/[[:space:]]*$//' -e 's/[[:space:]]*\([0-9a-f][0-9a-f]\)/0x\1,/g' -e '/^$/d'
printf '0x00 };\nconst size_t %s_len = sizeof %s - 1;\n' "$sym" "$sym"
