import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LohiClientsCase


class _GatewayHandler(BaseHTTPRequestHandler):
    """A stand-in SMS gateway: a real HTTP server on loopback (X-6 tests)."""

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        key = self.headers.get("Idempotency-Key")
        server.received.append(
            {"auth": self.headers.get("Authorization"), "payload": json.loads(body), "key": key}
        )
        status = server.statuses.pop(0) if server.statuses else 200
        if status == 200 and key:
            # like a gateway that honours the key: a known key is not delivered again
            server.delivered.setdefault(key, f"gw-{len(server.received)}")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": f"gw-{len(server.received)}"}).encode())

    def log_message(self, *args):
        return


@tagged("post_install", "-at_install")
class TestSmsGateway(LohiClientsCase):
    """X-6: pluggable gateway, queued sending with retry, failures visible."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), _GatewayHandler)
        cls.server.received, cls.server.statuses, cls.server.delivered = [], [], {}
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.env["lohi.sms.provider"].search([]).active = False
        # demo messages (today's birthdays) must not go through the test gateway
        cls.env["lohi.sms.message"].search([("state", "=", "queued")]).state = "cancelled"
        cls.provider = cls.env["lohi.sms.provider"].create(
            {
                "name": "本地测试网关",
                "kind": "http",
                "endpoint": f"http://127.0.0.1:{cls.server.server_address[1]}/send",
                "api_key": "secret-key",
                "signature": "洛奇健康",
            }
        )
        cls.client = cls._client()

    def setUp(self):
        super().setUp()
        self.server.received.clear()
        self.server.statuses.clear()
        self.server.delivered.clear()

    def _queue(self, key="k1"):
        return self.env["lohi.sms.message"]._queue(
            [
                {
                    "partner_id": self.client.id,
                    "number": "13912345678",
                    "body": "测试短信",
                    "dedupe_key": key,
                }
            ]
        )

    def test_resend_after_crash_carries_the_same_key(self):
        """Issue 11: the server stops after the gateway accepted a message, before the
        sent state is committed (rolled back here); the next run sends it again with the
        same idempotency key, so a gateway that honours it delivers it once."""
        message = self._queue("crash-key")
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            self.env["lohi.sms.message"]._cron_send()
            self.assertEqual(message.state, "sent")
            raise RuntimeError("killed before the commit")
        self.env.invalidate_all()
        self.assertEqual(message.state, "queued", "the sent state was never committed")
        self.env["lohi.sms.message"]._cron_send()
        self.assertEqual(message.state, "sent")
        keys = [r["key"] for r in self.server.received]
        self.assertEqual(len(keys), 2)
        self.assertEqual(keys[0], keys[1])
        self.assertEqual(keys[0], self.server.received[0]["payload"]["out_id"])
        self.assertIn(str(message.id), keys[0])
        self.assertEqual(len(self.server.delivered), 1, "delivered once")
        other = self._queue("other-key")
        self.env["lohi.sms.message"]._cron_send()
        self.assertNotEqual(self.server.received[-1]["key"], keys[0], f"{other} has its own key")

    def test_sent_through_http_gateway(self):
        message = self._queue()
        self.env["lohi.sms.message"]._cron_send()
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.external_id, "gw-1")
        self.assertEqual(self.server.received[0]["auth"], "Bearer secret-key")
        self.assertEqual(
            self.server.received[0]["payload"],
            {
                "to": "13912345678",
                "text": "测试短信",
                "sign": "洛奇健康",
                "out_id": message._idempotency_key(),
            },
        )

    def test_retry_then_failure_visible(self):
        message = self._queue()
        self.server.statuses.extend([500] * 5)
        Sms = self.env["lohi.sms.message"]
        for attempt in range(1, 6):
            message.next_try = fields.Datetime.now() - timedelta(seconds=1)
            Sms._cron_send()
            self.assertEqual(message.attempts, attempt)
        self.assertEqual(message.state, "failed")
        self.assertIn("500", message.last_error)
        self.assertEqual(len(self.server.received), 5)
        # not due yet: nothing is sent before next_try
        retry = self._queue("k2")
        self.server.statuses.append(503)
        Sms._cron_send()
        self.assertEqual(retry.state, "queued")
        self.assertGreater(retry.next_try, fields.Datetime.now())
        Sms._cron_send()
        self.assertEqual(retry.attempts, 1, "a message waits for its next try")

    def test_unreachable_gateway_keeps_message_queued(self):
        self.provider.endpoint = "http://127.0.0.1:9/unreachable"
        message = self._queue()
        self.env["lohi.sms.message"]._cron_send()
        self.assertEqual(message.state, "queued")
        self.assertTrue(message.last_error)

    def test_dedupe_key_queues_once(self):
        first = self._queue("same")
        second = self._queue("same")
        self.assertTrue(first)
        self.assertFalse(second)

    def test_only_admin_configures_gateways(self):
        with self.assertRaises(AccessError):
            self.env["lohi.sms.provider"].with_user(self.service).search([])
        with self.assertRaises(AccessError):
            self.env["lohi.sms.message"].with_user(self.service).create(
                {"number": "1", "body": "x"}
            )


@tagged("post_install", "-at_install")
class TestPersonalCare(LohiClientsCase):
    """CLI-13: birthday and holiday crons are idempotent and honour opt-out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date(2026, 11, 23)
        cls.greeted = cls._client(name="周美华", lohi_birthdate="1975-11-23", lohi_gender="female")
        cls.silent = cls._client(
            name="吴国栋",
            lohi_birthdate="1968-11-23",
            lohi_gender="male",
            lohi_accepts_messages=False,
        )
        cls.not_today = cls._client(name="郑晓", lohi_birthdate="1990-11-24")

    def test_birthday_cron_idempotent(self):
        Partner = self.env["res.partner"]
        Partner._cron_lohi_birthdays(today=self.today)
        events = self.env["lohi.care.event"].search(
            [("kind", "=", "birthday"), ("key", "=", "2026")]
        )
        self.assertTrue({self.greeted, self.silent} <= set(events.partner_id))
        self.assertNotIn(self.not_today, events.partner_id)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", [self.greeted.id, self.silent.id])]
        )
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.manager)
        sms = self.env["lohi.sms.message"].search(
            [("partner_id", "in", [self.greeted.id, self.silent.id])]
        )
        self.assertEqual(
            sms.partner_id, self.greeted, "only clients who accept messages are greeted"
        )
        self.assertIn("周女士", sms.body)
        # a second run on the same day does nothing twice
        Partner._cron_lohi_birthdays(today=self.today)
        self.assertEqual(
            self.env["lohi.care.event"].search_count(
                [("kind", "=", "birthday"), ("key", "=", "2026")]
            ),
            len(events),
        )
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", [self.greeted.id, self.silent.id]),
                ]
            ),
            2,
        )

    def test_leap_day_birthday_on_feb_28(self):
        leap = self._client(name="冯二九", lohi_birthdate="1992-02-29")
        self.env["res.partner"]._cron_lohi_birthdays(today=date(2027, 2, 28))
        self.assertTrue(
            self.env["lohi.care.event"].search(
                [("partner_id", "=", leap.id), ("kind", "=", "birthday")]
            )
        )

    def test_holiday_greeting_idempotent(self):
        self.env["lohi.holiday"].create(
            {"name": "测试节", "date": self.today, "greeting": "尊敬的{name}，节日快乐！"}
        )
        Partner = self.env["res.partner"]
        Partner._cron_lohi_holidays(today=self.today)
        sms = self.env["lohi.sms.message"].search([("origin", "=", "测试节")])
        self.assertIn(self.greeted, sms.partner_id)
        self.assertNotIn(self.silent, sms.partner_id)
        self.assertIn(
            "尊敬的周女士，节日快乐！", sms.filtered(lambda m: m.partner_id == self.greeted).body
        )
        Partner._cron_lohi_holidays(today=self.today)
        self.assertEqual(
            self.env["lohi.sms.message"].search_count([("origin", "=", "测试节")]), len(sms)
        )

    def test_marketing_push_honours_opt_out(self):
        marketing = self.env["res.users"].create(
            {
                "name": "市场专员",
                "login": "t_marketing",
                "groups_id": [(6, 0, [self.env.ref("lohi_clients.group_marketing").id])],
            }
        )
        push = (
            self.env["lohi.marketing.push"]
            .with_user(marketing)
            .create(
                {
                    "name": "春季讲座",
                    "centre_ids": [(6, 0, self.centre_a.ids)],
                    "body": "{name}您好，欢迎参加讲座",
                }
            )
        )
        push.action_send()
        sms = self.env["lohi.sms.message"].search([("origin", "=", "春季讲座")])
        self.assertIn(self.greeted, sms.partner_id)
        self.assertNotIn(self.silent, sms.partner_id)
        push.action_send()
        self.assertEqual(
            self.env["lohi.sms.message"].search_count([("origin", "=", "春季讲座")]), len(sms)
        )
        with self.assertRaises(AccessError):
            self.env["lohi.marketing.push"].with_user(self.doctor).create(
                {"name": "x", "body": "y"}
            )
        empty = (
            self.env["lohi.marketing.push"]
            .with_user(marketing)
            .create(
                {
                    "name": "空",
                    "centre_ids": [(6, 0, self.centre_b.ids)],
                    "tier": "vip",
                    "body": "y",
                }
            )
        )
        with self.assertRaises(UserError):
            empty.action_send()
