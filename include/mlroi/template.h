/* SPDX-License-Identifier: MIT */
/* Report templates: page size, colours, fonts, logo, sections and texts, loaded from JSON. */
#ifndef MLROI_TEMPLATE_H
#define MLROI_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include "mlroi/error.h"

/* The sections of a briefing, in their canonical order. */
typedef enum mlroi_section {
    MLROI_SECTION_COVER = 0,
    MLROI_SECTION_SUMMARY,
    MLROI_SECTION_MATURITY,
    MLROI_SECTION_BUSINESS_CASE,
    MLROI_SECTION_SENSITIVITY,
    MLROI_SECTION_TEAM_TCO,
    MLROI_SECTION_GOVERNANCE,
    MLROI_SECTION_APPENDIX,
    MLROI_SECTION_COUNT
} mlroi_section;

typedef enum mlroi_page_size { MLROI_PAGE_A4 = 0, MLROI_PAGE_LETTER } mlroi_page_size;

/* A colour with components in 0..1. */
typedef struct mlroi_rgb {
    double r, g, b;
} mlroi_rgb;

typedef struct mlroi_template_colors {
    mlroi_rgb primary;    /* headings, bands, main series */
    mlroi_rgb accent;     /* second series, highlights */
    mlroi_rgb text;       /* body text */
    mlroi_rgb muted;      /* captions, axes, grid labels */
    mlroi_rgb light;      /* tile and table shading */
    mlroi_rgb positive;   /* gains */
    mlroi_rgb negative;   /* losses */
} mlroi_template_colors;

/* One section as the template lists it. */
typedef struct mlroi_template_section {
    mlroi_section id;
    bool new_page;        /* start on a fresh page */
} mlroi_template_section;

/* A loaded template. Every string is owned by the template (UTF-8); optional ones are NULL. */
typedef struct mlroi_template {
    char *name;               /* "board" */
    char *title;              /* document title on the cover */
    char *subtitle;           /* may be NULL */
    mlroi_page_size page_size;
    bool cover_page;          /* true: the cover is a page of its own; false: a band */
    bool full_appendix;       /* true: every input with label and unit, formulas, question texts */
    bool show_platform;       /* the platform recommendation in the team and TCO section */
    bool show_chargeback;     /* the chargeback table there, when the scenario has one */
    bool combined_cash_flow;  /* one cash-flow table (risk-adjusted rows, then unadjusted) */
    char *prepared_by;        /* may be NULL */
    char *prepared_for;       /* may be NULL */
    char *brand;              /* name shown in the running header; may be NULL */
    char *footer;             /* line at the foot of each page; may be NULL */
    char *logo;               /* resolved path of a PNG or JPEG; may be NULL */
    char *font_regular;       /* resolved path of a TrueType file */
    char *font_bold;
    mlroi_template_colors colors;
    mlroi_template_section sections[MLROI_SECTION_COUNT];
    int section_count;
    int lang;                 /* the documents' language, an index into mlroi_lang_codes
                                 (lang.h): 0 "en" (the default), 1 "fr", 2 "de" */
} mlroi_template;

/* Load a template from a JSON file. Relative logo and font paths are resolved against the
 * file's folder; a bare font file name is looked up in the system's TrueType folders.
 * Every problem names its key: "templates/x.json:4:13: colors.primary: expected ...".
 * On success *out owns a new template (free it with mlroi_template_free). */
mlroi_error mlroi_template_load(const char *file, mlroi_template **out, mlroi_diags *diags);

/* The same from text; NAME labels diagnostics, BASE_DIR resolves relative paths (NULL: "."). */
mlroi_error mlroi_template_load_text(const char *name, const char *base_dir, const char *text,
                                     size_t len, mlroi_template **out, mlroi_diags *diags);

/* A template shipped with the tool ("board", "consultant"), compiled into the binary.
 * MLROI_ERR_INVALID with a diag for an unknown name. */
mlroi_error mlroi_template_builtin(const char *name, mlroi_template **out, mlroi_diags *diags);

/* What --template takes: a path (anything with '/' or ending in .json), or else a name, looked
 * up as templates/NAME.json in the data directory (mlroi/datadir.h), then among the built-in
 * templates. */
mlroi_error mlroi_template_open(const char *name_or_path, mlroi_template **out,
                                mlroi_diags *diags);

/* Is PATH a font that a bare name ("DejaVuSans.ttf") finds in the system's font folders? */
bool mlroi_template_system_font(const char *path);

/* Names of the built-in templates, NULL-terminated. */
extern const char *const mlroi_template_builtin_names[];

/* The JSON spelling of a section id ("business_case"); NULL when out of range. */
const char *mlroi_section_name(mlroi_section s);

/* Release; accepts NULL. */
void mlroi_template_free(mlroi_template *t);

#endif
