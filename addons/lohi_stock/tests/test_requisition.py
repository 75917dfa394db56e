from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestRequisition(LohiStockCommon):
    """STK-8 营养素申请: centre → product manager (1st) → finance (2nd) → warehouse →
    centre confirms receipt. Only the named reviewers decide (STYLE §3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the shipped tier definitions (STK-12: configuration, data noupdate)
        cls.tier_product = cls.env.ref("lohi_stock.tier_definition_requisition_product")
        cls.tier_finance = cls.env.ref("lohi_stock.tier_definition_requisition_finance")
        cls.lot = cls._lot(cls.fish_oil, "YY-REQ", 200)
        cls._stock(cls.fish_oil, cls.central_ambient, 50, cls.lot)

    def _order(self, qty=10, user=None):
        user = user or self.director
        order = (
            self.env["stock.request.order"]
            .with_user(user)
            .create(
                {
                    "warehouse_id": self.branch.id,
                    "location_id": self.branch.lot_stock_id.id,
                    "stock_request_ids": [
                        Command.create(
                            {
                                "product_id": self.fish_oil.id,
                                "product_uom_id": self.fish_oil.uom_id.id,
                                "product_uom_qty": qty,
                                "warehouse_id": self.branch.id,
                                "location_id": self.branch.lot_stock_id.id,
                            }
                        )
                    ],
                }
            )
        )
        return order.with_env(self.env)

    def _approve(self, order):
        order.with_user(self.director).request_validation()
        order.with_user(self.product_manager).validate_tier()
        order.with_user(self.finance).validate_tier()
        order.invalidate_recordset()

    def _reviews(self, order):
        return order.sudo().review_ids.sorted("sequence")

    def test_tiers_product_manager_then_finance(self):
        order = self._order()
        self.assertEqual(order.lohi_centre_id, self.centre)
        order.with_user(self.director).request_validation()
        reviews = self._reviews(order)
        self.assertEqual(reviews.definition_id.ids, [self.tier_product.id, self.tier_finance.id])
        self.assertIn(order.validation_status, ("waiting", "pending"))
        # finance cannot jump the queue, the centre cannot approve its own request
        with self.assertRaises(UserError):
            order.with_user(self.finance).validate_tier()
        with self.assertRaises(UserError):
            order.with_user(self.director).validate_tier()
        order.with_user(self.product_manager).validate_tier()
        self.assertEqual(reviews.mapped("status"), ["approved", "pending"])
        self.assertEqual(reviews[0].done_by, self.product_manager)
        order.with_user(self.finance).validate_tier()
        self.assertEqual(order.validation_status, "validated")
        self.assertEqual(reviews[1].done_by, self.finance)

    def test_non_reviewer_cannot_approve_over_rpc(self):
        order = self._order()
        order.with_user(self.director).request_validation()
        reviews = self._reviews(order)
        # the centre writes the review directly, as OCA's ACL would allow
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.director).write({"status": "approved"})
        with self.assertRaises(AccessError):
            reviews.with_user(self.director).write(
                {"status": "approved", "done_by": self.product_manager.id}
            )
        # nor may the warehouse keeper, nor finance before the product manager
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.keeper).write({"status": "approved"})
        with self.assertRaises(UserError):
            reviews[1].with_user(self.finance).write({"status": "approved"})
        # a forged, already approved review is refused too
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.director).create(
                {
                    "model": order._name,
                    "res_id": order.id,
                    "definition_id": self.tier_finance.id,
                    "status": "approved",
                }
            )
        # a reviewer cannot sign for someone else nor move a review to another record
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.product_manager).write(
                {"status": "approved", "done_by": self.finance.id}
            )
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.director).write({"res_id": order.id + 1})
        self.assertEqual(reviews.mapped("status"), ["pending", "waiting"])
        self.assertIn(order.validation_status, ("waiting", "pending"))

    def test_reject_with_reason_then_revise_and_resubmit(self):
        order = self._order(qty=300)
        order.with_user(self.director).request_validation()
        # a rejection without a reason is refused on the server
        review = self._reviews(order)[0]
        with self.assertRaises(UserError):
            review.with_user(self.product_manager).write({"status": "rejected"})
        action = order.with_user(self.product_manager).reject_tier()
        self.assertEqual(action["res_model"], "comment.wizard")
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.product_manager)
            .with_context(**action["context"])
            .create({"comment": "数量远超近三个月销量"})
        )
        wizard.add_comment()
        order.invalidate_recordset()
        self.assertEqual(order.validation_status, "rejected")
        self.assertEqual(self._reviews(order)[0].comment, "数量远超近三个月销量")
        self.assertIn("数量远超近三个月销量", order.message_ids[:1].body)
        # lines are locked while the reviews stand
        with self.assertRaises(UserError):
            order.stock_request_ids.with_user(self.director).product_uom_qty = 30
        # the centre restarts, revises and resubmits
        order.with_user(self.director).restart_validation()
        order.invalidate_recordset()
        self.assertFalse(order.review_ids)
        order.stock_request_ids.with_user(self.director).product_uom_qty = 30
        order.with_user(self.director).request_validation()
        order.invalidate_recordset()
        self.assertIn(order.validation_status, ("waiting", "pending"))
        self.assertEqual(len(order.review_ids), 2)

    def test_finance_may_reject_second(self):
        order = self._order()
        order.with_user(self.director).request_validation()
        order.with_user(self.product_manager).validate_tier()
        with self.assertRaises(UserError):
            order.with_user(self.director).reject_tier()
        action = order.with_user(self.finance).reject_tier()
        self.env["comment.wizard"].with_user(self.finance).with_context(**action["context"]).create(
            {"comment": "本月预算已用完"}
        ).add_comment()
        order.invalidate_recordset()
        self.assertEqual(order.validation_status, "rejected")
        with self.assertRaises(UserError):
            order.with_user(self.keeper).action_confirm()

    def test_warehouse_ships_only_fully_approved(self):
        order = self._order()
        # nothing released before the reviews
        with self.assertRaises(UserError):
            order.with_user(self.keeper).action_confirm()
        order.with_user(self.director).request_validation()
        order.with_user(self.product_manager).validate_tier()
        with self.assertRaises(UserError):
            order.with_user(self.keeper).action_confirm()
        order.with_user(self.finance).validate_tier()
        order.invalidate_recordset()
        # only the warehouse releases; the centre cannot push its lines out directly
        with self.assertRaises(AccessError):
            order.with_user(self.director).action_confirm()
        with self.assertRaises(AccessError):
            order.stock_request_ids.with_user(self.director).action_confirm()
        order.with_user(self.keeper).action_confirm()
        self.assertEqual(order.state, "open")
        self.assertTrue(order.picking_ids)

    def test_loose_request_for_a_centre_refused(self):
        request = (
            self.env["stock.request"]
            .with_user(self.keeper)
            .create(
                {
                    "product_id": self.fish_oil.id,
                    "product_uom_id": self.fish_oil.uom_id.id,
                    "product_uom_qty": 5,
                    "warehouse_id": self.branch.id,
                    "location_id": self.branch.lot_stock_id.id,
                }
            )
        )
        with self.assertRaises(UserError):
            request.action_confirm()

    def test_full_flow_with_receipt_and_discrepancy(self):
        order = self._order(qty=10)
        self._approve(order)
        order.with_user(self.keeper).action_confirm()
        out = order.picking_ids.filtered(lambda p: p.picking_type_id == self.central.out_type_id)
        self.assertEqual(out.move_line_ids.lot_id, self.lot)
        out.move_ids.picked = True
        out.with_user(self.keeper).write(
            {
                "lohi_pick_checked": True,
                "lohi_qc_no_leak": True,
                "lohi_qc_packaging_ok": True,
                "lohi_qc_label_ok": True,
            }
        )
        self.assertTrue(out.with_user(self.keeper).button_validate())
        receipt = order.picking_ids.filtered(lambda p: p.picking_type_id == self.branch.in_type_id)
        receipt.action_assign()
        receipt.move_ids.picked = True
        receipt.with_user(self.keeper).button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_line_ids.location_dest_id, self.branch_ambient)
        order.invalidate_recordset()
        self.assertEqual(order.state, "done")
        # STK-13: the lot knows which centre received it
        self.assertIn(self.centre, self.lot.lohi_recipient_centre_ids)
        # the centre counts 9 of 10: a discrepancy needs a note
        director_order = order.with_user(self.director)
        director_order.stock_request_ids.lohi_received_qty = 9
        with self.assertRaises(UserError):
            director_order.action_confirm_receipt()
        # another centre's staff cannot confirm
        with self.assertRaises(AccessError):
            order.with_user(self.other_manager).action_confirm_receipt()
        director_order.lohi_discrepancy_note = "一瓶封口破损，已拍照留存"
        director_order.action_confirm_receipt()
        self.assertTrue(order.lohi_received)
        self.assertTrue(order.lohi_has_discrepancy)
        self.assertEqual(order.lohi_received_by_id, self.director)
        with self.assertRaises(UserError):
            director_order.action_confirm_receipt()

    def test_receipt_only_after_release(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.with_user(self.director).action_confirm_receipt()

    def test_centre_scoping(self):
        order = self._order()
        Order = self.env["stock.request.order"]
        self.assertIn(order, Order.with_user(self.director).search([]))
        self.assertNotIn(order, Order.with_user(self.other_manager).search([]))
        with self.assertRaises(AccessError):
            order.with_user(self.other_manager).read(["name"])
        # finance and leadership read every requisition but do not edit it
        self.assertIn(order, Order.with_user(self.finance).search([]))
        self.assertIn(order, Order.with_user(self.leader).search([]))
        with self.assertRaises(AccessError):
            order.with_user(self.leader).write({"lohi_discrepancy_note": "x"})
        # a doctor has no requisitions
        with self.assertRaises(AccessError):
            Order.with_user(self.doctor).search([])

    def test_tier_menu_reachable_for_admin(self):
        menu = self.env.ref("lohi_stock.tier_definition_menu")
        self.assertEqual(menu.action, self.env.ref("base_tier_validation.tier_definition_action"))
        admin = self.env.ref("base.user_admin")
        visible = self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        director_menus = self.env["ir.ui.menu"].with_user(self.director)._visible_menu_ids()
        self.assertNotIn(menu.id, director_menus)
        self.assertNotIn(self.env.ref("lohi_stock.menu_lohi_stock_config").id, director_menus)
        self.assertIn(self.env.ref("lohi_stock.stock_request_order_menu").id, director_menus)
        agent = new_test_user(self.env, login="stk_agent", groups="lohi_clients.group_cc_agent")
        agent_menus = self.env["ir.ui.menu"].with_user(agent)._visible_menu_ids()
        self.assertNotIn(self.env.ref("lohi_stock.menu_lohi_stock").id, agent_menus)

    def test_centre_opens_its_requisition_form(self):
        order = self._order()
        self._approve(order)
        order.with_user(self.keeper).action_confirm()
        # the centre reads the whole form (stat buttons, reviews, lines) without errors
        with Form(order.with_user(self.director)) as form:
            self.assertEqual(form.lohi_centre_id, self.centre)
            self.assertTrue(form.record.picking_ids)
            self.assertEqual(form.record.validation_status, "validated")
        with Form(self.env["stock.request.order"].with_user(self.director)) as form:
            form.warehouse_id = self.branch
            form.location_id = self.branch.lot_stock_id
            with form.stock_request_ids.new() as line:
                line.product_id = self.fish_oil
                line.product_uom_qty = 4
        self.assertEqual(form.record.lohi_centre_id, self.centre)

    def test_released_reviews_cannot_be_deleted(self):
        order = self._order()
        self._approve(order)
        order.with_user(self.keeper).action_confirm()
        with self.assertRaises(AccessError):
            order.review_ids.with_user(self.director).unlink()
        self.assertEqual(len(order.sudo().review_ids), 2)

    def test_form_views_render_for_the_users_concerned(self):
        for user in (self.director, self.product_manager, self.finance, self.keeper):
            arch = self.env["stock.request.order"].with_user(user).get_view(view_type="form")
            arch = arch["arch"]
            arch = arch.decode() if isinstance(arch, bytes) else arch
            self.assertIn("action_confirm_receipt", arch)
            self.assertIn("validate_tier", arch)
            self.assertIn("lohi_discrepancy_note", arch)
        arch = self.env["stock.picking"].with_user(self.keeper).get_view(view_type="form")["arch"]
        self.assertIn("lohi_qc_no_leak", arch)
        self.assertIn("action_lohi_sign_receipt", arch)
        arch = self.env["stock.lot"].with_user(self.keeper).get_view(view_type="form")["arch"]
        self.assertIn("action_lohi_recipients", arch)
