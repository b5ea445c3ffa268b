/* SPDX-License-Identifier: MIT */
/* Private drawing layer of the PDF briefing: pages, safe text, fitting, tables and charts. */
#ifndef MLROI_PDF_DRAW_H
#define MLROI_PDF_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include "mlroi/error.h"
#include "mlroi/logo.h"
#include "mlroi/template.h"

#define PDF_MAX_PAGES 128   /* 1000 annotated lines over 50 years need about 52 */

typedef enum pdf_face { PDF_REGULAR = 0, PDF_BOLD = 1 } pdf_face;
typedef enum pdf_align { PDF_LEFT = 0, PDF_CENTER, PDF_RIGHT } pdf_align;

/* One loaded face and the BMP code points it can draw. */
typedef struct pdf_font {
    HPDF_Font font;
    uint8_t *covered;          /* 65536-bit map, malloc'd */
    uint16_t fallback;         /* drawn for what the face or CP1252 lacks: '?' */
} pdf_font;

/* The document being laid out; y runs from the top of the content area downwards. */
typedef struct pdf_doc {
    HPDF_Doc doc;
    const mlroi_template *tpl;
    pdf_font face[2];
    float pw, ph;              /* page size in points */
    float x0, x1;              /* content left and right */
    float ytop, ybottom;       /* content area (PDF coordinates, origin bottom left) */
    float y;                   /* top of the next block */
    float row_factor;          /* table row height / type size: tighter on short pages */
    float lead_factor;         /* paragraph leading / type size */
    HPDF_Image logo;           /* NULL when the template has none */
    HPDF_Page page;
    HPDF_Page pages[PDF_MAX_PAGES];
    char page_running[PDF_MAX_PAGES][96];   /* section named in each page's header */
    bool page_bare[PDF_MAX_PAGES];          /* a cover page: no header */
    int page_count;
    bool page_fresh;           /* nothing drawn below the header yet */
    bool bare_next;            /* the next page gets no running header (a cover) */
    bool bare_first;           /* the first page is a cover: no header, no footer */
    char running[96];          /* section name in the running header */
    const char *doc_title;     /* for the running header */
    const char *footer;        /* the footer text; NULL: none */
    const char *page_word, *of_word;   /* "page" and "of" in the document's language */
    HPDF_STATUS hpdf_error;    /* first libharu error, 0 when none */
    HPDF_STATUS hpdf_detail;
    int hpdf_errno;            /* errno when it was reported: a failed write's reason */
} pdf_doc;

/* A table column. */
typedef struct pdf_col {
    float width;
    pdf_align align;
} pdf_col;

/* Row styles for pdf_table_row. */
#define PDF_ROW_HEADER 1u
#define PDF_ROW_BOLD   2u
#define PDF_ROW_SHADE  4u
#define PDF_ROW_RULE   8u      /* a rule above the row */

/* --- document --- */
mlroi_error pdf_open(pdf_doc *pd, const mlroi_template *tpl, mlroi_diags *diags);
void pdf_close(pdf_doc *pd);
/* Creation and modification dates of the document ("YYYY-MM-DD", midnight UTC). */
void pdf_set_dates(pdf_doc *pd, const char *ymd);
/* Start a new page with its running header; false when the page limit is reached. */
bool pdf_new_page(pdf_doc *pd);
/* Make room for H points below the cursor, starting a page when needed. */
void pdf_need(pdf_doc *pd, float h);
/* Draw every page's running header and footer ("page N of M", footer text, date); call once
 * at the end, when the page count and each page's section are known. */
void pdf_finish_pages(pdf_doc *pd, const char *date);

/* --- colour --- */
mlroi_rgb pdf_mix(mlroi_rgb a, mlroi_rgb b, double t);   /* a + (b - a) * t */
void pdf_fill(pdf_doc *pd, mlroi_rgb c);
void pdf_stroke(pdf_doc *pd, mlroi_rgb c);
extern const mlroi_rgb pdf_white;

/* --- text (all input is UTF-8, cleaned before drawing) --- */
/* Clean IN into OUT (still UTF-8): code points outside CP1252, the faces' encoding, are
 * spelled with ones inside it (U+2212 minus as '-', U+202F as a no-break space, the rupee as
 * "INR "); invalid UTF-8, control characters and code points the face cannot draw become '?'
 * or a space. Always NUL-terminates; truncates at a character boundary. */
void pdf_clean(const pdf_doc *pd, pdf_face f, const char *in, char *out, size_t size);
float pdf_width(const pdf_doc *pd, pdf_face f, float size, const char *clean);
/* Draw one line at baseline y; x is the left, centre or right edge by ALIGN. */
void pdf_text(pdf_doc *pd, pdf_face f, float size, mlroi_rgb c, float x, float y,
              pdf_align align, const char *text);
/* Draw one line inside width W: shrink down to MIN_SIZE, then cut with an ellipsis.
 * X is the left edge (PDF_LEFT, PDF_CENTER: centred in [x, x + w]) or the right edge
 * (PDF_RIGHT). Returns the size used. */
float pdf_fit(pdf_doc *pd, pdf_face f, float size, float min_size, mlroi_rgb c, float x,
              float y, float w, pdf_align align, const char *text);
/* Wrap TEXT into width W from ytop (top of the first line); DRAW false only measures.
 * Returns the height used. '\n' starts a new line. */
float pdf_wrap(pdf_doc *pd, pdf_face f, float size, float leading, mlroi_rgb c, float x,
               float ytop, float w, const char *text, bool draw);

/* --- flow helpers at the cursor --- */
void pdf_heading(pdf_doc *pd, const char *title);        /* section title, new running header */
void pdf_subheading(pdf_doc *pd, const char *title);
void pdf_paragraph(pdf_doc *pd, float size, const char *text);
void pdf_gap(pdf_doc *pd, float h);

/* --- shapes --- */
void pdf_rect(pdf_doc *pd, float x, float y, float w, float h, mlroi_rgb fill);
/* The logo's size drawn at height H, or smaller so that it is at most MAX_W wide. */
void pdf_logo_size(const pdf_doc *pd, float h, float max_w, float *w_out, float *h_out);
void pdf_line(pdf_doc *pd, float x1, float y1, float x2, float y2, float width, mlroi_rgb c,
              bool dashed);

/* --- tables: a row of cells at the cursor; returns its height --- */
float pdf_table_row(pdf_doc *pd, const pdf_col *cols, int ncols, const char *const *cells,
                    float size, unsigned style);

/* The same, but a cell too wide for its column wraps onto more lines (never cut); the row
 * grows to its tallest cell. */
float pdf_table_row_wrap(pdf_doc *pd, const pdf_col *cols, int ncols, const char *const *cells,
                         float size, unsigned style);
float pdf_table_row_wrap_height(const pdf_doc *pd, const pdf_col *cols, int ncols,
                                const char *const *cells, float size);

/* --- charts (pdf_chart.c), each in a box whose top-left corner is (x, ytop) --- */

/* Axis ticks: "nice" steps covering [lo, hi]. */
typedef struct pdf_axis {
    double lo, hi, step;
} pdf_axis;
pdf_axis pdf_nice_axis(double lo, double hi, int max_ticks);

typedef struct pdf_series {
    const char *label;
    const double *x, *y;
    int n;
    mlroi_rgb color;
    bool dashed;
} pdf_series;

/* Money label for an axis tick or bar: "$1.2M" (format.h's short form). */
typedef char *(*pdf_label_fn)(char *buf, size_t size, double v, const void *ctx);

typedef struct pdf_line_chart {
    const char *x_title, *y_title;
    const pdf_series *series;
    int series_count;
    double x_lo, x_hi, x_step;  /* x axis (months) */
    pdf_label_fn y_label;
    const void *label_ctx;
    double marker_x;            /* NAN: no marker; else a dashed vertical line and a dot */
    const char *marker_label;
} pdf_line_chart;
void pdf_draw_line_chart(pdf_doc *pd, float x, float ytop, float w, float h,
                         const pdf_line_chart *c);

typedef struct pdf_bar {
    const char *label;
    double value;
    const char *value_text;     /* printed at the bar's end; NULL: none */
    mlroi_rgb color;
} pdf_bar;
/* Horizontal bars from zero; labels on the left (LABEL_W wide). */
void pdf_draw_hbars(pdf_doc *pd, float x, float ytop, float w, float label_w, float bar_h,
                    const pdf_bar *bars, int n, pdf_label_fn tick_label, const void *ctx);
/* Vertical bars with a fixed maximum (e.g. 4 questions per level). */
void pdf_draw_vbars(pdf_doc *pd, float x, float ytop, float w, float h, const pdf_bar *bars,
                    int n, double max, const char *y_title);

/* The TEI cash-flow chart: per year (Initial, Year 1..N) a bar of benefits above zero and a
 * bar of costs below it, with the cumulative net as a line. The figures are the engine's;
 * costs are given positive and drawn negative. */
typedef struct pdf_cash_chart {
    const double *benefits, *costs, *cumulative;   /* n values each, t = 0..n-1 */
    int n;
    mlroi_rgb benefit_color, cost_color, line_color;
    pdf_label_fn y_label;
    const void *label_ctx;
    const char *y_title;
    const char *initial_label, *year_word;   /* NULL: "Initial" and "Year" */
} pdf_cash_chart;
void pdf_draw_cash_chart(pdf_doc *pd, float x, float ytop, float w, float h,
                         const pdf_cash_chart *c);

/* Tornado: one row per input, a low and a high bar around BASE. */
typedef struct pdf_tornado_row {
    const char *label;
    double low, high;           /* outputs with the input at its low / high value */
    const char *low_text, *high_text;  /* the input values, printed beside the bars */
} pdf_tornado_row;
void pdf_draw_tornado(pdf_doc *pd, float x, float ytop, float w, float label_w, float bar_h,
                      const pdf_tornado_row *rows, int n, double base, pdf_label_fn lbl,
                      const void *ctx);

/* Histogram with vertical markers (P10, P50, P90). */
typedef struct pdf_marker {
    double x;
    const char *label;
} pdf_marker;
/* EDGES (bins + 1) and COUNTS span the core of the distribution; TAIL_LOW and TAIL_HIGH (0:
 * none) are the samples beyond it, drawn as open bins at either end labelled "< x" and "> y". */
void pdf_draw_histogram(pdf_doc *pd, float x, float ytop, float w, float h, const double *edges,
                        const double *counts, int bins, double tail_low, double tail_high,
                        const pdf_marker *marks, int nmarks, pdf_label_fn lbl, const void *ctx,
                        const char *x_title);

/* Roadmap timeline: bars over months. */
typedef struct pdf_span {
    const char *label;          /* inside or beside the bar */
    const char *detail;         /* under the label: months and budget */
    double from, to;            /* months, inclusive range: 1..3 covers months 1 to 3 */
} pdf_span;
/* Returns the height used. */
float pdf_draw_timeline(pdf_doc *pd, float x, float ytop, float w, const pdf_span *spans, int n,
                        double months);

/* A legend line of coloured keys; returns the height used. */
float pdf_draw_legend(pdf_doc *pd, float x, float ytop, float w, const char *const *labels,
                      const mlroi_rgb *colors, const bool *dashed, int n);

/* The first libharu error in words, into BUF: "write error: No space left on device" for a
 * failed write (the system's reason), else the library's code. */
const char *pdf_error_reason(const pdf_doc *pd, char *buf, size_t size);

#endif
