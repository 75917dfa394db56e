from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LohiStockCommon

CHECKS = {
    "lohi_qc_no_leak": True,
    "lohi_qc_packaging_ok": True,
    "lohi_qc_label_ok": True,
}


@tagged("post_install", "-at_install")
class TestPickingByOrder(LohiStockCommon):
    """STK-5 发货: pick by the order, name, spec, quantity and expiry checked on the
    server; delivery slip with details and packing notes for fragile goods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.env["res.partner"].create({"name": "赵女士"})
        cls.lot = cls._lot(cls.fish_oil, "YY-PICK", 200)
        cls._stock(cls.fish_oil, cls.central_ambient, 20, cls.lot)
        cls.q10_lot = cls._lot(cls.q10, "Q10-PICK", 200)
        cls._stock(cls.q10, cls.central_cold, 20, cls.q10_lot)
        cls.fish_oil.lohi_fragile = True

    def _delivery(self, qty=3):
        customers = self.env.ref("stock.stock_location_customers")
        picking = (
            self.env["stock.picking"]
            .with_user(self.keeper)
            .create(
                {
                    "picking_type_id": self.central.out_type_id.id,
                    "partner_id": self.client.id,
                    "location_id": self.central.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.fish_oil.name,
                                "product_id": self.fish_oil.id,
                                "product_uom_qty": qty,
                                "product_uom": self.fish_oil.uom_id.id,
                                "location_id": self.central.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        picking.with_user(self.keeper).write(CHECKS)
        return picking

    def test_pick_check_ticked_by_keeper(self):
        picking = self._delivery()
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("picked by the order", str(caught.exception))
        picking.with_user(self.keeper).lohi_pick_checked = True
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(picking.state, "done")

    def test_more_than_ordered_refused_for_everybody(self):
        picking = self._delivery(3)
        picking.with_user(self.keeper).lohi_pick_checked = True
        picking.move_line_ids.quantity = 5
        with self.assertRaises(UserError) as caught:
            picking.sudo().button_validate()
        self.assertIn("3", str(caught.exception))
        picking.move_line_ids.quantity = 3
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(picking.state, "done")

    def test_product_not_on_order_refused(self):
        picking = self._delivery(3)
        picking.with_user(self.keeper).lohi_pick_checked = True
        self.env["stock.move.line"].create(
            {
                "picking_id": picking.id,
                "product_id": self.q10.id,
                "lot_id": self.q10_lot.id,
                "quantity": 1,
                "location_id": self.central_cold.id,
                "location_dest_id": picking.location_dest_id.id,
                "product_uom_id": self.q10.uom_id.id,
            }
        )
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("not on the order", str(caught.exception))

    def test_lot_without_expiry_refused(self):
        no_expiry = self.env["stock.lot"].create(
            {"name": "YY-NOEXP", "product_id": self.fish_oil.id}
        )
        no_expiry.expiration_date = False
        self._stock(self.fish_oil, self.central_ambient, 5, no_expiry)
        picking = self._delivery(2)
        picking.with_user(self.keeper).lohi_pick_checked = True
        picking.move_line_ids.write({"lot_id": no_expiry.id, "quantity": 2})
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("no expiry date", str(caught.exception))

    def test_slip_shows_packing_note_and_storage(self):
        picking = self._delivery(2)
        self.assertIn(self.fish_oil.display_name, picking.lohi_packing_note)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("stock.report_deliveryslip", picking.ids)[0]
            .decode()
        )
        self.assertIn('name="lohi_packing_note"', html)
        self.assertIn('name="lohi_storage_conditions"', html)
        self.assertIn(self.ambient.name, html)
