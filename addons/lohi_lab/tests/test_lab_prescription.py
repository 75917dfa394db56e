from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LabCase


@tagged("post_install", "-at_install")
class TestLabPrescription(LabCase):
    """LAB-11: products by the health manager, doses by the doctor, cycle, ship."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.probiotic = cls.env["product.product"].create(
            {
                "name": "Probiotic 30 sachets",
                "type": "consu",
                "is_storable": True,
                "list_price": 398,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.probiotic, cls.stock_location, 10)

    def _prescription(self, quantity=3, units=30):
        prescription = (
            self.env["lohi.lab.prescription"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.client.id,
                    "centre_id": self.centre_a.id,
                    "doctor_id": self.doctor.id,
                    "health_manager_id": self.manager.id,
                    "date": "2026-11-20",
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.probiotic.id,
                                "quantity": quantity,
                                "units_per_package": units,
                            }
                        )
                    ],
                }
            )
        )
        return prescription.with_env(self.env)

    def test_cycle_and_run_out_date(self):
        prescription = self._prescription()
        line = prescription.line_ids
        self.assertEqual(prescription.amount_total, 3 * 398)
        self.assertFalse(prescription.run_out_date)
        line.with_user(self.doctor).daily_dose = 2
        # 3 packages × 30 sachets ÷ 2 a day = 45 days after 20 Nov 2026.
        self.assertEqual(line.cycle_days, 45)
        self.assertEqual(prescription.run_out_date, date(2027, 1, 4))

    def test_roles_per_field(self):
        prescription = self._prescription()
        line = prescription.line_ids
        with self.assertRaises(AccessError):
            line.with_user(self.manager).daily_dose = 2
        with self.assertRaises(AccessError):
            line.with_user(self.doctor).quantity = 10
        with self.assertRaises(AccessError):
            prescription.with_user(self.doctor).write(
                {"line_ids": [Command.create({"product_id": self.probiotic.id})]}
            )
        with self.assertRaises(AccessError):
            prescription.with_user(self.manager).write({"state": "shipped"})
        with self.assertRaises(AccessError):
            self._prescription().with_user(self.doctor_b).read(["name"])
        self.assertEqual(line.quantity, 3)
        self.assertFalse(line.daily_dose)

    @freeze_time("2026-11-25 09:00:00")
    def test_confirm_and_ship_from_the_centre_stock(self):
        prescription = self._prescription(quantity=2)
        with self.assertRaisesRegex(UserError, "daily dose"):
            prescription.with_user(self.manager).action_confirm()
        prescription.line_ids.with_user(self.doctor).daily_dose = 1
        with self.assertRaises(AccessError):
            prescription.with_user(self.doctor).action_confirm()
        with self.assertRaises(UserError):
            prescription.with_user(self.manager).action_ship()
        prescription.with_user(self.manager).action_confirm()
        with self.assertRaises(UserError):
            prescription.line_ids.with_user(self.doctor).daily_dose = 3
        with self.assertRaises(AccessError):
            prescription.with_user(self.doctor).action_ship()
        prescription.with_user(self.manager).action_ship()
        self.assertEqual(prescription.state, "shipped")
        self._finish_delivery(prescription.picking_id)
        self.assertEqual(prescription.picking_id.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(self.probiotic, self.stock_location), 8
        )
        # The cycle counts from the shipping day: 2 × 30 ÷ 1 = 60 days after 25 Nov 2026.
        self.assertEqual(prescription.run_out_date, date(2027, 1, 24))
        self.assertIn(self.manager, prescription.activity_ids.user_id)
        with self.assertRaises(UserError):
            prescription.with_user(self.manager).action_cancel()

    def test_ship_without_stock_fails(self):
        prescription = self._prescription(quantity=20)
        prescription.line_ids.with_user(self.doctor).daily_dose = 1
        prescription.with_user(self.manager).action_confirm()
        with self.assertRaisesRegex(UserError, "Not enough stock"):
            prescription.with_user(self.manager).action_ship()
        self.assertEqual(prescription.state, "confirmed")

    def test_print_prescription(self):
        prescription = self._prescription()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("lohi_lab.lohi_lab_prescription_report_document", prescription.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("产品购买单", html)
        self.assertIn("客户签字", html)
        self.assertIn(prescription.name, html)
