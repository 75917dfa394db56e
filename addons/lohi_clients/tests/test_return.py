from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestReturn(LohiClientsCase):
    """CLI-12: eligibility by policy window and condition, application, quality-control
    opinion, refund or exchange by customer service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qc = new_test_user(
            cls.env, login="t_qc_ret", groups="lohi_clients.group_quality_control"
        )
        cls.product = cls.env["product.product"].create({"name": "维生素D3滴剂"})
        cls.client = cls._client()

    def _request(self, days_ago=2, **kw):
        vals = {
            "partner_id": self.client.id,
            "product_id": self.product.id,
            "purchase_ref": "RX-1",
            "purchase_date": fields.Date.today() - timedelta(days=days_ago),
            "reason": "changed_mind",
            "condition": "unopened",
        }
        vals.update(kw)
        return self.env["lohi.return.request"].with_user(self.service).create(vals)

    def test_eligibility(self):
        self.assertTrue(self._request().eligible)
        late = self._request(days_ago=10)
        self.assertFalse(late.eligible)
        with self.assertRaises(UserError):
            late.action_submit()
        self.assertFalse(self._request(condition="opened").eligible)
        self.assertTrue(self._request(days_ago=20, reason="quality", condition="opened").eligible)

    def test_refund_flow_and_roles(self):
        request = self._request(refund_amount=120, refund_method="wechat")
        request.action_submit()
        self.assertEqual(request.state, "inspection")
        with self.assertRaises(AccessError):
            request.with_user(self.service).action_qc_approve("我来审核")
        with self.assertRaises(UserError):
            request.with_user(self.qc).action_qc_approve("")
        request.with_user(self.qc).action_qc_approve("包装完好")
        self.assertEqual((request.state, request.qc_user_id), ("approved", self.qc))
        with self.assertRaises(AccessError):
            request.with_user(self.qc).action_done()
        with self.assertRaises(UserError):
            request.action_done()  # no expected date
        request.refund_expected_date = fields.Date.today() + timedelta(days=5)
        request.action_done()
        self.assertEqual(request.state, "done")
        with self.assertRaises(UserError):
            request.write({"refund_amount": 999})
        with self.assertRaises(UserError):
            self._request().write({"state": "done"})

    def test_rejected_by_quality_control(self):
        request = self._request(request_type="exchange", reason="quality", condition="opened")
        request.action_submit()
        request.with_user(self.qc).action_qc_reject("产品无质量问题，为保存不当导致受潮")
        self.assertEqual(request.state, "rejected")
        with self.assertRaises(UserError):
            request.action_done()
