from datetime import timedelta
from io import BytesIO

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LohiClientsCase, run_cron_in_batches


@tagged("post_install", "-at_install")
class TestComplaint(LohiClientsCase):
    """CLI-11 and SVC-1: the seed's complaint flow, first-receiver ownership, the
    escalation chain, time limits with an idempotent escalation cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client()
        cls.cs_super = new_test_user(
            cls.env, login="t_cs_super", groups="lohi_clients.group_cs_supervisor"
        )
        cls.director = new_test_user(
            cls.env, login="t_director", groups="lohi_clients.group_branch_director"
        )
        cls.director.lohi_centre_ids = cls.centre_a
        cls.centre_a.director_id = cls.director
        cls.hq_ops = new_test_user(
            cls.env, login="t_hq_ops", groups="lohi_clients.group_hq_operations"
        )
        cls.qc = new_test_user(cls.env, login="t_qc", groups="lohi_clients.group_quality_control")
        cls.product = cls.env["product.product"].create({"name": "鱼油软胶囊"})
        # only our supervisors in the chain, so the targets are predictable
        for xmlid, user in (
            ("group_cs_supervisor", cls.cs_super),
            ("group_hq_operations", cls.hq_ops),
        ):
            group = cls.env.ref(f"lohi_clients.{xmlid}")
            (group.users - user).write({"active": False})

    def _complaint(self, user=None, **kw):
        vals = {"partner_id": self.client.id, "description": "排队时间过长", "severity": "medium"}
        vals.update(kw)
        return self.env["lohi.complaint"].with_user(user or self.agent).create(vals)

    def test_flow_and_first_receiver(self):
        complaint = self._complaint()
        self.assertEqual(complaint.owner_id, self.agent)
        self.assertEqual(complaint.centre_id, self.centre_a)
        self.assertTrue(complaint.name.startswith("TS"))
        self.assertTrue(complaint.deadline_first_answer < complaint.deadline)
        # someone else cannot act on it
        with self.assertRaises(AccessError):
            complaint.with_user(self.service).action_accept()
        complaint.action_accept()
        self.assertEqual(complaint.state, "in_progress")
        self.assertTrue(complaint.first_answer_at)
        with self.assertRaises(UserError):
            complaint.action_propose_solution()  # no solution written
        complaint.solution = "赠送一次免费检测并致歉"
        complaint.action_propose_solution()
        complaint.action_client_not_satisfied()
        self.assertEqual((complaint.state, complaint.negotiation_count), ("in_progress", 1))
        complaint.action_propose_solution()
        with self.assertRaises(UserError):
            complaint.action_close("5", "")  # evaluation needed
        complaint.action_close("5", "客户满意，流程优化已落实")
        self.assertEqual(complaint.state, "closed")
        with self.assertRaises(UserError):
            complaint.action_accept()
        with self.assertRaises(UserError):
            complaint.write({"solution": "改写"})

    def test_state_only_through_buttons(self):
        complaint = self._complaint()
        for vals in (
            {"state": "closed"},
            {"escalation_level": "3"},
            {"owner_id": self.service.id},
            {"evaluation": "x"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                complaint.write(vals)
        with self.assertRaises(AccessError):
            complaint.action_cancel()  # only a supervisor cancels
        complaint.with_user(self.cs_super).action_cancel()
        self.assertEqual(complaint.state, "cancelled")

    def test_escalation_chain(self):
        complaint = self._complaint()
        complaint.action_escalate()
        self.assertEqual(
            (complaint.escalation_level, complaint.responsible_id), ("1", self.cs_super)
        )
        complaint.with_user(self.cs_super).action_escalate()
        self.assertEqual(
            (complaint.escalation_level, complaint.responsible_id), ("2", self.director)
        )
        complaint.with_user(self.director).action_accept()
        complaint.with_user(self.director).action_escalate()
        self.assertEqual((complaint.escalation_level, complaint.responsible_id), ("3", self.hq_ops))
        activities = complaint.activity_ids.mapped("user_id")
        self.assertTrue({self.cs_super, self.director, self.hq_ops} <= set(activities))

    def test_overdue_cron_escalates_once(self):
        complaint = self._complaint(severity="critical")
        Complaint = self.env["lohi.complaint"]
        Complaint._cron_escalate_overdue()
        self.assertEqual(complaint.escalation_level, "0", "not overdue yet")
        later = fields.Datetime.now() + timedelta(hours=9)
        with freeze_time(later):
            self.assertTrue(complaint.overdue)
            self.assertIn(complaint, Complaint.search([("overdue", "=", True)]))
            Complaint._cron_escalate_overdue()
            self.assertEqual(complaint.escalation_level, "1")
            Complaint._cron_escalate_overdue()
            self.assertEqual(complaint.escalation_level, "1", "a second run does nothing twice")
            self.assertFalse(complaint.overdue)

    def test_product_quality_goes_to_quality_control(self):
        with self.assertRaises(ValidationError):
            self._complaint(category="product_quality")
        complaint = self._complaint(
            category="product_quality", product_id=self.product.id, lot_name="FO2026-031"
        )
        self.assertEqual(complaint.qc_state, "open")
        self.assertIn(self.qc, complaint.activity_ids.user_id)
        complaint.action_accept()
        complaint.solution = "更换新批次产品"
        complaint.action_propose_solution()
        with self.assertRaises(UserError):
            complaint.action_close("4", "客户满意")  # investigation still open
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent).action_qc_conclude("无问题")
        complaint.with_user(self.qc).action_qc_conclude(
            "该批次胶囊密封良好，客户保存不当导致氧化。"
        )
        complaint.action_close("4", "客户满意")
        self.assertEqual(complaint.state, "closed")

    def test_analysis_xlsx(self):
        first = self._complaint(category="billing")
        second = self._complaint(category="product_quality", product_id=self.product.id)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.cs_super)
            ._render("lohi_clients.complaint_xlsx", (first | second).ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = load_workbook(BytesIO(content), read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual({rows[1][0], rows[2][0]}, {first.name, second.name})
        self.assertIn("鱼油软胶囊", [r[6] for r in rows])
        summary = [r for r in book.worksheets[1].iter_rows(values_only=True) if r[0]]
        self.assertIn(2, [r[1] for r in summary])

    def test_centre_staff_see_their_centre(self):
        complaint = self._complaint()
        self.assertEqual(
            self.env["lohi.complaint"].with_user(self.doctor).search([("id", "=", complaint.id)]),
            complaint,
        )
        self.assertFalse(
            self.env["lohi.complaint"].with_user(self.doctor_b).search([("id", "=", complaint.id)])
        )
        with self.assertRaises(AccessError):
            complaint.with_user(self.doctor_b).read(["description"])

    def test_overdue_cron_in_batches(self):
        """Issue 10/11: at most ``batch`` escalations per call, the overdue complaints
        left reported to the cron worker; batched runs escalate each complaint once."""
        complaints = self.env["lohi.complaint"]
        for _i in range(5):
            complaints |= self._complaint(severity="critical")
        Complaint = self.env["lohi.complaint"]
        with freeze_time(fields.Datetime.now() + timedelta(hours=9)):
            overdue = Complaint.search_count(
                [("overdue", "=", True), ("escalation_level", "!=", "3")]
            )
            runs = run_cron_in_batches(
                self,
                "lohi_clients.ir_cron_complaint_escalate",
                Complaint,
                "_cron_escalate_overdue",
                2,
            )
        self.assertGreaterEqual(overdue, 5)
        self.assertEqual(sum(done for done, _left in runs), overdue)
        self.assertEqual(runs[0], (2, overdue - 2))
        self.assertEqual(set(complaints.mapped("escalation_level")), {"1"})
