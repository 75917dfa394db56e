from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestPurchase(LohiStockCommon):
    """STK-3 产品采购: the product manager proposes from 3-month sales, stock and demand;
    leadership approves; purchase orders are approved before they go out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "测试营养品厂家"})
        products = cls.fish_oil | cls.q10
        products.write({"purchase_ok": True})
        for product in products:
            cls.env["product.supplierinfo"].create(
                {
                    "partner_id": cls.supplier.id,
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "price": 100,
                }
            )
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.client = cls.env["res.partner"].create({"name": "李先生"})
        cls.lot = cls._lot(cls.fish_oil, "YY-PUR", 300)
        cls.old_lot = cls._lot(cls.fish_oil, "YY-PUR-OLD", -5)
        # usable stock 20 (the expired 7 do not count); 2 months ago the branch sold 30
        cls._stock(cls.fish_oil, cls.central_ambient, 20, cls.lot)
        cls._stock(cls.fish_oil, cls.central_ambient, 7, cls.old_lot)
        cls._stock(cls.fish_oil, cls.branch_ambient, 30, cls.lot)
        cls._sell(cls.branch_ambient, 30, days_ago=60)
        cls._stock(cls.fish_oil, cls.branch_ambient, 50, cls.lot)
        cls._sell(cls.branch_ambient, 50, days_ago=120)  # outside the 3 months
        cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": cls.fish_oil.id,
                "warehouse_id": cls.central.id,
                "location_id": cls.central.lot_stock_id.id,
                "product_min_qty": 10,
                "product_max_qty": 40,
            }
        )

    @classmethod
    def _sell(cls, location, qty, days_ago):
        move = cls.env["stock.move"].create(
            {
                "name": "销售",
                "product_id": cls.fish_oil.id,
                "product_uom_qty": qty,
                "product_uom": cls.fish_oil.uom_id.id,
                "location_id": location.id,
                "location_dest_id": cls.customers.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.move_line_ids.write({"lot_id": cls.lot.id, "quantity": qty})
        move.picked = True
        move._action_done()
        move.date = fields.Datetime.now() - timedelta(days=days_ago)

    def _proposal(self, compute=True):
        proposal = (
            self.env["lohi.purchase.proposal"]
            .with_user(self.product_manager)
            .create({"warehouse_id": self.central.id})
        )
        if compute:
            proposal.action_compute()
            # only the products of this test are bought here
            proposal.line_ids.filtered(
                lambda line: line.product_id not in (self.fish_oil | self.q10)
            ).write({"order_qty": 0})
        return proposal

    def test_proposal_figures(self):
        proposal = self._proposal()
        line = proposal.line_ids.filtered(lambda line: line.product_id == self.fish_oil)
        self.assertEqual(line.sales_qty, 30)
        self.assertIn("测试分中心", line.sales_detail)
        self.assertEqual(line.onhand_qty, 20)
        self.assertEqual(line.min_qty, 10)
        # 30 sold + 10 minimum - 20 usable
        self.assertEqual(line.proposed_qty, 20)
        self.assertEqual(line.order_qty, 20)
        self.assertEqual(line.partner_id, self.supplier)
        # nobody else proposes, figures are not typed in
        with self.assertRaises(AccessError):
            self.env["lohi.purchase.proposal"].with_user(self.keeper).create(
                {"warehouse_id": self.central.id}
            )
        with self.assertRaises(AccessError):
            line.with_user(self.product_manager).write({"sales_qty": 999})
        with self.assertRaises(AccessError):
            line.with_user(self.leader).write({"order_qty": 1})

    def test_leadership_approves_before_ordering(self):
        proposal = self._proposal()
        with self.assertRaises(UserError):
            proposal.action_create_purchase_orders()
        with self.assertRaises(AccessError):
            proposal.with_user(self.leader).action_submit()
        proposal.action_submit()
        self.assertEqual(proposal.state, "to_approve")
        with self.assertRaises(UserError):
            proposal.with_user(self.product_manager).validate_tier()
        with self.assertRaises(UserError):
            proposal.with_user(self.finance).validate_tier()
        # the product manager cannot write the review himself (tier.review guard)
        with self.assertRaises(AccessError):
            proposal.sudo().review_ids.with_user(self.product_manager).write({"status": "approved"})
        with self.assertRaises(UserError):
            proposal.line_ids[:1].write({"order_qty": 1})
        proposal.with_user(self.leader).validate_tier()
        self.assertEqual(proposal.state, "approved")
        proposal.action_create_purchase_orders()
        self.assertEqual(proposal.state, "ordered")
        order = proposal.purchase_ids
        self.assertEqual(order.partner_id, self.supplier)
        self.assertEqual(order.picking_type_id, self.central.in_type_id)
        line = proposal.line_ids.filtered(lambda line: line.product_id == self.fish_oil)
        self.assertEqual(line.purchase_line_id.product_qty, 20)
        # below the finance threshold and from an approved proposal: no further tier
        order.with_user(self.product_manager).button_confirm()
        self.assertEqual(order.state, "purchase")
        # delivery progress on the proposal
        self.assertTrue(line.date_planned)
        self.assertEqual(line.qty_received, 0)

    def test_rejected_proposal_revised(self):
        proposal = self._proposal()
        proposal.action_submit()
        proposal.with_user(self.leader).reject_tier()
        self.assertEqual(proposal.state, "rejected")
        with self.assertRaises(UserError):
            proposal.action_create_purchase_orders()
        proposal.action_draft()
        self.assertEqual(proposal.state, "draft")
        proposal.line_ids[:1].write({"order_qty": 5})
        proposal.action_submit()
        proposal.with_user(self.leader).validate_tier()
        self.assertEqual(proposal.state, "approved")

    def _direct_order(self, price):
        return (
            self.env["purchase.order"]
            .with_user(self.product_manager)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "picking_type_id": self.central.in_type_id.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.q10.id, "product_qty": 10, "price_unit": price}
                        )
                    ],
                }
            )
        )

    def test_purchase_order_outside_proposal_needs_leadership(self):
        order = self._direct_order(100)
        with self.assertRaises(UserError):
            order.button_confirm()
        with self.assertRaises(UserError):
            order.action_rfq_send()
        order.request_validation()
        order.invalidate_recordset()
        self.assertEqual(
            order.sudo().review_ids.definition_id,
            self.env.ref("lohi_stock.tier_definition_purchase_leadership"),
        )
        with self.assertRaises(UserError):
            order.with_user(self.finance).validate_tier()
        with self.assertRaises(UserError):
            order.validate_tier()
        with self.assertRaises(UserError):
            order.button_confirm()
        order.with_user(self.leader).validate_tier()
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_large_order_also_needs_finance(self):
        order = self._direct_order(6000)
        self.assertGreaterEqual(order.amount_total, 50000)
        order.request_validation()
        order.invalidate_recordset()
        self.assertEqual(len(order.sudo().review_ids), 2)
        with self.assertRaises(UserError):
            order.with_user(self.finance).validate_tier()
        order.with_user(self.leader).validate_tier()
        with self.assertRaises(UserError):
            order.button_confirm()
        order.with_user(self.finance).validate_tier()
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_signed_prescriptions_are_client_demand(self):
        if "lohi.lab.prescription" not in self.env:
            self.skipTest("lohi_lab is not installed")
        prescription = (
            self.env["lohi.lab.prescription"]
            .sudo()
            .create(
                {
                    "partner_id": self.client.id,
                    "centre_id": self.centre.id,
                    "line_ids": [Command.create({"product_id": self.fish_oil.id, "quantity": 4})],
                }
            )
        )
        proposal = self._proposal()
        line = proposal.line_ids.filtered(lambda line: line.product_id == self.fish_oil)
        self.assertEqual(line.demand_qty, 0, "a draft prescription is no demand yet")
        prescription.sudo().write({"state": "confirmed"})
        proposal.action_compute()
        line = proposal.line_ids.filtered(lambda line: line.product_id == self.fish_oil)
        self.assertEqual(line.demand_qty, 4)
        self.assertEqual(line.proposed_qty, 24)
