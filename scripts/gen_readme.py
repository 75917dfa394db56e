"""Build each addon's README.rst from its manifest and readme/*.md fragments (as OCA's
oca-gen-addon-readme does). The fragments are written so that they are valid
reStructuredText too (bullets, *emphasis*).

Usage: gen_readme.py [--check]   (--check: exit 1 if a README.rst is out of date)
"""

import ast
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
ADDONS = os.path.join(ROOT, "addons")
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)


def render(module):
    path = os.path.join(ADDONS, module)
    with open(os.path.join(path, "__manifest__.py"), encoding="utf-8") as fh:
        manifest = ast.literal_eval(fh.read())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), "", manifest["summary"], ""]
    status = (
        f"*Version {manifest['version']} · License {manifest['license']} · "
        f"{manifest['development_status']}*"
    )
    out += [
        status,
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for fname, heading in SECTIONS:
        fpath = os.path.join(path, "readme", fname)
        if not os.path.isfile(fpath):
            continue
        with open(fpath, encoding="utf-8") as fh:
            body = fh.read().strip()
        if heading:
            out += [heading, "=" * len(heading), ""]
        out += [body, ""]
    out += ["Credits", "=======", "", f"Authors: {manifest['author']}", ""]
    return "\n".join(out)


def main(check):
    stale = []
    for module in sorted(os.listdir(ADDONS)):
        if not os.path.isfile(os.path.join(ADDONS, module, "__manifest__.py")):
            continue
        text = render(module)
        target = os.path.join(ADDONS, module, "README.rst")
        current = None
        if os.path.isfile(target):
            with open(target, encoding="utf-8") as fh:
                current = fh.read()
        if current != text:
            if check:
                stale.append(module)
            else:
                with open(target, "w", encoding="utf-8") as fh:
                    fh.write(text)
    if stale:
        print("README.rst out of date (run python scripts/gen_readme.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
