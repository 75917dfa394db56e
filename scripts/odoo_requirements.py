"""Print ODOO_SRC/requirements.txt without the packages the overrides file replaces.

Usage: odoo_requirements.py ODOO_REQUIREMENTS OVERRIDES
"""

import re
import sys


def names(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                yield re.split(r"[=<>!~; \[]", line, maxsplit=1)[0].lower(), line


def main(odoo_req, overrides):
    replaced = {name for name, _line in names(overrides)}
    for name, line in names(odoo_req):
        if name not in replaced:
            print(line)


if __name__ == "__main__":
    main(*sys.argv[1:3])
