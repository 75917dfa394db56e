"""pytest-odoo glue for the addons' TransactionCase tests.

- HttpCase tests (browser, HTTP endpoints) are left to Odoo's own runner, which starts
  the HTTP server and Chromium (scripts/test.sh runs them with --test-tags lohi_http).
- A test that makes Odoo log an ERROR, or a WARNING it did not expect (tests expect one
  with ``self.assertLogs`` or ``odoo.tools.mute_logger``), fails.
"""

import logging

import pytest

try:
    from odoo.tests import HttpCase
except ImportError:  # collected without Odoo: nothing to adapt
    HttpCase = None


def pytest_collection_modifyitems(config, items):
    if HttpCase is None:
        return
    keep, drop = [], []
    for item in items:
        cls = getattr(item, "cls", None)
        (drop if cls and issubclass(cls, HttpCase) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_log():
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    if collector.records:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in collector.records)
        pytest.fail(f"unexpected log records during the test:\n{lines}", pytrace=False)
