"""Lint (STYLE.md §5): ruff and the OCA-mandatory pylint-odoo checks must be silent."""

import os
import subprocess

from conftest import ADDONS, LOHI_MODULES, PY, ROOT

PY_PATHS = ["addons", "scripts", "tests"]


def _run(args):
    return subprocess.run(args, check=False, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_check():
    proc = _run([PY, "-m", "ruff", "check", "--no-fix", *PY_PATHS])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format():
    proc = _run([PY, "-m", "ruff", "format", "--check", *PY_PATHS])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pylint_odoo_mandatory():
    modules = [os.path.join(ADDONS, m) for m in LOHI_MODULES]
    proc = _run([PY, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *modules])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _oca_hook(name):
    return os.path.join(os.path.dirname(PY), name)


def test_oca_checks_odoo_module():
    manifests = [os.path.join(ADDONS, m, "__manifest__.py") for m in LOHI_MODULES]
    proc = _run([_oca_hook("oca-checks-odoo-module"), "--no-verbose", *manifests])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_oca_checks_po():
    po_files = []
    for module in LOHI_MODULES:
        i18n = os.path.join(ADDONS, module, "i18n")
        if os.path.isdir(i18n):
            po_files += [
                os.path.join(i18n, f) for f in os.listdir(i18n) if f.endswith((".po", ".pot"))
            ]
    assert po_files, "no translation files"
    proc = _run([_oca_hook("oca-checks-po"), "--no-verbose", *po_files])
    assert proc.returncode == 0, proc.stdout + proc.stderr
