import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ADDONS = os.path.join(ROOT, "addons")
LOHI_MODULES = (
    "lohi_clients",
    "lohi_appointments",
    "lohi_lab",
    "lohi_stock",
    "lohi_callcenter",
    "lohi_surveys",
)
PY = sys.executable
