import base64
import io
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import lohi_stock_count as count_module
from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestMonthEndCount(LohiStockCommon):
    """STK-10 库房盘点: opened on the last two days of the month, counted on the xlsx
    sheet, differences explained, finance then leadership approve, the keeper applies
    them through Odoo's inventory mode and near-expiry lots are marked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Count = cls.env["lohi.stock.count"]
        # other warehouses (demo) are not the subject here: count only ours
        # expiry dates relative to the frozen count days (end of January 2026)
        Lot = cls.env["stock.lot"]
        cls.oil_near = Lot.create(
            {
                "name": "YY-CNT-NEAR",
                "product_id": cls.fish_oil.id,
                "expiration_date": "2026-03-01 00:00:00",
            }
        )
        cls.oil_fresh = Lot.create(
            {
                "name": "YY-CNT-FRESH",
                "product_id": cls.fish_oil.id,
                "expiration_date": "2028-06-30 00:00:00",
            }
        )
        cls.q10_lot = Lot.create(
            {"name": "Q10-CNT", "product_id": cls.q10.id, "expiration_date": "2028-01-31 00:00:00"}
        )
        cls._stock(cls.fish_oil, cls.central_ambient, 10, cls.oil_near)
        cls._stock(cls.fish_oil, cls.central_ambient, 30, cls.oil_fresh)
        cls._stock(cls.q10, cls.central_cold, 12, cls.q10_lot)
        cls._stock(cls.fish_oil, cls.branch_ambient, 5, cls.oil_fresh)

    def _open(self, day="2026-01-30 03:00:00"):
        with freeze_time(day):
            return self.Count._lohi_open_counts(
                self.central | self.branch, self.Count._lohi_today()
            )

    def _central(self, counts):
        return counts.filtered(lambda c: c.warehouse_id == self.central)

    def _line(self, count, lot):
        return count.line_ids.filtered(lambda line: line.lot_id == lot)

    def _count_all(self, count, user=None, **diffs):
        """Enter counted = system for every line, except the lots given as
        name=(qty, reason)."""
        user = user or self.keeper
        for line in count.line_ids:
            qty, reason = diffs.get(
                line.lot_id.name.replace("-", "_"), (line.theoretical_qty, False)
            )
            line.with_user(user).write({"counted_qty": qty, "reason": reason})

    def _approve(self, count):
        count.with_user(self.finance).validate_tier()
        count.with_user(self.leader).validate_tier()

    # ------------------------------------------------------------------ cron
    def test_cron_opens_only_on_the_last_two_days_and_once(self):
        warehouses = self.env["stock.warehouse"].search([])
        with freeze_time("2026-01-15 03:00:00"):
            self.assertFalse(self.Count._cron_lohi_open_month_end_counts())
        self.assertFalse(self.Count.search([("period", "=", "2026-01")]))
        with (
            freeze_time("2026-01-30 03:00:00"),
            patch.object(count_module._logger, "info") as log,
        ):
            counts = self.Count._cron_lohi_open_month_end_counts()
        self.assertIn("opened", log.call_args[0][0])
        self.assertEqual(counts.warehouse_id, warehouses)
        central = self._central(counts)
        self.assertEqual(central.period, "2026-01")
        self.assertTrue(central.name.startswith("PD202601-"))
        self.assertEqual(str(central.date), "2026-01-30")
        self.assertEqual(central.state, "counting")
        self.assertEqual(sorted(central.line_ids.mapped("theoretical_qty")), [10.0, 12.0, 30.0])
        self.assertTrue(central.activity_ids, "the keeper gets a to-do for the count")
        # the last day of the month: nothing opened twice (idempotent)
        with freeze_time("2026-01-31 03:00:00"):
            again = self.Count._cron_lohi_open_month_end_counts()
        self.assertFalse(again)
        self.assertEqual(self.Count.search_count([("warehouse_id", "=", self.central.id)]), 1)
        # February 2026 has 28 days: the 27th opens the next month's count
        with freeze_time("2026-02-26 03:00:00"):
            self.assertFalse(self.Count._cron_lohi_open_month_end_counts())
        with freeze_time("2026-02-27 03:00:00"):
            self.assertTrue(self._central(self.Count._cron_lohi_open_month_end_counts()))

    def test_open_by_hand_keeper_only_and_on_count_days(self):
        with freeze_time("2026-03-30 03:00:00"):
            with self.assertRaises(AccessError):
                self.Count.with_user(self.doctor).action_lohi_open_now([self.central.id])
            with self.assertRaises(AccessError):
                self.Count.with_user(self.finance).create(
                    {"warehouse_id": self.central.id, "period": "2026-03", "date": "2026-03-30"}
                )
            self.Count.with_user(self.keeper).action_lohi_open_now([self.central.id])
        self.assertTrue(self.Count.search([("warehouse_id", "=", self.central.id)]))
        with freeze_time("2026-03-12 03:00:00"), self.assertRaises(UserError):
            self.Count.with_user(self.keeper).action_lohi_open_now([self.central.id])

    # ------------------------------------------------------------------ sheet
    def test_count_sheet_xlsx_round_trip(self):
        count = self._central(self._open())
        content, report_type = self.env["ir.actions.report"]._render(
            "lohi_stock.action_report_count_sheet_xlsx", count.ids
        )
        self.assertEqual(report_type, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book.worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual({row[0] for row in rows}, set(count.line_ids.ids))
        near = self._line(count, self.oil_near)
        for index, row in enumerate(sheet.iter_rows(min_row=2), start=2):
            line_id, system = row[0].value, row[7].value
            sheet.cell(index, 9).value = system - 2 if line_id == near.id else system
            if line_id == near.id:
                sheet.cell(index, 10).value = "外包装破损两盒"
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = (
            self.env["lohi.stock.count.import"]
            .with_user(self.keeper)
            .create({"count_id": count.id, "file": base64.b64encode(buffer.getvalue())})
        )
        wizard.action_import()
        self.assertTrue(all(count.line_ids.mapped("is_counted")))
        self.assertEqual(near.counted_qty, 8)
        self.assertEqual(near.difference_qty, -2)
        self.assertEqual(near.reason, "外包装破损两盒")
        self.assertEqual(count.difference_count, 1)
        # a doctor cannot enter counts, even through the sheet
        wizard = (
            self.env["lohi.stock.count.import"]
            .sudo()
            .create({"count_id": count.id, "file": base64.b64encode(buffer.getvalue())})
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.doctor).sudo(False).action_import()

    # ------------------------------------------------------------------ flow
    def test_full_flow_finance_then_leadership_then_apply(self):
        count = self._central(self._open())
        # nobody but the keeper and the product department enters counts
        with self.assertRaises(AccessError):
            count.line_ids[:1].with_user(self.doctor).write({"counted_qty": 1})
        with self.assertRaises(AccessError):
            count.line_ids[:1].with_user(self.finance).write({"counted_qty": 1})
        with self.assertRaises(AccessError):
            count.line_ids[:1].with_user(self.keeper).write({"theoretical_qty": 1})
        # incomplete: refused
        with freeze_time("2026-01-30 08:00:00"), self.assertRaises(UserError):
            count.with_user(self.keeper).action_submit()
        self._count_all(count, YY_CNT_NEAR=(8, False), Q10_CNT=(13, False))
        # a difference without a reason: refused
        with freeze_time("2026-01-30 08:00:00"), self.assertRaises(UserError):
            count.with_user(self.keeper).action_submit()
        # the product manager helps find the causes
        self._line(count, self.oil_near).with_user(self.product_manager).write(
            {"reason": "两盒破损，已转待销毁区"}
        )
        self._line(count, self.q10_lot).with_user(self.keeper).write(
            {"reason": "上月退货入库漏记一盒"}
        )
        with self.assertRaises(AccessError):
            count.with_user(self.product_manager).action_submit()
        with freeze_time("2026-01-30 08:00:00"):
            count.with_user(self.keeper).action_submit()
        self.assertEqual(count.state, "to_approve")
        self.assertTrue(count.finished_same_day)
        # the lines are frozen under review
        with self.assertRaises(UserError):
            count.line_ids[:1].with_user(self.keeper).write({"counted_qty": 99})
        # nothing applied before approval, leadership cannot jump finance, keeper cannot approve
        with self.assertRaises(UserError):
            count.with_user(self.keeper).action_apply()
        with self.assertRaises(UserError):
            count.with_user(self.leader).validate_tier()
        with self.assertRaises(UserError):
            count.with_user(self.keeper).validate_tier()
        count.with_user(self.finance).validate_tier()
        self.assertEqual(count.state, "to_approve")
        with self.assertRaises(UserError):
            count.with_user(self.keeper).action_apply()
        count.with_user(self.leader).validate_tier()
        self.assertEqual(count.state, "approved")
        # finance cannot apply: the keeper does
        with self.assertRaises(AccessError):
            count.with_user(self.finance).action_apply()
        # a sale after the count is kept: the difference is applied on top
        self.env["stock.quant"]._update_available_quantity(
            self.fish_oil, self.central_ambient, -3, lot_id=self.oil_fresh
        )
        count.with_user(self.keeper).action_apply()
        self.assertEqual(count.state, "done")

        def qty(product, location, lot):
            return product.with_context(location=location.id, lot_id=lot.id).qty_available

        self.assertEqual(qty(self.fish_oil, self.central_ambient, self.oil_near), 8)
        self.assertEqual(qty(self.q10, self.central_cold, self.q10_lot), 13)
        self.assertEqual(qty(self.fish_oil, self.central_ambient, self.oil_fresh), 27)
        moves = self.env["stock.move"].search(
            [("is_inventory", "=", True), ("reference", "=like", count.name + "%")]
        )
        self.assertEqual(len(moves), 2)
        # near-expiry lots marked after the count, fresh ones not
        self.assertEqual(str(self.oil_near.lohi_expiry_marked_date), "2026-01-30")
        self.assertFalse(self.oil_fresh.lohi_expiry_marked_date)
        with self.assertRaises(UserError):
            count.with_user(self.keeper).action_apply()

    def test_rejected_count_goes_back_to_counting(self):
        count = self._central(self._open())
        self._count_all(count, YY_CNT_NEAR=(7, "丢失"))
        with freeze_time("2026-01-31 09:00:00"):
            count.with_user(self.keeper).action_submit()
        self.assertFalse(count.finished_same_day)
        count.with_user(self.finance).validate_tier()
        with self.assertRaises(UserError):
            count.with_user(self.finance).reject_tier()
        count.with_user(self.leader).reject_tier()
        self.assertEqual(count.state, "rejected")
        with self.assertRaises(UserError):
            count.with_user(self.keeper).action_apply()
        with self.assertRaises(AccessError):
            count.with_user(self.leader).action_recount()
        count.with_user(self.keeper).action_recount()
        self.assertEqual(count.state, "counting")
        self.assertFalse(count.sudo().review_ids)
        self._line(count, self.oil_near).with_user(self.keeper).write(
            {"counted_qty": 10, "reason": False}
        )
        count.with_user(self.keeper).action_submit()
        self._approve(count)
        count.with_user(self.keeper).action_apply()
        self.assertEqual(count.state, "done")

    def test_header_moves_only_through_actions(self):
        count = self._central(self._open())
        # the lines are entered through the count's form (one2many commands)
        line = count.line_ids[:1]
        count.with_user(self.product_manager).write(
            {"line_ids": [(1, line.id, {"counted_qty": 4, "reason": "破损"})]}
        )
        self.assertTrue(line.is_counted)
        with self.assertRaises(AccessError):
            count.with_user(self.finance).write({"line_ids": [(1, line.id, {"counted_qty": 5})]})
        with self.assertRaises(AccessError):
            count.with_user(self.keeper).write({"state": "approved"})
        with self.assertRaises(AccessError):
            count.with_user(self.leader).write({"note": "改"})
        with self.assertRaises(AccessError):
            count.with_user(self.keeper).unlink()

    def test_forms_carry_the_approval_buttons(self):
        for model in ("lohi.stock.count", "lohi.purchase.proposal", "purchase.order"):
            arch = self.env[model].get_view(view_type="form")["arch"]
            arch = arch.decode() if isinstance(arch, bytes) else arch
            self.assertIn("validate_tier", arch, model)
            self.assertIn("reject_tier", arch, model)

    def test_goods_found_during_the_count(self):
        count = self._central(self._open())
        found = self.env["stock.lot"].create(
            {"name": "Q10-FOUND", "product_id": self.q10.id, "expiration_date": "2028-05-31"}
        )
        vals = {
            "count_id": count.id,
            "product_id": self.q10.id,
            "lot_id": found.id,
            "location_id": self.central_cold.id,
            "counted_qty": 3,
            "reason": "退货未入账，盘点时发现",
        }
        with self.assertRaises(AccessError):
            self.env["lohi.stock.count.line"].with_user(self.doctor).create(vals)
        with self.assertRaises(AccessError):
            self.env["lohi.stock.count.line"].with_user(self.keeper).create(
                dict(vals, theoretical_qty=3)
            )
        line = self.env["lohi.stock.count.line"].with_user(self.keeper).create(vals)
        self.assertEqual(line.theoretical_qty, 0)
        self.assertEqual(line.difference_qty, 3)
        self._count_all(count, Q10_FOUND=(3, "退货未入账，盘点时发现"))
        count.with_user(self.keeper).action_submit()
        self._approve(count)
        count.with_user(self.keeper).action_apply()
        self.assertEqual(
            self.q10.with_context(location=self.central_cold.id, lot_id=found.id).qty_available, 3
        )
