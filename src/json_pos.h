/* SPDX-License-Identifier: MIT */
/* Source positions for a cJSON tree: cJSON keeps none, so we rescan the text beside it. */
#ifndef MLROI_JSON_POS_H
#define MLROI_JSON_POS_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "mlroi/error.h"

/* Where one node came from. */
typedef struct json_pos_entry {
    const cJSON *node;
    int file;        /* index into json_pos.files; -1 for a --set override */
    int key_line, key_col;   /* the member's key (0 for array items and the root) */
    int line, col;   /* the value */
    unsigned seq;    /* order of recording */
} json_pos_entry;

typedef struct json_pos {
    json_pos_entry *items;
    size_t count, capacity;
    char *files[16];
    int file_count;
    int sorted;
    unsigned seq;
} json_pos;

/* Problems json_pos_parse lists at most (with those already in the list), the same cap as
 * the scenario loader's; past it, one last line counts the rest: "... and N more". */
#define JSON_POS_MAX_DIAGS 200

/* Check text before parsing: valid UTF-8, no NUL byte. Returns MLROI_OK or adds a diag. */
mlroi_error json_pos_check_text(const char *name, const char *text, size_t len, mlroi_diags *d);

/* Does JSON TEXT hold the escape \u0000 inside a string? cJSON would decode it to a NUL and
 * cut the string there. */
bool json_pos_has_nul_escape(const char *text, size_t len);

/* Parse text (len bytes followed by a NUL at text[len]) with cJSON (trailing garbage rejected), then record every node's position, and
 * report duplicate keys, keys and strings holding the escape \u0000, and nesting beyond max_depth. *out receives the tree (caller frees). */
mlroi_error json_pos_parse(json_pos *pos, const char *name, const char *text, size_t len,
                           int max_depth, cJSON **out, mlroi_diags *d);

/* Record a node created by a --set override (and its descendants). */
void json_pos_mark_override(json_pos *pos, const cJSON *node);

/* Find a node's entry; NULL when unknown. */
const json_pos_entry *json_pos_find(json_pos *pos, const cJSON *node);
/* File name of an entry ("--set" for overrides). */
const char *json_pos_file(const json_pos *pos, const json_pos_entry *e);

void json_pos_free(json_pos *pos);

/* Line and column (1-based, columns in characters) of byte offset off in text. */
void json_offset_to_line_col(const char *text, size_t off, int *line, int *col);

#endif
