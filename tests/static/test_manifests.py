"""The layout and manifests of the six addons (platform; STYLE.md §1)."""

import ast
import csv
import os
import re
import subprocess
import sys

import pytest
from conftest import ADDONS, LOHI_MODULES, ROOT
from lxml import etree


def manifest(module):
    with open(os.path.join(ADDONS, module, "__manifest__.py"), encoding="utf-8") as fh:
        return ast.literal_eval(fh.read())


def test_layout():
    for path in ("addons", "config", "tests", "README.md", ".ci/run", "Makefile"):
        assert os.path.exists(os.path.join(ROOT, path)), path
    assert "lohi_clients" in LOHI_MODULES
    for module in LOHI_MODULES:
        assert module.startswith("lohi_"), f"{module}: every addon of the suite is named lohi_*"


@pytest.mark.parametrize("module", LOHI_MODULES)
def test_manifest_keys(module):
    data = manifest(module)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    for key in (
        "name",
        "summary",
        "license",
        "author",
        "website",
        "category",
        "development_status",
        "maintainers",
        "depends",
    ):
        assert data.get(key), f"{module}: {key}"
    assert "description" not in data
    # AGPL-3: the suite builds on AGPL OCA addons (base_tier_validation, report_xlsx).
    assert data["license"] == "AGPL-3"
    if module != "lohi_clients":
        assert "lohi_clients" in data["depends"], f"{module} must build on lohi_clients"
    for fname in data.get("data", []) + data.get("demo", []):
        assert os.path.isfile(os.path.join(ADDONS, module, fname)), f"{module}: {fname}"
    for frag in ("DESCRIPTION.md", "USAGE.md"):
        assert os.path.isfile(os.path.join(ADDONS, module, "readme", frag)), f"{module}: {frag}"


def test_no_circular_dependencies():
    deps = {m: [d for d in manifest(m)["depends"] if d in LOHI_MODULES] for m in LOHI_MODULES}
    state = {}

    def visit(node, stack):
        if state.get(node) == "done":
            return
        assert state.get(node) != "active", " -> ".join(stack + [node])
        state[node] = "active"
        for dep in deps[node]:
            visit(dep, stack + [node])
        state[node] = "done"

    for module in LOHI_MODULES:
        visit(module, [])


@pytest.mark.parametrize("module", LOHI_MODULES)
def test_security_before_access_and_every_acl_names_a_group(module):
    data = manifest(module).get("data", [])
    csv_path = os.path.join(ADDONS, module, "security", "ir.model.access.csv")
    if os.path.isfile(csv_path):
        idx = data.index("security/ir.model.access.csv")
        sec_xml = [
            i for i, f in enumerate(data) if f.startswith("security/") and f.endswith(".xml")
        ]
        assert all(i < idx for i in sec_xml if "rule" not in data[i]), data
        with open(csv_path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                assert row["group_id:id"].strip(), f"{module}: {row['id']} has no group"


@pytest.mark.parametrize("module", LOHI_MODULES)
def test_views_use_odoo18_syntax(module):
    for dirpath, _dirs, files in os.walk(os.path.join(ADDONS, module)):
        for fname in files:
            if not fname.endswith(".xml"):
                continue
            path = os.path.join(dirpath, fname)
            tree = etree.parse(path)
            assert not tree.xpath("//tree"), f"{path}: <tree> is <list> in 18.0"
            assert not tree.xpath("//@attrs|//@states[not(ancestor::field)]"), (
                f"{path}: attrs/states are gone in 18.0"
            )


def test_readme_rst_up_to_date():
    proc = subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts", "gen_readme.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout
