"""Shared helpers of the benchmark: open an Odoo registry from the project's config,
time things, print progress. Imported by generate.py and run.py (run with the Odoo
virtualenv's python, ODOO_SRC on its path through the .pth that scripts/lib.sh writes).
"""

import contextlib
import logging
import os
import sys
import time
from datetime import UTC, datetime

import odoo
from odoo import SUPERUSER_ID, api

_logger = logging.getLogger("lohi.bench")

#: Context for bulk writes: no chatter messages, no tracking values, no invitation mails.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
    "mail_auto_subscribe_no_notify": True,
}


def open_registry(config_path, db_name, log_level="warn"):
    """Parse the Odoo config like odoo-bin does and return the database's registry."""
    odoo.tools.config.parse_config(["-c", config_path, "-d", db_name, f"--log-level={log_level}"])
    odoo.tools.config["workers"] = 0
    return odoo.modules.registry.Registry(db_name)


@contextlib.contextmanager
def environment(registry, uid=SUPERUSER_ID, context=None, commit=True):
    """A cursor and environment; commits at the end when ``commit`` else rolls back."""
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, dict(context or {}))
        try:
            yield env
        finally:
            if commit:
                cr.commit()
            else:
                cr.rollback()


def utcnow():
    """Now in UTC, naive, as Odoo stores datetimes."""
    return datetime.now(UTC).replace(tzinfo=None)


def progress(label, done, total, started):
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed else 0.0
    left = (total - done) / rate if rate else 0.0
    print(
        f"  {label}: {done:>9,}/{total:,}  {rate:8.0f}/s  elapsed {elapsed:6.0f}s  "
        f"left ~{left:5.0f}s",
        flush=True,
    )


def percentile(samples, pct):
    """Nearest-rank percentile of a list of numbers (pct in 0..100)."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, (round(pct / 100.0 * len(ordered) + 0.5)))
    return ordered[min(rank, len(ordered)) - 1]


def machine_description():
    cpu = "unknown CPU"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="utf-8") as handle:
        kb = int(handle.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {sys.version.split()[0]}"
