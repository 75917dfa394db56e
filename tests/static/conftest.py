import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ADDONS = os.path.join(ROOT, "addons")
LOHI_MODULES = tuple(
    sorted(
        d for d in os.listdir(ADDONS) if os.path.isfile(os.path.join(ADDONS, d, "__manifest__.py"))
    )
)
PY = sys.executable
