# SPDX-License-Identifier: MIT
"""The README's examples are real output: run every `$ build/mlroi ...` line of its code
blocks with the given binary and compare what it prints with the lines that follow it.

Usage: readme_check.py path/to/mlroi [README.md]
A command whose block shows no output, or an interactive session, is only run for its exit
status, and so is a `build/mlroi ...` line shown without a prompt (run in a scratch folder).
Exit status 0 when every example matches and every command succeeds, 1 otherwise."""

import difflib
import os
import re
import subprocess
import sys
import tempfile


def examples(text):
    """[(command, expected output)] from the fenced code blocks."""
    out = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        parts = re.split(r"(?m)^\$ (build/mlroi[^\n]*)\n", block)
        for i in range(1, len(parts), 2):
            out.append((parts[i], parts[i + 1]))
    return out


def plain_commands(text):
    """`build/mlroi ...` lines of code blocks shown without a prompt or output (the report
    commands): each must run and exit 0."""
    out = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("build/mlroi "):
                out.append(line.split("  #")[0].strip())
    return out


def run_plain(binary, cmds):
    """Run each command in a scratch folder holding the scenarios, so what it writes (out/,
    briefing.pdf) stays there. Returns the number of failures."""
    failures = 0
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(os.path.join(root, "scenarios"), os.path.join(tmp, "scenarios"))
        for cmd in cmds:
            args = cmd.replace("build/mlroi", os.path.abspath(binary), 1)
            r = subprocess.run(args, shell=True, capture_output=True, text=True, cwd=tmp)
            if r.returncode != 0:
                failures += 1
                print("FAIL README command exits %d: %s" % (r.returncode, cmd))
                for line in r.stderr.splitlines()[:5]:
                    print("    " + line)
    return failures


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    binary = argv[1]
    readme = argv[2] if len(argv) > 2 else "README.md"
    with open(readme, encoding="utf-8") as fh:
        cases = examples(fh.read())
    failures = 0
    for cmd, want in cases:
        if "--interactive" in cmd:
            continue   # shown with its answers typed in: tests/cli_assess.sh covers it
        args = cmd.replace("build/mlroi", binary, 1)
        r = subprocess.run(args, shell=True, capture_output=True, text=True)
        got = (r.stdout + r.stderr).strip()
        if want.strip() and got != want.strip():
            failures += 1
            print("FAIL README example: $ " + cmd)
            diff = difflib.unified_diff(want.strip().splitlines(), got.splitlines(),
                                        "README", "now", lineterm="")
            for line in list(diff)[:20]:
                print("    " + line)
        elif not want.strip() and r.returncode != 0:
            failures += 1
            print("FAIL README example exits %d: $ %s" % (r.returncode, cmd))
    with open(readme, encoding="utf-8") as fh:
        plain = plain_commands(fh.read())
    failures += run_plain(binary, plain)
    print("readme: %d examples and %d commands, %d failures" % (len(cases), len(plain), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
