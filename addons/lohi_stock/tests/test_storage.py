from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestStorageConditions(LohiStockCommon):
    """STK-1: each product goes only to a zone of its storage condition."""

    def _receipt(self, product, qty=10):
        return (
            self.env["stock.picking"]
            .with_user(self.keeper)
            .create(
                {
                    "picking_type_id": self.central.in_type_id.id,
                    "location_id": self.env.ref("stock.stock_location_suppliers").id,
                    "location_dest_id": self.central.lot_stock_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                                "location_dest_id": self.central.lot_stock_id.id,
                            }
                        )
                    ],
                }
            )
        )

    def _sign_and_attach(self, picking):
        picking.with_user(self.keeper).action_lohi_sign_receipt()
        picking.with_user(self.product_manager).action_lohi_sign_receipt()
        self.env["ir.attachment"].create(
            {
                "name": "送货单.pdf",
                "res_model": "stock.picking",
                "res_id": picking.id,
                "raw": b"%PDF",
            }
        )

    def test_effective_condition_inherited_by_sub_location(self):
        shelf = self.env["stock.location"].create(
            {"name": "A-01", "location_id": self.central_cold.id}
        )
        self.assertEqual(shelf.lohi_effective_condition_id, self.cold)
        self.assertFalse(self.central.lot_stock_id.lohi_effective_condition_id)

    def test_putaway_sends_cold_product_to_cold_zone(self):
        picking = self._receipt(self.q10)
        picking.action_confirm()
        self.assertEqual(picking.move_line_ids.location_dest_id, self.central_cold)
        picking = self._receipt(self.fish_oil)
        picking.action_confirm()
        self.assertEqual(picking.move_line_ids.location_dest_id, self.central_ambient)

    def test_received_into_matching_zone(self):
        picking = self._receipt(self.q10)
        picking.action_confirm()
        picking.move_line_ids.write({"lot_name": "Q10-T1", "quantity": 10})
        picking.move_ids.picked = True
        self._sign_and_attach(picking)
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(picking.state, "done")
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.q10.id), ("location_id", "=", self.central_cold.id)]
        )
        self.assertEqual(quant.quantity, 10)

    def test_wrong_zone_refused_by_the_server(self):
        picking = self._receipt(self.q10)
        picking.action_confirm()
        line = picking.move_line_ids.with_user(self.keeper)
        with self.assertRaises(ValidationError) as caught:
            line.location_dest_id = self.central_ambient
        message = str(caught.exception)
        self.assertIn(self.q10.name, message)
        self.assertIn(self.cold.name, message)
        self.assertIn(self.ambient.name, message)
        self.assertIn("常温区", message)

    def test_wrong_zone_refused_on_creation(self):
        lot = self._lot(self.fish_oil, "YY-T1", 200)
        self._stock(self.fish_oil, self.central_ambient, 5, lot)
        move = (
            self.env["stock.move"]
            .with_user(self.keeper)
            .create(
                {
                    "name": "move fish oil",
                    "product_id": self.fish_oil.id,
                    "product_uom_qty": 5,
                    "product_uom": self.fish_oil.uom_id.id,
                    "location_id": self.central_ambient.id,
                    "location_dest_id": self.central_cold.id,
                }
            )
        )
        move._action_confirm()
        with self.assertRaises(ValidationError):
            self.env["stock.move.line"].with_user(self.keeper).create(
                {
                    "move_id": move.id,
                    "product_id": self.fish_oil.id,
                    "lot_id": lot.id,
                    "quantity": 5,
                    "location_id": self.central_ambient.id,
                    "location_dest_id": self.central_cold.id,
                }
            )

    def test_product_without_condition_goes_anywhere(self):
        plain = self.env["product.product"].create({"name": "测试包装盒", "is_storable": True})
        picking = self._receipt(plain)
        picking.action_confirm()
        picking.move_line_ids.with_user(self.keeper).location_dest_id = self.central_cold
        self.assertEqual(picking.move_line_ids.location_dest_id, self.central_cold)
