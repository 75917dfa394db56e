from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.lohi_call import normalize_number


@tagged("post_install", "-at_install")
class TestCall(TransactionCase):
    """CC-1 inbound calls, CC-2 campaigns, CC-4 scripts, CC-5 quality, CC-7 timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.centre = cls.env["lohi.centre"].create({"name": "呼叫测试中心", "code": "CCT"})
        cls.agent = new_test_user(cls.env, login="cc_t_agent", groups="lohi_clients.group_cc_agent")
        cls.agent2 = new_test_user(
            cls.env, login="cc_t_agent2", groups="lohi_clients.group_cc_agent"
        )
        cls.supervisor = new_test_user(
            cls.env, login="cc_t_sup", groups="lohi_clients.group_cc_supervisor"
        )
        cls.doctor = new_test_user(
            cls.env, login="cc_t_doc", groups="lohi_clients.group_functional_doctor"
        )
        cls.doctor.lohi_centre_ids = cls.centre
        cls.client = cls.env["res.partner"].create(
            {
                "name": "来电客户",
                "lohi_is_client": True,
                "lohi_birthdate": "1982-03-04",
                "mobile": "139 8765 4321",
                "lohi_doctor_id": cls.doctor.id,
                "lohi_health_manager_id": cls.doctor.id,
                "lohi_centre_id": cls.centre.id,
                "lohi_source": "hotline",
                "lohi_remark": "测试",
            }
        )

    def test_inbound_call_finds_client_by_number(self):
        self.assertEqual(normalize_number("+86 139-8765-4321"), "13987654321")
        self.assertEqual(normalize_number("0086 13987654321"), "13987654321")
        call = self.env["lohi.call"].with_user(self.agent).create({"number": "+86 139-8765-4321"})
        self.assertEqual(call.partner_id, self.client)
        self.assertTrue(call.name.startswith("HJ"))
        unknown = self.env["lohi.call"].with_user(self.agent).create({"number": "021 5555 0000"})
        self.assertFalse(unknown.partner_id)
        action = unknown.action_open_client()
        self.assertEqual(action["context"]["default_mobile"], "021 5555 0000")
        self.assertEqual(call.action_open_client()["res_id"], self.client.id)

    def test_client_saved_from_popup_becomes_the_calls_client(self):
        """CC-1: the new-client form of an unknown caller links the call when saved,
        only to a client with that number."""
        call = self.env["lohi.call"].with_user(self.agent).create({"number": "021 5555 0000"})
        context = call.action_open_client()["context"]
        values = {
            "lohi_birthdate": "1990-01-02",
            "lohi_doctor_id": self.doctor.id,
            "lohi_health_manager_id": self.doctor.id,
            "lohi_centre_id": self.centre.id,
            "lohi_remark": "来电新客户",
        }
        Partner = self.env["res.partner"].with_user(self.agent).with_context(**context)
        other = Partner.create(dict(values, name="别的号码", mobile="021 6666 0000"))
        self.assertFalse(call.partner_id, "a client with another number is not the caller")
        client = Partner.create(dict(values, name="新来电客户", mobile="021 5555 0000"))
        self.assertEqual(client.lohi_source, "hotline")
        self.assertEqual(call.partner_id, client)
        self.assertNotEqual(call.partner_id, other)

    def test_escalation_overdue_and_owner(self):
        call = (
            self.env["lohi.call"]
            .with_user(self.agent)
            .create({"number": "13987654321", "content": "报告查询", "call_type": "report_query"})
        )
        with self.assertRaises(ValidationError):
            call.action_escalate()
        call.write(
            {
                "escalate_to_id": self.supervisor.id,
                "promised_time": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        call.action_escalate()
        self.assertEqual(call.result, "escalated")
        self.assertIn(self.supervisor, call.activity_ids.user_id)
        self.assertIn(call, self.env["lohi.call"].search([("escalation_overdue", "=", True)]))
        with self.assertRaises(UserError):
            call.with_user(self.agent2).action_escalation_solved()
        call.with_user(self.supervisor).action_escalation_solved()
        self.assertEqual(call.result, "solved")
        self.assertFalse(call.escalation_overdue)

    def test_scripts_beside_call_by_type(self):
        Script = self.env["lohi.call.script"]
        general = Script.create({"situation": "通用开场", "phrase": "您好"})
        report = Script.create(
            {"situation": "报告查询", "phrase": "请稍等", "call_type": "report_query"}
        )
        call = (
            self.env["lohi.call"]
            .with_user(self.agent)
            .create({"number": "1", "call_type": "report_query"})
        )
        self.assertTrue({general, report} <= set(call.script_ids))
        call.call_type = "booking"
        self.assertIn(general, call.script_ids)
        self.assertNotIn(report, call.script_ids)
        with self.assertRaises(AccessError):
            Script.with_user(self.agent).create({"situation": "x", "phrase": "y"})

    def test_complaint_from_call(self):
        call = (
            self.env["lohi.call"]
            .with_user(self.agent)
            .create({"number": "13987654321", "call_type": "complaint", "content": "对服务不满"})
        )
        call.action_create_complaint()
        self.assertEqual(call.complaint_id.owner_id, self.agent)
        self.assertEqual(call.complaint_id.partner_id, self.client)

    def test_campaign_assignment_and_outcome(self):
        clients = self.client
        for index in range(3):
            clients |= self.client.copy(
                {"name": f"活动客户{index}", "mobile": f"1380000000{index}", "lohi_is_client": True}
            )
        campaign = (
            self.env["lohi.call.campaign"]
            .with_user(self.supervisor)
            .create(
                {
                    "name": "复检提醒",
                    "purpose": "提醒复检",
                    "target_domain": f"[('id', 'in', {clients.ids})]",
                    "date_end": fields.Date.today() + timedelta(days=7),
                    "agent_ids": [(6, 0, (self.agent | self.agent2).ids)],
                }
            )
        )
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).action_start()
        campaign.action_start()
        self.assertEqual(len(campaign.task_ids), 4)
        self.assertEqual(len(campaign.task_ids.filtered(lambda t: t.agent_id == self.agent)), 2)
        campaign.action_start()
        self.assertEqual(len(campaign.task_ids), 4, "assigning again adds nothing twice")
        Task = self.env["lohi.call.task"]
        mine = Task.with_user(self.agent).search([("campaign_id", "=", campaign.id)])
        self.assertEqual(mine.agent_id, self.agent)
        task = mine[0]
        with self.assertRaises(UserError):
            task.action_done()  # outcome missing
        task.write({"reached": "yes", "interested": "no"})
        with self.assertRaises(UserError):
            task.action_done()  # reason missing
        task.not_interested_reason = "近期出差"
        other = campaign.task_ids.filtered(lambda t: t.agent_id == self.agent2)[0]
        with self.assertRaises(AccessError):
            other.with_user(self.agent).write({"reached": "yes"})
        task.with_user(self.agent).action_done()
        self.assertEqual((campaign.reached_count, campaign.interested_count), (1, 0))

    def test_quality_score_and_kpi(self):
        call = (
            self.env["lohi.call"]
            .with_user(self.agent)
            .create(
                {
                    "number": "13987654321",
                    "start": "2026-10-10 02:00:00",
                    "answer_time": "2026-10-10 02:00:12",
                    "end_time": "2026-10-10 02:05:12",
                    "solution": "已解答",
                }
            )
        )
        call.action_solve()
        self.assertEqual((call.ring_seconds, call.duration), (12, 300))
        sheet = self.env.ref("lohi_callcenter.lohi_call_score_sheet_default")
        with self.assertRaises(AccessError):
            self.env["lohi.call.score"].with_user(self.agent).create(
                {"call_id": call.id, "sheet_id": sheet.id}
            )
        criterion = sheet.criterion_ids[0]
        with self.assertRaises(ValidationError):
            self.env["lohi.call.score"].with_user(self.supervisor).create(
                {
                    "call_id": call.id,
                    "sheet_id": sheet.id,
                    "line_ids": [
                        (0, 0, {"criterion_id": criterion.id, "points": criterion.max_points + 1})
                    ],
                }
            )
        score = (
            self.env["lohi.call.score"]
            .with_user(self.supervisor)
            .create(
                {
                    "call_id": call.id,
                    "sheet_id": sheet.id,
                    "line_ids": [
                        (0, 0, {"criterion_id": c.id, "points": c.max_points})
                        for c in sheet.criterion_ids
                    ],
                }
            )
        )
        self.assertEqual(score.percent, 100.0)
        self.env.flush_all()
        kpi = (
            self.env["lohi.agent.kpi"]
            .with_user(self.supervisor)
            .search([("agent_id", "=", self.agent.id), ("month", "=", "2026-10-01")])
        )
        self.assertEqual(
            (kpi.calls, kpi.avg_answer_seconds, kpi.resolution_rate, kpi.quality_score),
            (1, 12.0, 100.0, 100.0),
        )
        with self.assertRaises(AccessError):
            self.env["lohi.agent.kpi"].with_user(self.agent).search([])
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            ._render("lohi_callcenter.agent_kpi_xlsx", kpi.ids, {})
        )
        rows = list(
            load_workbook(BytesIO(content), read_only=True)
            .worksheets[0]
            .iter_rows(values_only=True)
        )
        self.assertEqual((kind, rows[1][0], rows[1][2], rows[1][6]), ("xlsx", "2026-10", 1, 100.0))

    def test_calls_on_timeline_and_access(self):
        call = (
            self.env["lohi.call"]
            .with_user(self.agent)
            .create({"number": "13987654321", "content": "咨询"})
        )
        # the call history is one click from the archive
        client = self.client.with_user(self.agent)
        self.assertEqual(client.lohi_call_count, 1)
        action = client.action_lohi_open_calls()
        self.assertEqual(self.env["lohi.call"].search(action["domain"]), call)
        self.env.flush_all()
        rows = (
            self.env["lohi.timeline"]
            .with_user(self.doctor)
            .search([("partner_id", "=", self.client.id), ("kind", "=", "call")])
        )
        self.assertEqual(rows.res_id, call.id)
        other_doctor = new_test_user(
            self.env, login="cc_t_doc2", groups="lohi_clients.group_functional_doctor"
        )
        self.assertFalse(
            self.env["lohi.call"].with_user(other_doctor).search([("id", "=", call.id)])
        )
