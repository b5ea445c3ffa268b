/* SPDX-License-Identifier: MIT */
/* Report logos checked before the PDF library sees them. */
#ifndef MLROI_LOGO_H
#define MLROI_LOGO_H

#include "mlroi/error.h"

/* Largest logo file and picture the check accepts. */
#define MLROI_LOGO_MAX_BYTES  (16u * 1024u * 1024u)
#define MLROI_LOGO_MAX_SIDE   10000u

/* Check that PATH is a regular file holding a PNG (name ending ".png") or a baseline or
 * progressive JPEG (".jpg" / ".jpeg", any case) whose header agrees with its name, within the
 * limits above, and that it decodes to its last row. libharu hands a malformed PNG to libpng,
 * which then aborts the process; this check runs first, with error handlers that return.
 * Returns MLROI_OK, MLROI_ERR_IO (cannot open or read) or MLROI_ERR_INVALID / MLROI_ERR_LIMIT
 * with a diag on PATH, key "logo". Nothing is allocated for the caller. */
mlroi_error mlroi_logo_check(const char *path, mlroi_diags *diags);

#endif
