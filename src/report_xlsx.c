/* SPDX-License-Identifier: MIT */
/* The Excel workbook put together: its sheets in order, each filled by its own writer, then
 * saved beside the target and renamed into place. */
#include "mlroi/report_xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "xlsx_internal.h"

/* The document properties, the subject and comments in the workbook's language. The option
 * struct takes char * but libxlsxwriter only reads it. */
static const char doc_subject[] = XN_("MLOps investment: business case model");
static char doc_author[] = "mlroi";
static const char doc_comments[] = XN_("Benchmarks: MLOps for Decision Makers, 2025");

/* ---------------------------------------------------------------------------------------
 * The workbook
 * --------------------------------------------------------------------------------------- */

static lxw_worksheet *add_sheet(xl_ctx *c, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, name);
    if (!ws)
        mlroi_xlsx_fail(c, MLROI_ERR_NOMEM, "cannot add the sheet %s", name);
    return ws;
}

static mlroi_error build(xl_ctx *c, const char *file)
{
    const mlroi_result *r = c->r;
    lxw_workbook_options opt = {0};
    lxw_doc_properties props;
    char title[512];

    c->wb = workbook_new_opt(file, &opt);
    if (!c->wb)
        return mlroi_diags_add(c->diags, MLROI_ERR_NOMEM, file, 0, 0, "", "out of memory");
    memset(&props, 0, sizeof props);
    snprintf(title, sizeof title, "%s", c->s->name ? c->s->name : "");
    props.title = title;
    props.subject = (char *)XT(c, doc_subject);
    props.author = doc_author;
    props.comments = (char *)XT(c, doc_comments);
    /* A fixed creation date makes the bytes depend on the inputs only. */
    props.created = c->in->epoch;
    mlroi_xlsx_check(c, workbook_set_properties(c->wb, &props));

    mlroi_xlsx_formats(c);
    c->summary = add_sheet(c, XL_SUMMARY);
    c->inputs = add_sheet(c, XL_INPUTS);
    c->assume = add_sheet(c, XL_ASSUME);
    if (r->roi.present)
        c->quick = add_sheet(c, XL_QUICK);
    if (r->bcase.present)
        c->bcase = add_sheet(c, XL_BCASE);
    if (r->bcase.present && c->s->bc.has_lines)
        c->lines = add_sheet(c, XL_LINES);
    if (r->maturity.present)
        c->maturity = add_sheet(c, XL_MATURITY);
    if (r->team.present)
        c->team = add_sheet(c, XL_TEAM);
    if (r->tco.present)
        c->tco = add_sheet(c, XL_TCO);
    if (r->chargeback.present)
        c->chargeback = add_sheet(c, XL_CHARGEBACK);
    if (c->in->tornado || c->in->sweep || c->in->grid)
        c->sens = add_sheet(c, XL_SENS);
    if (c->in->mc)
        c->mc = add_sheet(c, XL_MC);
    c->checks = add_sheet(c, XL_CHECKS);
    c->data = add_sheet(c, XL_DATA);

    /* Filled in dependency order: each sheet records where its figures are. */
    if (c->err == MLROI_OK)
        mlroi_xlsx_assumptions_setup(c);
    if (c->err == MLROI_OK)
        mlroi_xlsx_inputs(c);
    if (c->err == MLROI_OK && c->maturity)
        mlroi_xlsx_maturity(c);
    if (c->err == MLROI_OK && c->quick)
        mlroi_xlsx_quick(c);
    if (c->err == MLROI_OK && c->team)
        mlroi_xlsx_team(c);
    if (c->err == MLROI_OK && c->tco)
        mlroi_xlsx_tco(c);
    if (c->err == MLROI_OK && c->lines)
        mlroi_xlsx_lines(c);
    if (c->err == MLROI_OK && c->bcase)
        mlroi_xlsx_bcase(c);
    if (c->err == MLROI_OK && c->tco && r->vendor.present && r->vendor.recommended)
        mlroi_xlsx_vendor(c, c->tco, XL_TCO, c->tco_end_row, 95);
    if (c->err == MLROI_OK && c->chargeback)
        mlroi_xlsx_chargeback(c);
    if (c->err == MLROI_OK && c->sens)
        mlroi_xlsx_sensitivity(c);
    if (c->err == MLROI_OK && c->mc)
        mlroi_xlsx_montecarlo(c);
    if (c->err == MLROI_OK)
        mlroi_xlsx_integrity(c);
    if (c->err == MLROI_OK)
        mlroi_xlsx_data(c);
    if (c->err == MLROI_OK)
        mlroi_xlsx_summary(c);
    if (c->err == MLROI_OK)
        worksheet_activate(c->summary);
    return MLROI_OK;
}

static mlroi_error write_to(void *ctx, const char *tmp_path, mlroi_diags *diags)
{
    xl_ctx *c = ctx;
    mlroi_error err;
    lxw_error close_err;
    int why;

    c->diags = diags;
    err = build(c, tmp_path);
    if (err != MLROI_OK)
        return err;
    /* workbook_close frees the workbook whatever happens, so it runs on failure too. The
     * library prints its own "[ERROR]" lines about the temporary file on a failed write; the
     * diagnostic below says it once, naming the document, with the system's reason. */
    {
        int saved = dup(STDERR_FILENO), quiet = open("/dev/null", O_WRONLY);
        fflush(stderr);
        if (saved >= 0 && quiet >= 0)
            dup2(quiet, STDERR_FILENO);
        errno = 0;
        close_err = workbook_close(c->wb);
        why = errno;
        fflush(stderr);
        if (saved >= 0 && quiet >= 0)
            dup2(saved, STDERR_FILENO);
        if (saved >= 0)
            close(saved);
        if (quiet >= 0)
            close(quiet);
    }
    c->wb = NULL;
    if (c->err != MLROI_OK)
        return mlroi_diags_add(diags, c->err, tmp_path, 0, 0, "", "workbook: %s", c->err_text);
    if (c->lxerr != LXW_NO_ERROR)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "", "workbook: %s",
                               lxw_strerror(c->lxerr));
    if (close_err != LXW_NO_ERROR && why != 0)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "",
                               "cannot write the workbook: write error: %s", strerror(why));
    if (close_err != LXW_NO_ERROR)
        return mlroi_diags_add(diags, MLROI_ERR_IO, tmp_path, 0, 0, "",
                               "cannot write the workbook: %s", lxw_strerror(close_err));
    return MLROI_OK;
}

mlroi_error mlroi_report_write_xlsx(const mlroi_report_input *in, const char *path,
                                    mlroi_diags *diags)
{
    xl_ctx *c = NULL;
    locale_t cloc = (locale_t)0, old = (locale_t)0;
    mlroi_error err = MLROI_OK;

    if (!in || !in->result || !in->result->scenario || !path) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path ? path : "", 0, 0, "",
                              "nothing to write");
        goto cleanup;
    }
    c = calloc(1, sizeof *c);
    if (c)
        c->names = calloc(XL_MAX_NAMES, sizeof *c->names);
    if (!c || !c->names) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "out of memory");
        goto cleanup;
    }
    c->in = in;
    c->r = in->result;
    c->s = in->result->scenario;
    c->diags = diags;
    err = mlroi_lang_builtin(in->lang ? in->lang : "en", &c->lang, diags);
    if (err != MLROI_OK)
        goto cleanup;
    /* The writer formats numbers with printf: a comma-decimal locale would corrupt the XML.
     * uselocale() switches this thread only, so other threads keep their locale. */
    cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (cloc == (locale_t)0) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "", "cannot set the C locale");
        goto cleanup;
    }
    old = uselocale(cloc);
    /* Devices, pipes and links are mlroi_write_atomic's to handle, as for the PDF. */
    err = mlroi_write_atomic(path, write_to, c, diags);
    uselocale(old);
cleanup:
    if (cloc != (locale_t)0)
        freelocale(cloc);
    if (c && c->wb)
        lxw_workbook_free(c->wb);
    if (c) {
        mlroi_lang_free(c->lang);
        free(c->names);
        free(c->line_rows);
    }
    free(c);
    return err;
}
