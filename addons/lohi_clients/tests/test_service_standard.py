from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestServiceStandards(LohiClientsCase):
    """SVC-2 monthly KPIs and evaluations, SVC-3 re-visit plans."""

    def test_revisit_plan_idempotent_per_period(self):
        rule = self.env["lohi.revisit.rule"].create(
            {"name": "测试回访", "tier": "key", "interval_days": 30}
        )
        key_client = self._client(name="重点甲", lohi_tier="key")
        regular = self._client(name="普通乙")
        mine = [
            ("kind", "=", "revisit"),
            ("key", "like", f"{rule.id}:"),
            ("partner_id", "in", (key_client | regular).ids),
        ]
        Rule = self.env["lohi.revisit.rule"]
        Event = self.env["lohi.care.event"]
        Rule._cron_plan_revisits(today=date(2026, 11, 23))
        self.assertEqual(Event.search(mine).partner_id, key_client)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", key_client.id)]
        )
        self.assertEqual(activity.user_id, self.manager)
        Rule._cron_plan_revisits(today=date(2026, 11, 24))  # same period
        self.assertEqual(Event.search_count(mine), 1)
        Rule._cron_plan_revisits(today=date(2027, 1, 5))  # next period
        self.assertEqual(Event.search_count(mine), 2)

    def test_kpi_from_complaints(self):
        client = self._client()
        Complaint = self.env["lohi.complaint"].with_user(self.service)
        done = Complaint.create({"partner_id": client.id, "description": "甲"})
        done.action_accept()
        done.solution = "处理"
        done.action_propose_solution()
        done.action_close("5", "满意")
        Complaint.create({"partner_id": client.id, "description": "乙"})
        supervisor = new_test_user(
            self.env, login="t_kpi_sup", groups="lohi_clients.group_cs_supervisor"
        )
        self.env["lohi.staff.kpi"].invalidate_model()
        kpi = (
            self.env["lohi.staff.kpi"]
            .with_user(supervisor)
            .search([("user_id", "=", self.service.id)])
        )
        self.assertEqual(
            (kpi.handled, kpi.answered_on_time, kpi.resolved, kpi.satisfied), (2, 1, 1, 1)
        )
        self.assertEqual((kpi.resolution_rate, kpi.satisfaction_rate), (50.0, 100.0))
        with self.assertRaises(AccessError):
            self.env["lohi.staff.kpi"].with_user(self.service).search([])

    def test_evaluations(self):
        Evaluation = self.env["lohi.staff.evaluation"]
        own = Evaluation.with_user(self.service).create(
            {"user_id": self.service.id, "month": "2026-10-17", "kind": "self", "score": 90}
        )
        self.assertEqual(own.month, date(2026, 10, 1))
        with self.assertRaises(ValidationError):
            Evaluation.with_user(self.service).create(
                {"user_id": self.agent.id, "month": "2026-10-01", "kind": "self", "score": 90}
            )
        with self.assertRaises(ValidationError):
            Evaluation.with_user(self.service).create(
                {"user_id": self.agent.id, "month": "2026-10-01", "kind": "supervisor", "score": 60}
            )
        with self.assertRaises(AccessError):
            own.with_user(self.service).write({"score": 100})
