from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LohiStockCommon


@tagged("post_install", "-at_install")
class TestDestruction(LohiStockCommon):
    """STK-11 营养素销毁: keeper applies, product manager reviews, leadership then
    finance approve, the keeper destroys through real scraps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.area = cls.env["stock.location"].create(
            {
                "name": "待销毁区",
                "location_id": cls.central.view_location_id.id,
                "usage": "internal",
                "lohi_destruction_area": True,
            }
        )
        cls.bad_lot = cls._lot(cls.fish_oil, "YY-BAD", -10)
        cls._stock(cls.fish_oil, cls.area, 8, cls.bad_lot)

    def _application(self, qty=5):
        return (
            self.env["lohi.stock.destruction"]
            .with_user(self.keeper)
            .create(
                {
                    "location_id": self.area.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.fish_oil.id,
                                "lot_id": self.bad_lot.id,
                                "quantity": qty,
                                "reason": "expired",
                            },
                        )
                    ],
                }
            )
        )

    def _qty(self):
        return self.fish_oil.with_context(
            location=self.area.id, lot_id=self.bad_lot.id
        ).qty_available

    def _approve_all(self, rec):
        rec.with_user(self.product_manager).write(
            {"cause": "效期管理疏漏", "responsible_id": self.keeper.id}
        )
        rec.with_user(self.product_manager).validate_tier()
        rec.with_user(self.leader).validate_tier()
        rec.with_user(self.finance).validate_tier()

    def test_full_flow_and_stock_leaves(self):
        rec = self._application()
        self.assertTrue(rec.name.startswith("XH"))
        rec.with_user(self.keeper).action_submit()
        self.assertEqual(rec.state, "to_approve")
        self.assertEqual(len(rec.review_ids), 3)
        # leadership cannot approve before the product manager
        with self.assertRaises(UserError):
            rec.with_user(self.leader).validate_tier()
        # the product manager must record the cause and the person responsible first
        with self.assertRaises(UserError):
            rec.with_user(self.product_manager).validate_tier()
        # the keeper may not fill them
        with self.assertRaises(AccessError):
            rec.with_user(self.keeper).write({"cause": "x"})
        rec.with_user(self.product_manager).write(
            {"cause": "效期管理疏漏", "responsible_id": self.keeper.id}
        )
        rec.with_user(self.product_manager).validate_tier()
        self.assertEqual(rec.state, "to_approve")
        # finance cannot skip leadership
        with self.assertRaises(UserError):
            rec.with_user(self.finance).validate_tier()
        rec.with_user(self.leader).validate_tier()
        rec.with_user(self.finance).validate_tier()
        self.assertEqual(rec.state, "approved")
        # only the keeper destroys
        with self.assertRaises(AccessError):
            rec.with_user(self.finance).action_destroy()
        self.assertEqual(self._qty(), 8)
        rec.with_user(self.keeper).action_destroy()
        self.assertEqual(rec.state, "done")
        self.assertEqual(len(rec.scrap_ids), 1)
        self.assertEqual(rec.scrap_ids.state, "done")
        self.assertEqual(self._qty(), 3)

    def test_rejection_back_to_draft(self):
        rec = self._application()
        rec.with_user(self.keeper).action_submit()
        rec.with_user(self.product_manager).write(
            {"cause": "运输破损", "responsible_id": self.keeper.id}
        )
        rec.with_user(self.product_manager).validate_tier()
        rec.with_user(self.leader).reject_tier()
        self.assertEqual(rec.state, "rejected")
        with self.assertRaises(UserError):
            rec.with_user(self.keeper).action_destroy()
        # the state cannot be forced over RPC
        with self.assertRaises(AccessError):
            rec.with_user(self.keeper).write({"state": "approved"})
        with self.assertRaises(AccessError):
            rec.with_user(self.leader).action_draft()
        rec.with_user(self.keeper).action_draft()
        self.assertEqual(rec.state, "draft")
        self.assertFalse(rec.review_ids)
        rec.line_ids.with_user(self.keeper).write({"quantity": 4})
        rec.with_user(self.keeper).action_submit()
        self.assertEqual(rec.state, "to_approve")
        self.assertEqual(len(rec.review_ids), 3)

    def test_non_reviewer_cannot_approve_over_rpc(self):
        rec = self._application()
        rec.with_user(self.keeper).action_submit()
        reviews = rec.review_ids.sorted("sequence")
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.keeper).write({"status": "approved"})
        with self.assertRaises(AccessError):
            reviews[0].with_user(self.doctor).write({"status": "approved"})
        with self.assertRaises(AccessError):
            reviews[1].with_user(self.finance).write({"status": "approved"})
        with self.assertRaises(UserError):
            rec.with_user(self.keeper).validate_tier()
        self.assertEqual(reviews.mapped("status"), ["pending", "waiting", "waiting"])

    def test_destroy_before_approval_refused(self):
        rec = self._application()
        with self.assertRaises(UserError):
            rec.with_user(self.keeper).action_destroy()
        rec.with_user(self.keeper).action_submit()
        with self.assertRaises(UserError):
            rec.with_user(self.keeper).action_destroy()
        # lines are frozen under approval
        with self.assertRaises(UserError):
            rec.line_ids.with_user(self.keeper).write({"quantity": 1})
        self.assertEqual(self._qty(), 8)

    def test_goods_must_be_in_the_area(self):
        rec = self._application(qty=20)
        rec.with_user(self.keeper).action_submit()
        self._approve_all(rec)
        with self.assertRaisesRegex(UserError, "YY-BAD"):
            rec.with_user(self.keeper).action_destroy()
        self.assertEqual(self._qty(), 8)

    def test_scrap_outside_the_flow_refused(self):
        Scrap = self.env["stock.scrap"].with_user(self.keeper)
        vals = {
            "product_id": self.fish_oil.id,
            "lot_id": self.bad_lot.id,
            "scrap_qty": 2,
            "location_id": self.area.id,
        }
        with self.assertRaises(UserError):
            Scrap.create(vals)
        # nor by borrowing the flag of an application that is not approved
        rec = self._application()
        with self.assertRaises(UserError):
            Scrap.with_context(lohi_destruction_id=rec.id).create(
                dict(vals, lohi_destruction_id=rec.id)
            )
        # nor by validating a scrap moved into the area afterwards
        scrap = Scrap.create(dict(vals, location_id=self.central_ambient.id))
        scrap.sudo().location_id = self.area
        with self.assertRaises(UserError):
            scrap.action_validate()
        self.assertEqual(self._qty(), 8)

    def test_others_have_no_access(self):
        with self.assertRaises(AccessError):
            self.env["lohi.stock.destruction"].with_user(self.doctor).search([])
        with self.assertRaises(AccessError):
            self.env["lohi.stock.destruction"].with_user(self.product_manager).create(
                {"location_id": self.area.id}
            )
        with self.assertRaises(UserError):
            self.env["lohi.stock.destruction"].with_user(self.keeper).create(
                {"location_id": self.central_ambient.id}
            )

    def test_form_renders_for_the_users_concerned(self):
        for user in (self.keeper, self.product_manager, self.leader, self.finance):
            arch = (
                self.env["lohi.stock.destruction"]
                .with_user(user)
                .get_view(view_type="form")["arch"]
            )
            arch = arch.decode() if isinstance(arch, bytes) else arch
            self.assertIn("validate_tier", arch)
            self.assertIn("action_destroy" if user == self.keeper else "cause", arch)

    def test_demo_applications(self):
        done = self.env.ref("lohi_stock.lohi_stock_destruction_vd3_demo", raise_if_not_found=False)
        if not done:
            self.skipTest("demo data not installed")
        self.assertEqual(done.state, "done")
        self.assertEqual(done.scrap_ids.mapped("state"), ["done"])
        self.assertEqual(self.env.ref("lohi_stock.lohi_stock_destruction_q10_demo").state, "draft")
