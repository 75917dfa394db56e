import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.lohi_clients.tools.signed_request import sign

SECRET = "pbx-test-secret"
URL = "/lohi/telephony/event"


@tagged("post_install", "-at_install", "lohi_http")
class TestTelephony(HttpCase):
    """CC-6: the authenticated exchange endpoint (ringing, answered, hang-up, recording),
    duplicate and hostile deliveries, the incoming-call popup (CC-1), click-to-dial."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("lohi_callcenter.telephony_secret", SECRET)
        cls.agent = new_test_user(cls.env, login="tel_agent", groups="lohi_clients.group_cc_agent")
        cls.agent.lohi_extension = "8801"

    def _post(
        self, payload, secret=SECRET, timestamp=None, content_type="application/json", raw=None
    ):
        body = raw if raw is not None else json.dumps(payload).encode()
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        headers = {"Content-Type": content_type, "X-Lohi-Timestamp": timestamp}
        if secret:
            headers["X-Lohi-Signature"] = "sha256=" + sign(secret, timestamp, body)
        return self.url_open(URL, data=body, headers=headers)

    def _ring(self, event_id="e-1", call_id="c-1", number="+86 139 0000 1111"):
        return self._post(
            {
                "event_id": event_id,
                "call_id": call_id,
                "type": "ringing",
                "direction": "in",
                "number": number,
                "extension": "8801",
            }
        )

    def test_call_lifecycle_and_popup(self):
        response = self._ring()
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["status"], "ok")
        call = self.env["lohi.call"].search([("external_id", "=", "c-1")])
        self.assertEqual(
            (call.agent_id, call.direction, call.number_normalized),
            (self.agent, "in", "13900001111"),
        )
        popup = self.env["bus.bus"].sudo().search([("message", "like", "lohi_call_incoming")])
        self.assertTrue(popup, "the agent's browser is told about the call")
        self.assertIn(f"{self.agent.partner_id.id}]", popup[-1].channel)
        self.assertEqual(
            self._post({"event_id": "e-2", "call_id": "c-1", "type": "answered"}).status_code, 200
        )
        self.assertEqual(
            self._post({"event_id": "e-3", "call_id": "c-1", "type": "hangup"}).status_code, 200
        )
        self.assertEqual(
            self._post(
                {
                    "event_id": "e-4",
                    "call_id": "c-1",
                    "type": "recording",
                    "recording_url": "https://pbx.example/r/1.mp3",
                }
            ).status_code,
            200,
        )
        call.invalidate_recordset()
        self.assertTrue(call.answer_time and call.end_time)
        self.assertEqual(call.recording_url, "https://pbx.example/r/1.mp3")

    def test_duplicate_delivery_changes_nothing(self):
        self._ring()
        again = self._ring()
        self.assertEqual(again.json()["status"], "duplicate")
        self.assertEqual(self.env["lohi.call"].search_count([("external_id", "=", "c-1")]), 1)
        self.assertEqual(
            self.env["lohi.telephony.event"].search_count([("event_id", "=", "e-1")]), 1
        )

    def test_hostile_requests_write_nothing(self):
        before = self.env["lohi.telephony.event"].search_count([])
        payload = {
            "event_id": "h-1",
            "call_id": "h-1",
            "type": "ringing",
            "direction": "in",
            "number": "1390000",
        }
        cases = [
            (self._post(payload, secret=None), 401),
            (self._post(payload, secret="wrong-secret"), 401),
            (self._post(payload, timestamp=int(time.time()) - 3600), 401),
            (self._post(payload, content_type="text/plain"), 415),
            (self._post(None, raw=b"{not json"), 400),
            (self._post(None, raw=b"\xff\xfe\x00garbage"), 400),
            (self._post({"event_id": "h-2", "call_id": "h-2", "type": "explode"}), 400),
            (
                self._post(
                    {"event_id": "h-3", "call_id": "h-3", "type": "ringing", "direction": "in"}
                ),
                400,
            ),
            (
                self._post(
                    {
                        "event_id": "'; DROP TABLE lohi_call; --",
                        "call_id": "<script>",
                        "type": "hangup",
                    }
                ),
                200,
            ),
            (self._post(None, raw=b"x" * (70 * 1024)), 413),
        ]
        for response, status in cases:
            self.assertEqual(response.status_code, status, response.text)
        # only the well-formed hang-up with odd ids was recorded, as plain text
        self.assertEqual(self.env["lohi.telephony.event"].search_count([]), before + 1)
        self.assertTrue(self.env["lohi.call"].search([("external_id", "=", "<script>")]))

    def test_click_to_dial(self):
        received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.env["ir.config_parameter"].sudo().set_param(
            "lohi_callcenter.dial_url", f"http://127.0.0.1:{server.server_address[1]}/dial"
        )
        client = self.env["res.partner"].create({"name": "外呼客户", "mobile": "+86 138 1111 2222"})
        action = client.with_user(self.agent).action_lohi_click_to_dial()
        self.assertEqual(received, [{"extension": "8801", "number": "13811112222"}])
        call = self.env["lohi.call"].browse(action["res_id"])
        self.assertEqual(
            (call.direction, call.agent_id, call.partner_id), ("out", self.agent, client)
        )
        nobody = new_test_user(self.env, login="tel_agent2", groups="lohi_clients.group_cc_agent")
        with self.assertRaises(UserError):
            client.with_user(nobody).action_lohi_click_to_dial()  # no extension
