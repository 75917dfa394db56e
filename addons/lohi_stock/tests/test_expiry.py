from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestExpiry(LohiStockCommon):
    """STK-2: FEFO (先进先出，推陈出新); an expired lot is never reserved nor shipped."""

    def _delivery(self, product, qty, dest=None):
        dest = dest or self.env.ref("stock.stock_location_customers")
        picking = (
            self.env["stock.picking"]
            .with_user(self.keeper)
            .create(
                {
                    "picking_type_id": self.central.out_type_id.id,
                    "location_id": self.central.lot_stock_id.id,
                    "location_dest_id": dest.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": self.central.lot_stock_id.id,
                                "location_dest_id": dest.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def test_expired_lot_is_not_reserved(self):
        expired = self._lot(self.q10, "Q10-OLD", -3)
        valid = self._lot(self.q10, "Q10-OK", 100)
        # the expired lot was received first: plain FIFO would take it
        self._stock(
            self.q10,
            self.central_cold,
            5,
            expired,
            in_date=fields.Datetime.now() - timedelta(days=300),
        )
        self._stock(self.q10, self.central_cold, 5, valid)
        picking = self._delivery(self.q10, 8)
        self.assertEqual(picking.move_line_ids.lot_id, valid)
        self.assertEqual(sum(picking.move_line_ids.mapped("quantity")), 5)
        self.assertEqual(picking.move_ids.state, "partially_available")

    def test_fefo_earliest_expiry_then_oldest_receipt(self):
        far = self._lot(self.fish_oil, "YY-FAR", 300)
        near_new = self._lot(self.fish_oil, "YY-NEAR-NEW", 60)
        near_old = self._lot(self.fish_oil, "YY-NEAR-OLD", 60)
        # give both "near" lots the same expiry, received on different days
        near_new.expiration_date = near_old.expiration_date
        near_new.removal_date = near_old.removal_date
        now = fields.Datetime.now()
        self._stock(self.fish_oil, self.central_ambient, 4, far, in_date=now - timedelta(days=90))
        self._stock(
            self.fish_oil, self.central_ambient, 4, near_new, in_date=now - timedelta(days=5)
        )
        self._stock(
            self.fish_oil, self.central_ambient, 4, near_old, in_date=now - timedelta(days=30)
        )
        picking = self._delivery(self.fish_oil, 6)
        reserved = {ml.lot_id: ml.quantity for ml in picking.move_line_ids}
        self.assertEqual(reserved, {near_old: 4, near_new: 2})

    def test_forced_expired_lot_refused_at_validation(self):
        expired = self._lot(self.q10, "Q10-EXP", -1)
        valid = self._lot(self.q10, "Q10-GOOD", 100)
        self._stock(self.q10, self.central_cold, 5, expired)
        self._stock(self.q10, self.central_cold, 5, valid)
        picking = self._delivery(self.q10, 5)
        line = picking.move_line_ids.with_user(self.keeper)
        self.assertEqual(line.lot_id, valid)
        line.write({"lot_id": expired.id, "quantity": 5})
        picking.move_ids.picked = True
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("Q10-EXP", str(caught.exception))
        self.assertIn(fields.Date.to_string(expired.expiration_date.date()), str(caught.exception))
        self.assertNotEqual(picking.state, "done")
        # nor through the expiry confirmation wizard of product_expiry
        with self.assertRaises(UserError):
            picking.with_user(self.keeper).with_context(skip_expired=True)._action_done()

    def test_expired_lot_can_go_to_destruction_area(self):
        expired = self._lot(self.q10, "Q10-DESTROY", -10)
        self._stock(self.q10, self.central_cold, 3, expired)
        quarantine = self.env["stock.location"].create(
            {"name": "待销毁区", "location_id": self.central.view_location_id.id}
        )
        move = (
            self.env["stock.move"]
            .with_user(self.keeper)
            .create(
                {
                    "name": "to destruction",
                    "product_id": self.q10.id,
                    "product_uom_qty": 3,
                    "product_uom": self.q10.uom_id.id,
                    "location_id": self.central_cold.id,
                    "location_dest_id": quarantine.id,
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": self.q10.id,
                                "lot_id": expired.id,
                                "quantity": 3,
                                "location_id": self.central_cold.id,
                                "location_dest_id": quarantine.id,
                            }
                        )
                    ],
                }
            )
        )
        move._action_confirm()
        move.picked = True
        move._action_done()
        self.assertEqual(move.state, "done")
