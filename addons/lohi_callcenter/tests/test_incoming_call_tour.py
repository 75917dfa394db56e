from unittest.mock import patch

from odoo import sql_db
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.bus.models.bus import ODOO_NOTIFY_FUNCTION, get_notify_payloads
from odoo.addons.bus.websocket import WebsocketConnectionHandler

# The same constants are in static/tests/tours/lohi_incoming_call.js: the tour signs its
# exchange events with this secret, for the agent on this extension.
TOUR_SECRET = "lohi-tour-pbx-secret"
TOUR_EXTENSION = "8809"


@tagged("post_install", "-at_install", "lohi_http")
class TestIncomingCallTour(HttpCase):
    """CC-1 from pop-up to logged result, in the browser, through the real path: the tour
    posts a signed ringing event to /lohi/telephony/event (CC-6), the server queues the bus
    notification for the agent, PostgreSQL's NOTIFY wakes Odoo's bus dispatcher, the
    agent's browser receives it over its websocket and the incoming-call service opens
    the archive and the pop-up.

    Two things differ from production, both only in this test: Odoo refuses websockets
    while a test runs (we allow them, as Odoo's own WebsocketCase does), and a test cursor
    drops post-commit hooks, where bus.bus sends its NOTIFY (we send the same NOTIFY right
    after the test cursor commits)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "lohi_callcenter.telephony_secret", TOUR_SECRET
        )
        cls.centre = cls.env["lohi.centre"].create({"name": "来电测试中心", "code": "TOURCC"})
        cls.agent = new_test_user(
            cls.env,
            login="tour_agent",
            name="Tour Agent",
            groups="lohi_clients.group_cc_agent",
            lang="zh_CN",
        )
        cls.agent.lohi_extension = TOUR_EXTENSION
        cls.doctor = new_test_user(
            cls.env,
            login="tour_doctor",
            name="Tour Doctor",
            groups="lohi_clients.group_functional_doctor",
        )
        cls.manager = new_test_user(
            cls.env,
            login="tour_manager",
            name="Tour Manager",
            groups="lohi_clients.group_health_manager",
        )
        client_values = {
            "lohi_is_client": True,
            "lohi_birthdate": "1975-08-12",
            "lohi_doctor_id": cls.doctor.id,
            "lohi_health_manager_id": cls.manager.id,
            "lohi_centre_id": cls.centre.id,
            "lohi_source": "hotline",
            "lohi_remark": "测试客户",
        }
        cls.zhao, cls.qian = cls.env["res.partner"].create(
            [
                dict(client_values, name="赵丽华", mobile="139 1000 2001"),
                dict(client_values, name="钱建国", mobile="139 1000 2002"),
            ]
        )

    def setUp(self):
        super().setUp()
        self.startPatcher(
            patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True)
        )
        commit = sql_db.TestCursor.commit

        def commit_and_notify(cursor):
            # what bus.bus's post-commit hook does after a real commit
            channels = list(cursor.postcommit.data.get("bus.bus.channels", ()))
            commit(cursor)
            if channels:
                with sql_db.db_connect("postgres").cursor() as cr:
                    for payload in get_notify_payloads(channels):
                        cr.execute(
                            SQL(
                                "SELECT %s('imbus', %s)",
                                SQL.identifier(ODOO_NOTIFY_FUNCTION),
                                payload,
                            )
                        )

        self.startPatcher(patch.object(sql_db.TestCursor, "commit", commit_and_notify))

    def _call(self, external_id):
        return self.env["lohi.call"].search([("external_id", "=", external_id)])

    def test_known_caller_archive_to_solved_call(self):
        self.start_tour("/odoo", "lohi_incoming_call_known", login="tour_agent")
        call = self._call("tour-known")
        self.assertEqual(
            (call.direction, call.partner_id, call.agent_id, call.result),
            ("in", self.zhao, self.agent, "solved"),
        )
        self.assertEqual(call.content, "询问检测报告何时出来")
        self.assertTrue(call.solution)

    def test_complaint_call_becomes_the_agents_complaint(self):
        self.start_tour("/odoo", "lohi_incoming_call_complaint", login="tour_agent")
        call = self._call("tour-complaint")
        self.assertEqual((call.partner_id, call.call_type), (self.qian, "complaint"))
        complaint = call.complaint_id
        self.assertEqual(
            (complaint.partner_id, complaint.owner_id, complaint.channel),
            (self.qian, self.agent, "hotline"),
        )
        self.assertEqual(complaint.description, "上周采样时等候超过一小时，无人解释")

    def test_unknown_caller_new_client_then_logged(self):
        self.start_tour("/odoo", "lohi_incoming_call_new_client", login="tour_agent")
        call = self._call("tour-new")
        client = self.env["res.partner"].search([("name", "=", "孙美玲")])
        self.assertEqual(len(client), 1)
        self.assertEqual(
            (client.mobile, client.lohi_source, client.lohi_centre_id),
            ("021 6600 3003", "hotline", self.centre),
        )
        self.assertEqual((call.partner_id, call.result), (client, "solved"))
