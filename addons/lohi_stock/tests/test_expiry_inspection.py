from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.lohi_clients.tests.common import rolled_back, run_cron_in_batches

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestExpiryInspection(LohiStockCommon):
    """STK-9: biweekly inspection; one to-do per near-expiry lot, a summary to
    leadership; running twice does nothing twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.central.lohi_keeper_id = cls.keeper
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("lohi_stock.expiry_window_days", 45)
        # the demo data already ran today's inspection
        params.set_param("lohi_stock.expiry_summary_date", False)
        cls.near = cls._lot(cls.q10, "Q10-NEAR", 20)
        cls.expired = cls._lot(cls.q10, "Q10-GONE", -2)
        cls.far = cls._lot(cls.q10, "Q10-FAR", 200)
        cls.empty = cls._lot(cls.q10, "Q10-EMPTY", 10)
        for lot in (cls.near, cls.expired, cls.far):
            cls._stock(cls.q10, cls.central_cold, 3, lot)
        cls.activity_type = cls.env.ref("lohi_stock.mail_activity_type_expiry_check")

    def _activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "stock.lot"),
                ("activity_type_id", "=", self.activity_type.id),
                ("res_id", "in", (self.near | self.expired | self.far | self.empty).ids),
            ]
        )

    def _summaries(self):
        return self.env["mail.message"].search(
            [("partner_ids", "in", self.leader.partner_id.ids), ("body", "ilike", "Q10-NEAR")]
        )

    def test_cron_flags_near_expiry_lots_once(self):
        self.env["stock.lot"]._cron_lohi_expiry_inspection()
        activities = self._activities()
        self.assertEqual(set(activities.mapped("res_id")), {self.near.id, self.expired.id})
        self.assertEqual(activities.user_id, self.keeper)
        self.assertEqual(len(self._summaries()), 1)
        # a second run the same day creates nothing more
        self.env["stock.lot"]._cron_lohi_expiry_inspection()
        self.assertEqual(self._activities(), activities)
        self.assertEqual(len(self._summaries()), 1)

    def test_window_is_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param("lohi_stock.expiry_window_days", 365)
        self.env["stock.lot"]._cron_lohi_expiry_inspection()
        self.assertIn(self.far.id, self._activities().mapped("res_id"))

    def test_next_inspection_reports_again_but_keeps_open_todos(self):
        self.env["stock.lot"]._cron_lohi_expiry_inspection()
        with freeze_time(fields.Datetime.now() + timedelta(days=14)):
            # two weeks on: a new summary, no duplicate to-dos
            self.env["stock.lot"]._cron_lohi_expiry_inspection()
        self.assertEqual(len(self._activities()), 2)
        self.assertEqual(len(self._summaries()), 2)

    def test_inspection_in_batches(self):
        """Issue 10/11: at most ``batch`` to-dos per call, the lots left counted for the
        cron worker, the summary sent once after the last batch; batched runs flag
        exactly the lots one run flags."""
        for i in range(4):
            lot = self._lot(self.q10, f"Q10-BATCH-{i}", 5 + i)
            self._stock(self.q10, self.central_cold, 1, lot)
        Lot = self.env["stock.lot"]
        Activity = self.env["mail.activity"]

        def flagged():
            todos = Activity.search(
                [("res_model", "=", "stock.lot"), ("activity_type_id", "=", self.activity_type.id)]
            )
            return sorted((a.res_id, a.user_id.id, a.summary) for a in todos)

        before = flagged()
        expected = rolled_back(
            self, lambda: (Lot._cron_lohi_expiry_inspection(), flagged(), len(self._summaries()))
        )
        self.assertEqual(expected[2], 1)
        runs = run_cron_in_batches(
            self, "lohi_stock.ir_cron_expiry_inspection", Lot, "_cron_lohi_expiry_inspection", 2
        )
        self.assertEqual(flagged(), expected[1])
        self.assertEqual(sum(done for done, _left in runs), len(expected[1]) - len(before))
        self.assertGreaterEqual(len(runs), 3)
        self.assertEqual(len(self._summaries()), 1)
