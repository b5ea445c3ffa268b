# SPDX-License-Identifier: MIT
"""Reference for `mlroi grid FILE --x P:A:B:N --y Q:C:D:M --format json`: the same NPV
matrix with numpy, written with json.dump (make bench times the two as whole processes).
Usage: grid_numpy.py FILE P:A:B:N Q:C:D:M [--check MLROI.json]"""
import json
import sys

import numpy as np

import model


def axis(spec):
    path, a, b, n = spec.rsplit(":", 3)
    n = int(n)
    return path, float(a) + (float(b) - float(a)) * (np.arange(n) / (n - 1))


def main(argv):
    _, fig = model.load(argv[1])
    (xp, xv), (yp, yv) = axis(argv[2]), axis(argv[3])
    fig[xp] = xv[None, :]
    fig[yp] = yv[:, None]
    npv = np.broadcast_to(model.npv(fig), (len(yv), len(xv)))
    doc = {"metric": "npv", "x": {"param": xp, "values": xv.tolist()},
           "y": {"param": yp, "values": yv.tolist()}, "matrix": npv.tolist()}
    if len(argv) > 5 and argv[4] == "--check":
        with open(argv[5], encoding="utf-8") as f:
            got = json.load(f)
        for key in ("x", "y"):
            if not np.allclose(got[key]["values"], doc[key]["values"], rtol=1e-12, atol=0):
                raise SystemExit("grid_numpy: the %s axis differs from mlroi's" % key)
        m = np.array(got["matrix"], dtype=float)
        rel = np.max(np.abs(m - npv) / np.maximum(np.abs(npv), 1.0))
        print("grid check: %d x %d cells, largest relative difference %.2g" % (m.shape + (rel,)))
        return 0 if m.shape == npv.shape and rel <= 1e-9 else 1
    json.dump(doc, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
