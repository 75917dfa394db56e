from datetime import date

from odoo.tests import tagged

from .common import LohiClientsCase, rolled_back, run_cron_in_batches


@tagged("post_install", "-at_install")
class TestCronBatches(LohiClientsCase):
    """Issue 10/11: the care crons do one batch per call and report the work left to the
    cron worker (ir.cron._notify_progress); batched runs do exactly what one run does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date(2026, 11, 23)
        cls.clients = cls.env["res.partner"]
        for i in range(5):
            cls.clients |= cls._client(
                name=f"批次客户{i}",
                lohi_birthdate=f"198{i}-11-23",
                lohi_tier="key",
                lohi_accepts_messages=i != 2,
                mobile=f"1390000{i:04d}",
            )

    def _care(self, kind, key_like):
        events = self.env["lohi.care.event"].search(
            [("kind", "=", kind), ("key", "=like", key_like)]
        )
        return sorted((e.partner_id.id, e.key) for e in events)

    def _activities(self):
        return self.env["mail.activity"].search_count([("res_model", "=", "res.partner")])

    def _sms(self):
        return sorted(self.env["lohi.sms.message"].search([]).mapped("dedupe_key"))

    def test_birthdays_in_batches(self):
        Partner = self.env["res.partner"]

        def one_shot():
            Partner._cron_lohi_birthdays(today=self.today)
            return self._care("birthday", "2026"), self._activities(), self._sms()

        before = self._care("birthday", "2026")
        expected = rolled_back(self, one_shot)
        self.assertTrue(set(self.clients.ids) <= {pid for pid, _key in expected[0]})
        runs = run_cron_in_batches(
            self,
            "lohi_clients.ir_cron_birthdays",
            Partner,
            "_cron_lohi_birthdays",
            2,
            today=self.today,
        )
        self.assertGreaterEqual(len(runs), 3)
        self.assertEqual(sum(done for done, _left in runs), len(expected[0]) - len(before))
        self.assertEqual(
            (self._care("birthday", "2026"), self._activities(), self._sms()), expected
        )

    def test_holidays_in_batches(self):
        Holiday = self.env["lohi.holiday"]
        Holiday.create({"name": "批次节", "date": self.today, "greeting": "{name}节日快乐"})
        Holiday.create({"name": "批次节二", "date": self.today, "greeting": "{name}好"})
        Partner = self.env["res.partner"]

        def one_shot():
            Partner._cron_lohi_holidays(today=self.today)
            return self._care("holiday", "批次节%"), self._sms()

        expected = rolled_back(self, one_shot)
        self.assertGreaterEqual(len(expected[0]), 8)  # 4 reachable clients × 2 holidays
        runs = run_cron_in_batches(
            self,
            "lohi_clients.ir_cron_holidays",
            Partner,
            "_cron_lohi_holidays",
            3,
            today=self.today,
        )
        self.assertEqual(sum(done for done, _left in runs), len(expected[0]))
        self.assertEqual((self._care("holiday", "批次节%"), self._sms()), expected)

    def test_revisits_in_batches(self):
        Rule = self.env["lohi.revisit.rule"]
        Rule.search([]).active = False
        Rule.create({"name": "批次重点回访", "tier": "key", "interval_days": 30})
        Rule.create({"name": "批次全员回访", "interval_days": 90})

        def one_shot():
            Rule._cron_plan_revisits(today=self.today)
            return self._care("revisit", "%"), self._activities()

        before = self._care("revisit", "%")
        expected = rolled_back(self, one_shot)
        self.assertGreaterEqual(len(expected[0]) - len(before), 10)  # 5 key clients × 2 plans
        runs = run_cron_in_batches(
            self,
            "lohi_clients.ir_cron_revisit",
            Rule,
            "_cron_plan_revisits",
            4,
            today=self.today,
        )
        self.assertEqual(sum(done for done, _left in runs), len(expected[0]) - len(before))
        self.assertEqual((self._care("revisit", "%"), self._activities()), expected)

    def test_sms_queue_in_batches(self):
        """X-6: the SMS cron sends one batch per call and reports the due messages left."""
        self.env["lohi.sms.message"].search([("state", "=", "queued")]).state = "cancelled"
        self.env["lohi.sms.provider"].search([]).active = False
        self.env["lohi.sms.provider"].create({"name": "批次日志网关", "kind": "log"})
        Sms = self.env["lohi.sms.message"]
        messages = Sms._queue(
            [
                {"partner_id": c.id, "number": c.mobile, "body": "您好", "dedupe_key": f"b:{c.id}"}
                for c in self.clients
            ]
        )
        Sms.flush_model()
        runs = run_cron_in_batches(self, "lohi_clients.ir_cron_sms_send", Sms, "_cron_send", 2)
        self.assertEqual(runs, [(2, 3), (2, 1), (1, 0)])
        self.assertEqual(set(messages.mapped("state")), {"sent"})
