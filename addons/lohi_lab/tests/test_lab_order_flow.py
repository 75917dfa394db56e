import base64
import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PDF, RESULTS, LabCase


@tagged("post_install", "-at_install")
class TestLabOrderFlow(LabCase):
    """LAB-2 … LAB-10, LAB-12: the order, its state machine, roles and log."""

    def test_order_total_and_reference(self):
        order = self._order(tests=self.test_igg | self.test_oat)
        self.assertTrue(order.name.startswith("LAB"))
        self.assertEqual(order.amount_total, 2680 + 3980)
        order.with_user(self.doctor).line_ids[0].quantity = 2
        self.assertEqual(order.amount_total, 2 * 2680 + 3980)
        self.assertEqual(order.state, "ordered")

    def test_only_doctors_create_orders(self):
        with self.assertRaises(AccessError):
            self.env["lohi.lab.order"].with_user(self.manager).create(
                {"partner_id": self.client.id, "centre_id": self.centre_a.id}
            )

    @freeze_time("2026-11-20 10:00:00")  # a Friday
    def test_expected_report_date_from_longest_turnaround(self):
        order = self._order(tests=self.test_igg | self.test_oat)
        # 14 working days after Friday 20 Nov 2026 → Thursday 10 Dec 2026.
        self.assertEqual(order.expected_report_date, date(2026, 12, 10))
        self.assertEqual(order.date_order, datetime(2026, 11, 20, 10, 0))

    def test_print_order_voucher(self):
        order = self._order(tests=self.test_igg | self.test_oat)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.doctor)
            ._render_qweb_html("lohi_lab.lohi_lab_order_report_document", order.ids)[0]
            .decode()
        )
        self.assertIn("检测项目申请单", html)
        self.assertIn("客户签字", html)
        self.assertIn(order.name, html)
        self.assertIn("6,660.00", html)

    def test_full_lifecycle_is_logged(self):
        order = self._order()
        self._advance(order, "interpreted")
        self.assertEqual(order.state, "interpreted")
        logs = order.log_ids.sorted("id")
        self.assertEqual(
            [(log.from_state, log.to_state, log.user_id) for log in logs],
            [
                ("ordered", "sampling", self.manager),
                ("sampling", "testing", self.consult),
                ("testing", "review", self.consult),
                ("review", "reviewed", self.consult),
                ("reviewed", "production", self.doctor),
                ("production", "issued", self.consult),
                ("issued", "interpreted", self.doctor),
            ],
        )
        self.assertTrue(all(logs.mapped("date")))
        self.assertEqual(order.reviewed_by_id, self.consult)
        self.assertTrue(order.summary_date and order.paper_issued_date and order.interpreted_date)

    def test_kit_issue_moves_stock_out_of_the_centre(self):
        order = self._order()
        quant_before = self.env["stock.quant"]._get_available_quantity(
            self.kit, self.stock_location, lot_id=self.lot
        )
        order.with_user(self.manager).action_ship_kit()
        self.assertEqual(order.state, "sampling")
        picking = order.picking_ids
        self._finish_delivery(picking)
        self.assertEqual(picking.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(picking.move_line_ids.lot_id, self.lot)
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.kit, self.stock_location, lot_id=self.lot
            ),
            quant_before - 1,
        )
        self.assertEqual(order.with_user(self.manager).kit_lot_names, "KIT-T-001")
        self.assertTrue(order.kit_shipped_date)

    def test_kit_issue_without_stock_fails_and_changes_nothing(self):
        self.env["stock.quant"]._update_available_quantity(
            self.kit, self.stock_location, -5, lot_id=self.lot
        )
        order = self._order()
        with self.assertRaisesRegex(UserError, "Not enough kits"):
            order.with_user(self.manager).action_ship_kit()
        self.assertEqual(order.state, "ordered")
        self.assertFalse(order.log_ids)

    def test_wrong_role_is_refused(self):
        order = self._order()
        with self.assertRaises(AccessError):
            order.with_user(self.doctor).action_ship_kit()
        with self.assertRaises(AccessError):
            order.with_user(self.service).action_cancel()
        order.with_user(self.manager).action_ship_kit()
        with self.assertRaises(AccessError):
            order.with_user(self.manager).action_accept_sample()
        with self.assertRaises(AccessError):
            order.with_user(self.doctor).action_reject_sample("haemolysed")
        order.with_user(self.consult).action_accept_sample()
        with self.assertRaises(AccessError):
            order.with_user(self.doctor).action_report_received(PDF, RESULTS, report_ref="X")
        order.with_user(self.consult).action_report_received(PDF, RESULTS, report_ref="R-1")
        with self.assertRaises(AccessError):
            order.with_user(self.doctor).action_review()
        order.with_user(self.consult).action_review()
        with self.assertRaises(AccessError):
            order.with_user(self.consult).summary_report = "<p>not mine</p>"
        order.with_user(self.doctor).summary_report = "<p>ok</p>"
        with self.assertRaises(AccessError):
            order.with_user(self.manager).action_write_summary()
        order.with_user(self.doctor).action_write_summary()
        order.paper_delivery = "collected"
        with self.assertRaises(AccessError):
            order.with_user(self.manager).action_issue_paper()
        order.with_user(self.consult).action_issue_paper()
        with self.assertRaises(AccessError):
            order.with_user(self.manager).action_interpret()
        order.with_user(self.doctor).action_interpret()
        self.assertEqual(len(order.log_ids), 7)

    def test_wrong_state_is_refused(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.with_user(self.consult).action_accept_sample()
        with self.assertRaises(UserError):
            order.with_user(self.consult).action_review()
        with self.assertRaises(UserError):
            order.with_user(self.doctor).action_interpret()
        with self.assertRaises(UserError):
            order.with_user(self.consult).action_report_received(PDF, RESULTS, report_ref="R-0")
        self.assertFalse(order.sudo().report_ids)
        order.with_user(self.manager).action_ship_kit()
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_ship_kit()
        with self.assertRaisesRegex(UserError, "cannot cancel"):
            order.with_user(self.doctor).action_cancel()
        self.assertEqual(order.state, "sampling")
        self.assertEqual(len(order.log_ids), 1)

    def test_cancel_before_sampling(self):
        order = self._order()
        order.with_user(self.manager).action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.log_ids.to_state, "cancel")
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_ship_kit()
        with self.assertRaises(UserError):
            order.with_user(self.doctor).unlink()
        self.assertTrue(order.exists() and order.log_ids)
        new_order = self._order()
        new_order.with_user(self.doctor).unlink()
        self.assertFalse(new_order.exists())

    def test_reject_sample_then_resample_with_new_kit(self):
        order = self._order()
        order.with_user(self.manager).action_ship_kit()
        with self.assertRaises(UserError):
            order.with_user(self.consult).action_reject_sample("  ")
        wizard = (
            self.env["lohi.lab.sample.reject"]
            .with_user(self.consult)
            .create({"order_id": order.id, "reason": "Haemolysed sample"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "resampling")
        self.assertEqual(order.reject_reason, "Haemolysed sample")
        self.assertEqual(order.resample_count, 1)
        self.assertEqual(order.log_ids.sorted("id")[-1].note, "Haemolysed sample")
        self.assertIn(self.manager, order.activity_ids.user_id)
        with self.assertRaises(UserError):
            order.with_user(self.consult).action_accept_sample()
        order.with_user(self.manager).action_ship_kit()
        self.assertEqual(order.state, "sampling")
        self.assertEqual(len(order.picking_ids), 2)
        for picking in order.picking_ids:
            self._finish_delivery(picking)

    def test_home_sampling_needs_tracking_number(self):
        order = self._order()
        order.with_user(self.doctor).sampling_mode = "home"
        order.with_user(self.manager).action_ship_kit()
        with self.assertRaisesRegex(UserError, "tracking"):
            order.with_user(self.manager).action_mark_sampled()
        order.with_user(self.manager).courier_tracking_ref = "SF1234567890"
        order.with_user(self.manager).action_mark_sampled()
        self.assertTrue(order.sampled_date)
        self.assertIn("SF1234567890", order.log_ids.sorted("id")[-1].note)
        self.assertEqual(order.state, "sampling")

    def test_status_and_lifecycle_fields_not_writable(self):
        order = self._order()
        with self.assertRaises(AccessError):
            order.with_user(self.doctor).write({"state": "interpreted"})
        with self.assertRaises(AccessError):
            order.with_user(self.consult).write({"reviewed_by_id": self.consult.id})
        with self.assertRaises(AccessError):
            self.env["lohi.lab.order"].with_user(self.doctor).create(
                {"partner_id": self.client.id, "centre_id": self.centre_a.id, "state": "reviewed"}
            )
        self.assertEqual(order.state, "ordered")

    def test_items_locked_once_kit_issued(self):
        order = self._order()
        order.with_user(self.manager).action_ship_kit()
        with self.assertRaises(UserError):
            order.with_user(self.doctor).line_ids.price_unit = 1
        with self.assertRaises(UserError):
            order.with_user(self.doctor).write(
                {"line_ids": [Command.create({"test_id": self.test_oat.id})]}
            )
        with self.assertRaises(UserError):
            order.with_user(self.doctor).partner_id = self.env["res.partner"].create({"name": "x"})

    def test_summary_only_when_reviewed(self):
        order = self._advance(self._order(), "review")
        with self.assertRaises(UserError):
            order.with_user(self.doctor).summary_report = "<p>too early</p>"
        order.with_user(self.consult).action_review()
        self.assertIn(self.doctor, order.activity_ids.user_id)
        with self.assertRaisesRegex(UserError, "write the summary"):
            order.with_user(self.doctor).action_write_summary()

    def test_paper_report_mailed_needs_tracking_and_tells_manager(self):
        order = self._advance(self._order(), "production")
        with self.assertRaisesRegex(UserError, "collected or mailed"):
            order.with_user(self.consult).action_issue_paper()
        order.with_user(self.consult).paper_delivery = "mailed"
        with self.assertRaisesRegex(UserError, "tracking"):
            order.with_user(self.consult).action_issue_paper()
        order.with_user(self.consult).paper_tracking_ref = "EMS0001CN"
        order.with_user(self.consult).action_issue_paper()
        self.assertEqual(order.state, "issued")
        activity = order.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertTrue(activity)
        self.assertEqual(order.log_ids.sorted("id")[-1].note, "EMS0001CN")

    def test_log_is_append_only(self):
        order = self._advance(self._order(), "sampling")
        log = order.log_ids
        admin = self.env.ref("base.user_admin")
        for user in (self.doctor, self.consult, admin):
            with self.assertRaises(AccessError):
                log.with_user(user).write({"note": "rewritten"})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
        for user in (self.doctor, self.consult):
            with self.assertRaises(AccessError):
                self.env["lohi.lab.order.log"].with_user(user).create(
                    {"order_id": order.id, "to_state": "interpreted"}
                )
        self.assertEqual(log.to_state, "sampling")
        log.sudo().write({"note": "fixed by superuser"})
        self.assertEqual(log.note, "fixed by superuser")

    def test_report_received_is_idempotent(self):
        order = self._advance(self._order(), "review")
        report = order.sudo().report_ids
        self.assertEqual(len(report.result_ids), 3)
        flags = {result.analyte: result.flag for result in report.result_ids}
        self.assertEqual(flags, {"Milk IgG": "high", "Wheat IgG": "normal", "Ferritin": "low"})
        again = order.with_user(self.consult).action_report_received(
            PDF, [{"analyte": "Other", "value": "1"}], report_ref="R-1"
        )
        self.assertEqual(again, report)
        self.assertEqual(len(order.sudo().result_ids), 3)
        self.assertEqual(len(order.log_ids), 3)

    def test_report_received_malformed_writes_nothing(self):
        order = self._advance(self._order(), "testing")
        bad = [
            (b"not a pdf", RESULTS),
            (PDF, []),
            (PDF, [{"value": "1"}]),
            (PDF, [{"analyte": "A", "value": "1", "flag": "weird"}]),
            (PDF, [{"analyte": "A", "value": "1", "ref_low": "x"}]),
        ]
        for pdf, results in bad:
            with self.assertRaises(UserError):
                order.with_user(self.consult).action_report_received(pdf, results, report_ref="R-9")
        self.assertEqual(order.state, "testing")
        self.assertFalse(order.sudo().report_ids)

    def test_partner_shows_lab_orders(self):
        self._order()
        self._order(centre=self.centre_b, doctor=self.doctor_b)
        self.assertEqual(self.client.with_user(self.doctor).lohi_lab_order_count, 1)
        self.assertEqual(self.client.with_user(self.service).lohi_lab_order_count, 2)

    def _import_file(self, data):
        return base64.b64encode(json.dumps(data).encode())

    def test_import_reports_from_file(self):
        order = self._advance(self._order(), "testing")
        item = {"order": order.name, "report_id": "F-1", "pdf": self.b64(PDF), "results": RESULTS}
        Wizard = self.env["lohi.lab.report.import"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.doctor).create({"file": self._import_file([item])})
        bad = [item, dict(item, report_id="F-2", order="LAB0000-00000")]
        wizard = Wizard.with_user(self.consult).create({"file": self._import_file(bad)})
        with self.assertRaisesRegex(UserError, "no test order"):
            wizard.action_import()
        self.assertFalse(order.sudo().report_ids)
        wizard = Wizard.with_user(self.consult).create({"file": base64.b64encode(b"{oops")})
        with self.assertRaisesRegex(UserError, "not valid JSON"):
            wizard.action_import()
        wizard = Wizard.with_user(self.consult).create({"file": self._import_file([item])})
        wizard.action_import()
        self.assertEqual(order.state, "review")
        self.assertEqual(order.sudo().report_ids.report_ref, "F-1")
        # Imported again: skipped.
        Wizard.with_user(self.consult).create({"file": self._import_file(item)}).action_import()
        self.assertEqual(len(order.sudo().report_ids), 1)
        self.assertEqual(len(order.sudo().result_ids), 3)

    def test_kits_leave_the_centre_warehouse_when_centres_have_one(self):
        if "warehouse_id" not in self.centre_a._fields:
            self.skipTest("lohi_stock (centre warehouses) is not installed")
        warehouse = self.env["stock.warehouse"].create({"name": "Centre A Store", "code": "TCAW"})
        self.centre_a.warehouse_id = warehouse
        self.env["stock.quant"]._update_available_quantity(
            self.kit, warehouse.lot_stock_id, 2, lot_id=self.lot
        )
        order = self._order()
        order.with_user(self.manager).action_ship_kit()
        picking = order.sudo().picking_ids
        self.assertEqual(picking.picking_type_id.warehouse_id, warehouse)
        self._finish_delivery(picking)
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                self.kit, warehouse.lot_stock_id, lot_id=self.lot
            ),
            1,
        )
