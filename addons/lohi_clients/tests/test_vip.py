from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestVip(LohiClientsCase):
    """CLI-14: screening form → HQ review → customer service confirms → VIP + consultant."""

    def test_flow_and_roles(self):
        operations = new_test_user(
            self.env, login="t_ops_vip", groups="lohi_clients.group_hq_operations"
        )
        client = self._client()
        form = (
            self.env["lohi.vip.application"]
            .with_user(self.manager)
            .create({"partner_id": client.id, "reason": "长期客户，多次转介"})
        )
        form.action_submit()
        with self.assertRaises(AccessError):
            form.with_user(self.manager).action_review()
        with self.assertRaises(UserError):
            form.with_user(operations).action_confirm()  # not reviewed yet
        form.with_user(operations).action_review()
        self.assertEqual(form.reviewed_by_id, operations)
        with self.assertRaises(AccessError):
            form.with_user(self.doctor).action_confirm()
        with self.assertRaises(UserError):
            form.with_user(self.service).action_confirm()  # no consultant assigned
        form.with_user(self.service).consultant_id = self.manager
        form.with_user(self.service).action_confirm()
        self.assertEqual(
            (form.state, client.lohi_tier, client.lohi_vip_consultant_id),
            ("vip", "vip", self.manager),
        )
        with self.assertRaises(UserError):
            form.with_user(self.service).write({"reason": "改写"})
        other = self._client(name="直接改等级")
        with self.assertRaises(UserError):
            other.with_user(self.service).write({"lohi_tier": "vip"})

    def test_reject(self):
        operations = new_test_user(
            self.env, login="t_ops_vip2", groups="lohi_clients.group_hq_operations"
        )
        client = self._client()
        form = (
            self.env["lohi.vip.application"]
            .with_user(self.manager)
            .create({"partner_id": client.id, "reason": "消费较高"})
        )
        with self.assertRaises(UserError):
            form.with_user(operations).action_reject("不符合标准")  # still a draft
        form.action_submit()
        with self.assertRaises(AccessError):
            form.with_user(self.service).action_reject("越权")
        form.with_user(operations).action_reject("年消费未达标准")
        self.assertEqual((form.state, client.lohi_tier), ("rejected", "regular"))
