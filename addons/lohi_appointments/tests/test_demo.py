from datetime import timedelta
from itertools import pairwise

import pytz

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoWeek(TransactionCase):
    """Issue 4 / X-2: the demo shows a realistic fortnight for several doctors and centres,
    with appointments in every state, and never a double booking."""

    def test_demo_fortnight(self):
        if not self.env.ref("lohi_appointments.lohi_doctor_schedule_zhao_haidian_demo", False):
            self.skipTest("database without demo data")
        clients = self.env.ref("lohi_appointments.res_partner_client_wangfang_demo")
        demo = self.env["lohi.appointment"].search(
            [("create_uid", "=", self.env.ref("base.user_root").id)]
        )
        demo = demo.filtered(lambda a: a.create_date <= clients.create_date + timedelta(hours=1))
        # this addon's demo clients only: the portal addons book demo visits of their own
        own = self.env["ir.model.data"].search(
            [("module", "=", "lohi_appointments"), ("model", "=", "res.partner")]
        )
        demo = demo.filtered(lambda a: a.partner_id.id in own.mapped("res_id"))
        self.assertGreaterEqual(len(demo.doctor_id), 3)
        self.assertGreaterEqual(len(demo.centre_id), 3)
        states = set(demo.mapped("state"))
        self.assertLessEqual(
            {"requested", "confirmed", "arrived", "done", "cancelled", "no_show"}, states
        )
        self.assertGreaterEqual(len(demo.mapped("visit_type")), 3)
        # this week and next, in the centres' calendar
        today = (
            pytz.utc.localize(fields.Datetime.now())
            .astimezone(pytz.timezone("Asia/Shanghai"))
            .date()
        )
        monday = today - timedelta(days=today.weekday() + 7)
        self.assertTrue(demo.filtered(lambda a: a.local_date < today))
        self.assertTrue(demo.filtered(lambda a: a.local_date > today + timedelta(days=6)))
        self.assertTrue(all(monday <= a.local_date <= monday + timedelta(days=21) for a in demo))
        self.assertTrue(demo.filtered("reschedule_count"))
        # several a day per doctor, and the exclusion constraint held
        live = demo.filtered(lambda a: a.state in ("requested", "confirmed", "arrived", "done"))
        for doctor in live.doctor_id:
            mine = live.filtered(lambda a, d=doctor: a.doctor_id == d).sorted("start")
            for earlier, later in pairwise(mine):
                self.assertLessEqual(earlier.stop, later.start)
