#!/usr/bin/python3
"""Print the number of the page of a briefing that holds the cash-flow table (the heading
"Cash flows: risk-adjusted, then unadjusted", or its translation), for `make examples`.

    tests/cash_flow_page.py briefing.fr.pdf fr   ->  3
"""
import json
import subprocess
import sys

KEY = "Cash flows: risk-adjusted, then unadjusted"


def heading(lang):
    if lang == "en":
        return KEY
    with open("templates/lang/%s.json" % lang, encoding="utf-8") as fh:
        return json.load(fh)["strings"][KEY]


def main():
    pdf, lang = sys.argv[1], sys.argv[2]
    want = " ".join(heading(lang).split())
    text = subprocess.run(["pdftotext", "-q", pdf, "-"], check=True,
                          capture_output=True, text=True).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        if want in " ".join(page.split()):
            print(number)
            return 0
    print("%s: no page holds \"%s\"" % (pdf, want), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
