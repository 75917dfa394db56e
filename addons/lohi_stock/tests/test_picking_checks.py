from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LohiStockCommon

QC_OK = {
    "lohi_pick_checked": True,
    "lohi_qc_no_leak": True,
    "lohi_qc_packaging_ok": True,
    "lohi_qc_label_ok": True,
}


@tagged("post_install", "-at_install")
class TestPickingChecks(LohiStockCommon):
    """STK-4 receipt sign-off, STK-6 outbound quality check, STK-7 transport
    conditions, STK-13 who received a lot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.q10.lohi_transport_note = "不得低于 0 ℃ 运输"
        cls.client = cls.env["res.partner"].create({"name": "王女士"})
        cls.q10_lot = cls._lot(cls.q10, "Q10-SHIP", 200)
        cls._stock(cls.q10, cls.central_cold, 10, cls.q10_lot)
        cls.oil_lot = cls._lot(cls.fish_oil, "YY-SHIP", 200)
        cls._stock(cls.fish_oil, cls.central_ambient, 10, cls.oil_lot)

    def _picking(self, product, qty, src, dest, picking_type, partner=None):
        picking = (
            self.env["stock.picking"]
            .with_user(self.keeper)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": partner and partner.id,
                    "location_id": src.id,
                    "location_dest_id": dest.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": src.id,
                                "location_dest_id": dest.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        return picking

    def _delivery(self, product, qty):
        return self._picking(
            product,
            qty,
            self.central.lot_stock_id,
            self.env.ref("stock.stock_location_customers"),
            self.central.out_type_id,
            partner=self.client,
        )

    def test_outbound_quality_check_required(self):
        picking = self._delivery(self.fish_oil, 2)
        self.assertTrue(picking.lohi_is_outbound)
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("leakage", str(caught.exception))
        picking.with_user(self.keeper).write(dict(QC_OK, lohi_qc_label_ok=False))
        with self.assertRaises(UserError):
            picking.with_user(self.keeper).button_validate()
        picking.with_user(self.keeper).lohi_qc_label_ok = True
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(picking.state, "done")

    def test_system_validation_skips_the_people_checks_not_expiry(self):
        picking = self._delivery(self.fish_oil, 1)
        picking.sudo().button_validate()
        self.assertEqual(picking.state, "done")
        expired = self._lot(self.fish_oil, "YY-SUDO-EXP", -1)
        self._stock(self.fish_oil, self.central_ambient, 1, expired)
        picking = self._delivery(self.fish_oil, 1)
        picking.move_line_ids.write({"lot_id": expired.id, "quantity": 1})
        with self.assertRaises(UserError):
            picking.sudo().button_validate()

    def test_transport_condition_carried_and_acknowledged(self):
        picking = self._delivery(self.q10, 2)
        self.assertIn("不得低于 0 ℃ 运输", picking.lohi_transport_note)
        picking.with_user(self.keeper).write(QC_OK)
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.keeper).button_validate()
        self.assertIn("不得低于 0 ℃ 运输", str(caught.exception))
        picking.with_user(self.keeper).lohi_transport_checked = True
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(picking.state, "done")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "stock.report_deliveryslip", picking.ids
        )[0]
        self.assertIn("不得低于 0 ℃ 运输", html.decode())

    def test_internal_moves_need_no_outbound_check(self):
        picking = self._picking(
            self.fish_oil,
            1,
            self.central_ambient,
            self.central.lot_stock_id,
            self.central.int_type_id,
        )
        self.assertFalse(picking.lohi_is_outbound)

    def test_receipt_needs_both_signatures_and_delivery_note(self):
        receipt = self._picking(
            self.fish_oil,
            5,
            self.env.ref("stock.stock_location_suppliers"),
            self.central.lot_stock_id,
            self.central.in_type_id,
        )
        receipt.move_line_ids.lot_name = "YY-IN"
        self.assertTrue(receipt.lohi_is_supplier_receipt)
        with self.assertRaises(AccessError):
            receipt.with_user(self.doctor).action_lohi_sign_receipt()
        receipt.with_user(self.keeper).action_lohi_sign_receipt()
        self.assertEqual(receipt.lohi_keeper_sign_id, self.keeper)
        # the same keeper cannot sign twice
        with self.assertRaises(UserError):
            receipt.with_user(self.keeper).action_lohi_sign_receipt()
        with self.assertRaises(UserError) as caught:
            receipt.with_user(self.keeper).button_validate()
        self.assertIn("product manager", str(caught.exception))
        receipt.with_user(self.product_manager).action_lohi_sign_receipt()
        self.assertEqual(receipt.lohi_product_sign_id, self.product_manager)
        with self.assertRaises(UserError) as caught:
            receipt.with_user(self.keeper).button_validate()
        self.assertIn("delivery note", str(caught.exception))
        self.env["ir.attachment"].with_user(self.keeper).create(
            {
                "name": "送货单.pdf",
                "res_model": "stock.picking",
                "res_id": receipt.id,
                "raw": b"%PDF",
            }
        )
        receipt.with_user(self.keeper).button_validate()
        self.assertEqual(receipt.state, "done")

    def test_lot_recipients_for_recall(self):
        picking = self._delivery(self.fish_oil, 3)
        picking.with_user(self.keeper).write(QC_OK)
        picking.with_user(self.keeper).button_validate()
        self.assertEqual(self.oil_lot.lohi_recipient_partner_ids, self.client)
        self.assertFalse(self.q10_lot.lohi_recipient_partner_ids)
        action = self.oil_lot.with_user(self.keeper).action_lohi_recipients()
        lines = self.env["stock.move.line"].search(action["domain"])
        self.assertEqual(lines.picking_id, picking)
