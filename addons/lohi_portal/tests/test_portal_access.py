from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import LohiPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccess(LohiPortalCase, TransactionCase):
    """POR-1 / POR-2 at the ORM: what an institution's portal user reads, and the
    consent and access-log rules around lab data (X-5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._lohi_portal_setup()

    def test_referred_clients_own_institution_only(self):
        clients = self.env["lohi.portal.client"].with_user(self.user_a).search([])
        self.assertIn(self.client_a.id, clients.ids)
        self.assertNotIn(self.client_b.id, clients.ids)
        with self.assertRaises(AccessError):
            self.env["lohi.portal.client"].with_user(self.user_a).browse(self.client_b.id).read(
                ["name"]
            )

    def test_limited_fields_no_clinical_history(self):
        fields = set(self.env["lohi.portal.client"]._fields)
        self.assertFalse(fields & {"lohi_medical_history", "mobile", "lohi_birthdate"})
        client = self.env["lohi.portal.client"].with_user(self.user_a).browse(self.client_a.id)
        self.assertEqual(client.mobile_masked, "138****0001")
        # the archive itself stays closed to portal users
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.user_a).read(["name"])

    def test_not_an_institution_user(self):
        client_user = new_test_user(self.env, login="por_client", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["lohi.portal.client"].with_user(client_user).search([])
        self.assertFalse(self.env["lohi.institution"].with_user(client_user)._lohi_portal_current())

    def test_lab_status_read_is_logged(self):
        Log = self.env["lohi.access.log"]
        before = Log.search_count([("partner_id", "=", self.client_a.id), ("kind", "=", "portal")])
        orders = self.env["lohi.portal.lab.order"].with_user(self.user_a).search([])
        self.assertEqual(set(orders.ids), {self.order_a.id, self.order_a2.id})
        orders.read(["state"])
        after = Log.search_count([("partner_id", "=", self.client_a.id), ("kind", "=", "portal")])
        self.assertEqual(after, before + 1)
        log = Log.search([("partner_id", "=", self.client_a.id)], limit=1)
        self.assertEqual(log.user_id, self.user_a)
        self.assertEqual(log.res_model, "lohi.lab.order")

    def test_report_needs_consent_for_that_institution(self):
        Order = self.env["lohi.portal.lab.order"].with_user(self.user_a)
        self.assertTrue(Order.browse(self.order_a.id).report_available)
        # no consent at all
        self.assertFalse(Order.browse(self.order_a2.id).report_available)
        # a consent given to another institution does not count
        self.env["lohi.consent"].create(
            {
                "partner_id": self.client_a2.id,
                "scope": "institution",
                "institution_id": self.inst_b.id,
            }
        )
        self.env.flush_all()
        Order.invalidate_model()
        self.assertFalse(Order.browse(self.order_a2.id).report_available)
        # withdrawn consent closes the report again
        consent = self.env["lohi.consent"].search(
            [("partner_id", "=", self.client_a.id), ("scope", "=", "institution")]
        )
        consent.action_withdraw("撤回")
        self.env.flush_all()
        Order.invalidate_model()
        self.assertFalse(Order.browse(self.order_a.id).report_available)

    def test_consent_institution_defaults_and_is_fixed(self):
        consent = self.env["lohi.consent"].search(
            [("partner_id", "=", self.client_a.id), ("scope", "=", "institution")]
        )
        self.assertEqual(consent.institution_id, self.inst_a)
        service = new_test_user(
            self.env, login="por_service", groups="lohi_clients.group_customer_service"
        )
        with self.assertRaises(UserError):
            consent.with_user(service).write({"institution_id": self.inst_b.id})

    def test_complaints_and_requisitions_own_only(self):
        complaints = self.env["lohi.complaint"].with_user(self.user_a).search([])
        self.assertEqual(complaints, self.complaint_a)
        orders = self.env["stock.request.order"].with_user(self.user_a).search([])
        self.assertEqual(orders, self.requisition_a)
        lines = self.env["stock.request"].with_user(self.user_a).search([])
        self.assertEqual(lines, self.requisition_a.stock_request_ids)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.user_a).read(["description"])
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.user_a).write({"description": "x"})

    def test_institution_of_record_cannot_change(self):
        service = new_test_user(
            self.env, login="por_service2", groups="lohi_clients.group_cs_supervisor"
        )
        with self.assertRaises(UserError):
            self.complaint_a.with_user(service).write({"lohi_institution_id": self.inst_b.id})

    def test_confirm_receipt_on_portal(self):
        order = self.requisition_a.with_user(self.user_a)
        with self.assertRaises(UserError):
            order._lohi_portal_confirm_receipt(self.inst_a)
        # released by the warehouse (the approval flow itself is lohi_stock's, STK-8)
        self.env.cr.execute(
            "UPDATE stock_request_order SET state = 'open' WHERE id = %s",
            [self.requisition_a.id],
        )
        self.requisition_a.invalidate_recordset(["state"])
        with self.assertRaises(AccessError):
            order._lohi_portal_confirm_receipt(self.inst_b)
        line = self.requisition_a.stock_request_ids
        with self.assertRaises(UserError):
            order._lohi_portal_confirm_receipt(self.inst_a, {line.id: 3})
        order._lohi_portal_confirm_receipt(self.inst_a, {line.id: 3}, "少到 2 瓶")
        self.assertTrue(self.requisition_a.lohi_received)
        self.assertEqual(line.lohi_received_qty, 3)
        self.assertEqual(self.requisition_a.lohi_received_by_id, self.user_a)
        with self.assertRaises(UserError):
            order._lohi_portal_confirm_receipt(self.inst_a)

    def test_lab_status_not_queried_around_the_log(self):
        """Filtering, sorting or grouping on the status would reveal it unlogged (X-5)."""
        Order = self.env["lohi.portal.lab.order"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Order.search_count([("state", "=", "reviewed")])
        with self.assertRaises(AccessError):
            Order.search([("client_id", "=", self.client_a.id)], order="state")
        with self.assertRaises(AccessError):
            Order.read_group([], ["__count"], ["state"])
        self.assertEqual(Order.search_count([("client_id", "=", self.client_a.id)]), 1)
