from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import LabCase


@tagged("post_install", "-at_install")
class TestLabSecurity(LabCase):
    """Centre scoping, LAB-7 report gating, clinical content for clinical roles only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._order(cls)
        cls.order_b = cls._order(cls, centre=cls.centre_b, doctor=cls.doctor_b)

    def test_doctors_and_managers_see_their_centres_only(self):
        Order = self.env["lohi.lab.order"]
        orders = self.order_a | self.order_b
        for user in (self.doctor, self.manager):
            self.assertEqual(Order.with_user(user).search([("id", "in", orders.ids)]), self.order_a)
            with self.assertRaises(AccessError):
                self.order_b.with_user(user).read(["state"])
        self.assertEqual(
            Order.with_user(self.doctor_b).search([("id", "in", orders.ids)]), self.order_b
        )
        # Their items and status logs follow the same scope.
        self.order_b.with_user(self.manager_b).action_cancel()
        for user in (self.doctor, self.manager):
            with self.assertRaises(AccessError):
                self.order_b.sudo().line_ids.with_user(user).read(["price_unit"])
            with self.assertRaises(AccessError):
                self.order_b.sudo().log_ids.with_user(user).read(["to_state"])
            self.assertFalse(
                self.env["lohi.lab.order.log"]
                .with_user(user)
                .search([("order_id", "=", self.order_b.id)])
            )
        self.assertEqual(self.order_b.log_ids.with_user(self.consult).to_state, "cancel")
        # A health manager of centre B cannot issue the kit of centre A's order.
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.manager_b).action_ship_kit()
        self.assertEqual(self.order_a.state, "ordered")

    def test_hq_roles_see_all_centres(self):
        Order = self.env["lohi.lab.order"]
        orders = self.order_a | self.order_b
        for user in (self.consult, self.service, self.agent):
            self.assertEqual(Order.with_user(user).search([("id", "in", orders.ids)]), orders)

    def test_other_staff_see_no_orders(self):
        with self.assertRaises(AccessError):
            self.env["lohi.lab.order"].with_user(self.finance).search([])

    def test_report_opens_only_after_review(self):
        order = self._advance(self.order_a, "review")
        report = order.sudo().report_ids
        result = order.sudo().result_ids[0]
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "lohi.lab.report"),
                ("res_id", "=", report.id),
                ("res_field", "=", "pdf"),
            ]
        )
        self.assertTrue(attachment)
        for user in (self.doctor, self.manager):
            self.env.invalidate_all()
            self.assertFalse(
                self.env["lohi.lab.result"].with_user(user).search([("order_id", "=", order.id)])
            )
            self.assertFalse(order.with_user(user).result_ids)
            self.assertEqual(order.with_user(user).report_count, 0)
            with self.assertRaises(AccessError):
                result.with_user(user).read(["value"])
            with self.assertRaises(AccessError):
                report.with_user(user).read(["pdf"])
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["datas"])
        # The consulting dept reviews it, so reads it before.
        self.assertEqual(result.with_user(self.consult).read(["value"])[0]["value"], result.value)
        order.with_user(self.consult).action_review()
        for user in (self.doctor, self.manager):
            self.env.invalidate_all()
            self.assertEqual(len(order.with_user(user).result_ids), 3)
            self.assertEqual(order.with_user(user).report_count, 1)
            self.assertTrue(report.with_user(user).read(["pdf"])[0]["pdf"])
            self.assertTrue(attachment.with_user(user).read(["datas"])[0]["datas"])
        # …but only for their own centres.
        with self.assertRaises(AccessError):
            result.with_user(self.doctor_b).read(["value"])

    def test_results_never_for_non_clinical_roles(self):
        order = self._advance(self.order_a, "reviewed")
        result = order.sudo().result_ids[0]
        for user in (self.service, self.agent, self.finance):
            with self.assertRaises(AccessError):
                result.with_user(user).read(["value"])
            with self.assertRaises(AccessError):
                order.sudo().report_ids.with_user(user).read(["pdf"])
            with self.assertRaises(AccessError):
                order.with_user(user).read(["summary_report"])

    def test_customer_service_reads_status_and_items_not_clinical(self):
        order = self._advance(self.order_a, "reviewed")
        data = order.with_user(self.service).read(
            ["state", "line_ids", "amount_total", "expected_report_date"]
        )[0]
        self.assertEqual(data["state"], "reviewed")
        self.assertEqual(len(data["line_ids"]), 1)
        with self.assertRaises(AccessError):
            order.with_user(self.service).write({"health_manager_id": self.manager_b.id})
        with self.assertRaises(AccessError):
            order.with_user(self.service).read(["result_ids"])

    def test_agents_see_status_only(self):
        order = self._advance(self.order_a, "sampling")
        data = order.with_user(self.agent).read(
            ["name", "state", "expected_report_date", "log_ids"]
        )[0]
        self.assertEqual(data["state"], "sampling")
        self.assertEqual(len(data["log_ids"]), 1)
        for field in ("line_ids", "amount_total", "summary_report", "result_ids"):
            with self.assertRaises(AccessError):
                order.with_user(self.agent).read([field])
        with self.assertRaises(AccessError):
            order.with_user(self.agent).write({"courier_tracking_ref": "x"})

    def test_form_opens_for_every_role(self):
        """The order form, as each role sees it, loads without touching what the role may not."""
        order = self._advance(self.order_a, "reviewed")
        for user in (self.doctor, self.manager, self.consult, self.service, self.agent):
            form = Form(order.with_user(user))
            self.assertEqual(form.state, "reviewed")
            views = self.env["lohi.lab.order"].with_user(user).get_views([(False, "form")])
            arch = views["views"]["form"]["arch"]
            self.assertEqual(
                'name="result_ids"' in arch, user in (self.doctor, self.manager, self.consult)
            )
            self.assertEqual('name="amount_total"' in arch, user != self.agent)
