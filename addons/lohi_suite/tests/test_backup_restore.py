import os
import shutil
import subprocess
import sys
import tempfile
import uuid

import odoo
from odoo.sql_db import close_db, db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, config

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BACKUP = os.path.join(ROOT, "scripts", "backup.sh")
RESTORE = os.path.join(ROOT, "scripts", "restore.sh")
# Tables of the key documents of the chain, compared row for row after the round trip.
KEY_MODELS = (
    "res.partner",
    "res.users",
    "lohi.centre",
    "lohi.consultation",
    "lohi.complaint",
    "lohi.appointment",
    "lohi.lab.order",
    "lohi.lab.report",
    "lohi.lab.result",
    "lohi.lab.order.log",
    "lohi.call",
    "stock.quant",
    "stock.lot",
    "stock.request.order",
    "lohi.stock.destruction",
    "tier.review",
    "survey.user_input",
    "lohi.access.log",
    "ir.attachment",
)
# Rendered in the restored database by a separate Odoo process: a real PDF (wkhtmltopdf),
# and a lab report PDF read back from the restored filestore.
RENDER = """
import base64
order = env["lohi.lab.order"].search([], limit=1, order="id")
pdf, kind = env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
    "lohi_lab.lohi_lab_order_report_action", order.ids
)
print("LOHI_PDF", kind, pdf[:5].decode(), len(pdf))
report = env["lohi.lab.report"].search([], limit=1, order="id")
print("LOHI_REPORT", base64.b64decode(report.pdf or b"")[:5].decode() if report else "none")
"""


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    """Issue 11, backup and restore: scripts/backup.sh dumps this test database (what is
    committed: the demo data) with its filestore, scripts/restore.sh restores it into a
    new database; the key tables have the same rows, every stored attachment file is back,
    and a report renders as a PDF in the restored database."""

    def setUp(self):
        super().setUp()
        if not (os.path.isfile(BACKUP) and os.path.isfile(RESTORE)):
            self.skipTest("scripts/backup.sh and scripts/restore.sh are not in this checkout")
        self.source = self.env.cr.dbname
        self.target = f"{self.source}_restored_{uuid.uuid4().hex[:6]}"
        self.folder = tempfile.mkdtemp(prefix="lohi-backup-")
        self.data_dir = config["data_dir"]
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        close_db(self.target)
        with db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(f'DROP DATABASE IF EXISTS "{self.target}" WITH (FORCE)')
        shutil.rmtree(os.path.join(self.data_dir, "filestore", self.target), ignore_errors=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _script(self, *args):
        env = dict(
            os.environ,
            LOHI_DATA_DIR=self.data_dir,
            LOHI_PG_PORT=str(config["db_port"] or 5432),
        )
        proc = subprocess.run(
            ["bash", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        self.assertEqual(proc.returncode, 0, f"{args}:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def _counts(self, dbname):
        counts = {}
        with db_connect(dbname).cursor() as cr:
            for model in KEY_MODELS:
                cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(self.env[model]._table)))
                counts[model] = cr.fetchone()[0]
            cr.execute(
                "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL "
                "ORDER BY store_fname"
            )
            files = [row[0] for row in cr.fetchall()]
        return counts, files

    def test_round_trip(self):
        backup = os.path.join(self.folder, "backup")
        self._script(BACKUP, self.source, backup)
        self.assertTrue(os.path.getsize(os.path.join(backup, "db.dump")))
        self._script(RESTORE, backup, self.target)
        # a restore never overwrites: the same name again is refused
        again = subprocess.run(
            ["bash", RESTORE, backup, self.target],
            cwd=ROOT,
            env=dict(os.environ, LOHI_DATA_DIR=self.data_dir, LOHI_PG_PORT=str(config["db_port"])),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        self.assertEqual(again.returncode, 2, again.stderr)
        self.assertIn("already exists", again.stderr)

        source_counts, source_files = self._counts(self.source)
        target_counts, target_files = self._counts(self.target)
        self.assertEqual(target_counts, source_counts)
        self.assertGreater(source_counts["lohi.lab.order"], 0, "demo data expected")
        self.assertEqual(target_files, source_files)
        stores = (
            os.path.join(self.data_dir, "filestore", self.source),
            os.path.join(self.data_dir, "filestore", self.target),
        )
        present = [
            [fname for fname in source_files if os.path.isfile(os.path.join(store, fname))]
            for store in stores
        ]
        self.assertEqual(present[1], present[0], "every stored file of the source is restored")
        self.assertTrue(present[1], "the filestore holds files (report PDFs, images)")

        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
        proc = subprocess.run(
            [sys.executable, odoo_bin, "shell", "-c", config.rcfile, "-d", self.target]
            + ["--log-level=error", "--no-http"],
            input=RENDER,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        lines = {
            line.split()[0]: line.split()[1:]
            for line in proc.stdout.splitlines()
            if line.startswith("LOHI_")
        }
        self.assertEqual(lines.get("LOHI_PDF", [None])[:2], ["pdf", "%PDF-"], proc.stderr[-2000:])
        self.assertGreater(int(lines["LOHI_PDF"][2]), 1000)
        if source_counts["lohi.lab.report"]:
            self.assertEqual(lines.get("LOHI_REPORT"), ["%PDF-"], proc.stderr[-2000:])
