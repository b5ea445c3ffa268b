/* SPDX-License-Identifier: MIT */
/* Report logos: header, size and a full decode trial, so a bad file is an error, not an abort. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>

#include "mlroi/logo.h"

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* ---------------------------------------------------------------- PNG */

typedef struct png_trial {
    jmp_buf jump;
    char why[160];
} png_trial;

/* libpng requires the error callback not to return: jump back to the trial. */
static void png_on_error(png_structp png, png_const_charp msg)
{
    png_trial *t = png_get_error_ptr(png);
    snprintf(t->why, sizeof t->why, "%s", msg ? msg : "unknown error");
    longjmp(t->jump, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static mlroi_error check_png(FILE *f, const char *path, mlroi_diags *diags)
{
    png_trial t;
    png_structp png = NULL;
    png_infop info = NULL;
    unsigned char *volatile row = NULL;
    volatile mlroi_error err = MLROI_OK;
    png_uint_32 h;
    int passes;

    memset(&t, 0, sizeof t);
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &t, png_on_error, png_on_warning);
    if (png)
        info = png_create_info_struct(png);
    if (!png || !info) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "logo", "out of memory");
        goto cleanup;
    }
    if (setjmp(t.jump)) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                              "not a usable PNG image: %s", t.why);
        goto cleanup;
    }
    png_set_user_limits(png, MLROI_LOGO_MAX_SIDE, MLROI_LOGO_MAX_SIDE);
    png_init_io(png, f);
    png_read_info(png, info);
    h = png_get_image_height(png, info);
    /* The transforms libharu applies, so the trial reads what it will read. */
    png_set_strip_16(png);
    png_set_packing(png);
    png_set_expand(png);
    passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = malloc(png_get_rowbytes(png, info) ? png_get_rowbytes(png, info) : 1);
    if (!row) {
        err = mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "logo", "out of memory");
        goto cleanup;
    }
    for (int p = 0; p < passes; p++)
        for (png_uint_32 y = 0; y < h; y++)
            png_read_row(png, row, NULL);
    png_read_end(png, NULL);
cleanup:
    png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
    free(row);
    return err;
}

/* ---------------------------------------------------------------- JPEG */

typedef struct jpeg_trial {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char why[JMSG_LENGTH_MAX];
} jpeg_trial;

/* libjpeg's default error_exit calls exit(): jump back to the trial instead. */
static void jpeg_on_error(j_common_ptr cinfo)
{
    jpeg_trial *t = (jpeg_trial *)cinfo->err;
    cinfo->err->format_message(cinfo, t->why);
    longjmp(t->jump, 1);
}

/* Warnings (a corrupt stream libjpeg would paper over) count as errors: qpdf and viewers
 * complain about the same bytes. */
static void jpeg_on_message(j_common_ptr cinfo, int level)
{
    if (level < 0)
        jpeg_on_error(cinfo);
}

static mlroi_error check_jpeg(FILE *f, const char *path, mlroi_diags *diags)
{
    struct jpeg_decompress_struct cinfo;
    jpeg_trial t;
    JSAMPARRAY rows;
    volatile mlroi_error err = MLROI_OK;

    memset(&t, 0, sizeof t);
    cinfo.err = jpeg_std_error(&t.pub);
    t.pub.error_exit = jpeg_on_error;
    t.pub.emit_message = jpeg_on_message;
    if (setjmp(t.jump)) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                              "not a usable JPEG image: %s", t.why);
        goto cleanup;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > MLROI_LOGO_MAX_SIDE || cinfo.image_height > MLROI_LOGO_MAX_SIDE) {
        err = mlroi_diags_add(diags, MLROI_ERR_LIMIT, path, 0, 0, "logo",
                              "the image is %ux%u pixels; logos are limited to %ux%u",
                              (unsigned)cinfo.image_width, (unsigned)cinfo.image_height,
                              MLROI_LOGO_MAX_SIDE, MLROI_LOGO_MAX_SIDE);
        goto cleanup;
    }
    /* The PDF embeds the bytes as DCTDecode with DeviceGray, DeviceRGB or DeviceCMYK. */
    if (cinfo.num_components != 1 && cinfo.num_components != 3 && cinfo.num_components != 4) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                              "not a usable JPEG image: %d colour components "
                              "(expected 1, 3 or 4)", cinfo.num_components);
        goto cleanup;
    }
    jpeg_start_decompress(&cinfo);
    rows = cinfo.mem->alloc_sarray((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                   cinfo.output_width * (JDIMENSION)cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height)
        jpeg_read_scanlines(&cinfo, rows, 1);
    jpeg_finish_decompress(&cinfo);
cleanup:
    jpeg_destroy_decompress(&cinfo);
    return err;
}

/* ---------------------------------------------------------------- both */

mlroi_error mlroi_logo_check(const char *path, mlroi_diags *diags)
{
    static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char head[8];
    struct stat st;
    bool png = ends_with_ci(path, ".png");
    bool jpeg = ends_with_ci(path, ".jpg") || ends_with_ci(path, ".jpeg");
    mlroi_error err = MLROI_OK;
    FILE *f = NULL;
    size_t got;
    int fd;

    if (!png && !jpeg)
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                               "expected a .png, .jpg or .jpeg file");
    /* O_NONBLOCK: a FIFO named like a logo must not stall the run. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "logo", "cannot open the logo: %s",
                               strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                               "not a regular file: a logo is a PNG or JPEG file");
    }
    if ((unsigned long long)st.st_size > MLROI_LOGO_MAX_BYTES) {
        close(fd);
        return mlroi_diags_add(diags, MLROI_ERR_LIMIT, path, 0, 0, "logo",
                               "the file is %lld bytes; logos are limited to %u bytes",
                               (long long)st.st_size, MLROI_LOGO_MAX_BYTES);
    }
    f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return mlroi_diags_add(diags, MLROI_ERR_NOMEM, path, 0, 0, "logo", "out of memory");
    }
    got = fread(head, 1, sizeof head, f);
    if (got == 0 && ferror(f)) {
        err = mlroi_diags_add(diags, MLROI_ERR_IO, path, 0, 0, "logo",
                              "cannot read the logo: %s", strerror(errno));
        goto cleanup;
    }
    if (got == 0) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                              "the file is empty: expected a %s image", png ? "PNG" : "JPEG");
        goto cleanup;
    }
    if (png ? got < 8 || memcmp(head, png_magic, 8) != 0
            : got < 3 || head[0] != 0xFF || head[1] != 0xD8 || head[2] != 0xFF) {
        err = mlroi_diags_add(diags, MLROI_ERR_INVALID, path, 0, 0, "logo",
                              "not a %s image (the file does not start with the %s "
                              "signature)", png ? "PNG" : "JPEG", png ? "PNG" : "JPEG");
        goto cleanup;
    }
    rewind(f);
    err = png ? check_png(f, path, diags) : check_jpeg(f, path, diags);
cleanup:
    fclose(f);
    return err;
}
