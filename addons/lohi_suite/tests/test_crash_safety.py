import datetime
import os
import select
import signal
import subprocess
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

CLIENTS = 20
# Run in a separate Odoo process on the test database, as the cron worker would: the
# birthday cron (CLI-13) for DAY, committed at the end like a cron job. With KILL, the
# process stops for good after the care events are written in its transaction (the
# activities and SMS before them), to be killed there with SIGKILL.
SCRIPT = """
import datetime, time
DAY = datetime.date.fromisoformat({day!r})
if {kill!r}:
    CareEvent = type(env["lohi.care.event"])
    original = CareEvent.create

    def create_then_hang(self, vals_list):
        records = original(self, vals_list)
        self.env.flush_all()
        print("LOHI_MIDRUN", len(records), flush=True)
        time.sleep(600)
        return records

    CareEvent.create = create_then_hang
env["res.partner"]._cron_lohi_birthdays(today=DAY)
env.cr.commit()
print("LOHI_DONE", flush=True)
"""


@tagged("post_install", "-at_install")
class TestCrashSafety(TransactionCase):
    """Issue 11, crash safety: the birthday cron killed with SIGKILL in the middle of its
    run (activities, SMS and care events written but not committed) leaves nothing
    behind; run again it does the whole work once; a third run does nothing more."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT DISTINCT lohi_birthday_md FROM res_partner "
                "WHERE lohi_birthday_md IS NOT NULL"
            )
            taken = {row[0] for row in cr.fetchall()}
        day = datetime.date(2031, 1, 1)
        while day.strftime("%m-%d") in taken or day.strftime("%m-%d") in ("02-28", "03-01"):
            day += datetime.timedelta(days=1)
        self.day = day
        self.key = str(day.year)

        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            ref = env.ref
            clients = env["res.partner"].create(
                [
                    {
                        "name": f"崩溃测试{index:02d}",
                        "lohi_is_client": True,
                        "lohi_birthdate": day.replace(year=1970 + index).isoformat(),
                        "mobile": f"139 0000 {index:04d}",
                        "lohi_doctor_id": ref("lohi_clients.user_doctor_demo").id,
                        "lohi_health_manager_id": ref("lohi_clients.user_manager_demo").id,
                        "lohi_centre_id": ref("lohi_clients.lohi_centre_chaoyang_demo").id,
                        "lohi_source": "walk_in",
                        "lohi_remark": "crash-safety test",
                    }
                    for index in range(CLIENTS)
                ]
            )
            self.client_ids = clients.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.client_ids
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = 'res.partner' AND res_id = ANY(%s)",
                [ids],
            )
            cr.execute("DELETE FROM lohi_care_event WHERE partner_id = ANY(%s)", [ids])
            cr.execute("DELETE FROM lohi_sms_message WHERE partner_id = ANY(%s)", [ids])
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id = ANY(%s)", [ids]
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'res.partner' AND res_id = ANY(%s)",
                [ids],
            )
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [ids])
            cr.commit()  # pylint: disable=invalid-commit

    def _state(self):
        ids = self.client_ids
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT partner_id) FROM lohi_care_event "
                "WHERE partner_id = ANY(%s) AND kind = 'birthday' AND key = %s",
                [ids, self.key],
            )
            events = cr.fetchone()
            cr.execute(
                "SELECT count(*), count(DISTINCT partner_id) FROM lohi_sms_message "
                "WHERE partner_id = ANY(%s)",
                [ids],
            )
            sms = cr.fetchone()
            cr.execute(
                "SELECT count(*), count(DISTINCT res_id) FROM mail_activity "
                "WHERE res_model = 'res.partner' AND res_id = ANY(%s) AND date_deadline = %s",
                [ids, self.day],
            )
            activities = cr.fetchone()
        return {"care events": events, "sms": sms, "activities": activities}

    def _command(self, kill):
        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
        cmd = [sys.executable, odoo_bin, "shell", "-c", config.rcfile, "-d", self.dbname]
        return cmd + ["--log-level=error", "--no-http"], SCRIPT.format(
            day=self.day.isoformat(), kill=kill
        )

    def _run(self):
        cmd, script = self._command(kill=False)
        proc = subprocess.run(
            cmd, input=script, capture_output=True, text=True, timeout=600, check=False
        )
        self.assertIn("LOHI_DONE", proc.stdout, proc.stderr[-3000:])

    def _run_and_kill(self):
        cmd, script = self._command(kill=True)
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        proc.stdin.write(script)
        proc.stdin.close()
        deadline = time.monotonic() + 600
        seen = ""
        try:
            while time.monotonic() < deadline:
                ready, __, __ = select.select([proc.stdout], [], [], 5)
                if ready:
                    line = proc.stdout.readline()
                    if not line:
                        break
                    seen += line
                    if line.startswith("LOHI_MIDRUN"):
                        break
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            proc.stdout.close()
        self.assertIn("LOHI_MIDRUN", seen, "the cron reached the middle of its run")
        self.assertEqual(proc.returncode, -signal.SIGKILL)

    def test_birthday_cron_killed_mid_run(self):
        nothing = {"care events": (0, 0), "sms": (0, 0), "activities": (0, 0)}
        self.assertEqual(self._state(), nothing)
        self._run_and_kill()
        # the killed run left nothing half-written
        self.assertEqual(self._state(), nothing)
        # run again: every client once (nothing lost, no duplicate)
        self._run()
        once = {kind: (CLIENTS, CLIENTS) for kind in nothing}
        self.assertEqual(self._state(), once)
        # and once more: nothing more
        self._run()
        self.assertEqual(self._state(), once)
