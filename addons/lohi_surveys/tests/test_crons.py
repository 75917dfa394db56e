from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.lohi_clients.tests.common import rolled_back, run_cron_in_batches

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestCrons(SurveyCase):
    def test_monthly_summary_idempotent(self):
        """SUR-5: one summary per direct-run centre and month; twice = same records."""
        self.enter(self.agent, self.client_a, {"attitude": 5, "speed": 3}, 10)
        self.enter(self.agent, self.client_b, {"attitude": 4}, 5)
        today = fields_today = date.today()
        next_month = (fields_today.replace(day=1) + relativedelta(months=1)).replace(day=3)
        Month = self.env["lohi.survey.centre.month"]
        first = Month._cron_monthly_summary(today=next_month)
        second = Month._cron_monthly_summary(today=next_month)
        self.assertEqual(first, second)
        mine = first.filtered(lambda s: s.centre_id == self.centre_a)
        self.assertEqual(mine.period, today.strftime("%Y-%m"))
        self.assertEqual((mine.answered_count, mine.rated_count), (1, 2))
        self.assertAlmostEqual(mine.satisfaction_rate, 50.0)
        self.assertAlmostEqual(mine.mean_score, 4.0)
        self.assertAlmostEqual(mine.nps, 100.0)
        self.assertFalse(first.filtered(lambda s: s.centre_id == self.centre_f))
        self.assertEqual(
            Month.search_count([("centre_id", "=", self.centre_a.id), ("month", "=", mine.month)]),
            1,
        )

    def test_top_spender_tasks_idempotent(self):
        """SUR-6: top 10 per direct-run centre, one call-back and activity per client."""
        clients = self.client_a | self.client_a2
        extra = [
            self.make_client(
                f"客户{i}", self.centre_a, self.doctor_a, self.manager_a, f"1370000{i:04d}"
            )
            for i in range(10)
        ]
        ranking = {
            self.centre_a.id: [(p.id, 10000.0 - i) for i, p in enumerate([*clients, *extra])],
            self.centre_f.id: [(self.client_b.id, 9999.0)],
        }
        Callback = self.env["lohi.survey.callback"]
        first = Callback._create_top_spender_tasks(ranking, date(2026, 10, 1))
        self.assertEqual(len(first), 10)
        self.assertEqual(set(first.centre_id.ids), {self.centre_a.id})
        self.assertEqual(first.filtered(lambda c: c.rank == 1).partner_id, self.client_a)
        self.assertEqual(len(first.activity_id), 10)
        self.assertLessEqual(set(first.user_id.ids), set(Callback._lohi_agents().ids))
        self.assertEqual(
            first.activity_id.activity_type_id,
            self.env.ref("lohi_surveys.mail_activity_type_satisfaction_call"),
        )
        self.assertFalse(Callback._create_top_spender_tasks(ranking, date(2026, 10, 15)))
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", clients.ids)]
        )
        self.assertEqual(len(activities), 2)
        # The real monthly run works on whatever the timeline holds, twice.
        Callback._cron_top_spenders()
        count = Callback.search_count([])
        Callback._cron_top_spenders()
        self.assertEqual(Callback.search_count([]), count)

    def test_institution_quarterly_idempotent(self):
        """SUR-7: one invitation per portal user of an active institution and quarter."""
        Institution = self.env["lohi.institution"]
        active = Institution.create({"name": "测试合作机构", "is_company": True, "state": "active"})
        prospect = Institution.create(
            {"name": "洽谈中机构", "is_company": True, "state": "prospect"}
        )
        users = self.env["res.users"]
        for inst in (active, prospect):
            contact = self.env["res.partner"].create(
                {
                    "name": f"{inst.name}联系人",
                    "parent_id": inst.partner_id.id,
                    "email": f"p{inst.id}@example.com",
                }
            )
            users |= self.env["res.users"].create(
                {
                    "login": f"portal{inst.id}",
                    "partner_id": contact.id,
                    "groups_id": [
                        (6, 0, self.env.ref("lohi_clients.group_institution_portal").ids)
                    ],
                }
            )
        Answer = self.env["survey.user_input"]
        first = Answer._cron_institution_quarterly(today=date(2027, 1, 5))
        mine = first.filtered(lambda a: a.lohi_institution_id == active)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.partner_id, users[0].partner_id)
        self.assertEqual(mine.lohi_period, "2026-Q4")
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", mine.id)]
        )
        self.assertEqual(len(mail), 1, "the portal user gets the survey link by e-mail")
        self.assertIn(mine.access_token, mail.body_html)
        self.assertFalse(first.filtered(lambda a: a.lohi_institution_id == prospect))
        self.assertFalse(Answer._cron_institution_quarterly(today=date(2027, 2, 5)))
        again = Answer._cron_institution_quarterly(today=date(2027, 4, 2))
        self.assertEqual(
            again.filtered(lambda a: a.lohi_institution_id == active).lohi_period, "2027-Q1"
        )

    def test_monthly_summary_xlsx(self):
        """X-3: HQ downloads the summaries as xlsx, with the rates by dimension."""
        from io import BytesIO

        from openpyxl import load_workbook

        self.enter(self.agent, self.client_a, {"attitude": 5, "speed": 2}, 10)
        first = date.today().replace(day=1)
        summaries = self.env["lohi.survey.centre.month"]._build_summaries(
            first, first + relativedelta(months=1)
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.service)
            ._render("lohi_surveys.centre_month_xlsx", summaries.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = load_workbook(BytesIO(content), read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(len(rows), len(summaries) + 1)
        mine = [r for r in rows if r[1] == self.centre_a.name]
        self.assertEqual(mine[0][5], 50.0)
        detail = [
            r for r in book.worksheets[1].iter_rows(values_only=True) if r[1] == self.centre_a.name
        ]
        self.assertEqual(sorted(r[4] for r in detail), [0.0, 100.0])

    def test_top_spenders_in_batches(self):
        """Issue 10/11: one direct-run centre per call with ``batch=1``, the centres left
        counted for the cron worker; batched runs list what one run lists, once."""
        Callback = self.env["lohi.survey.callback"]
        Centre = self.env["lohi.centre"]

        def listed():
            return sorted(
                (c.partner_id.id, c.centre_id.id, c.rank, c.amount, c.activity_id.summary)
                for c in Callback.search([])
            )

        direct = Centre.search_count([("centre_type", "=", "direct")])
        self.assertGreaterEqual(direct, 2)
        expected = rolled_back(self, lambda: (Callback._cron_top_spenders(), listed())[1])
        runs = run_cron_in_batches(
            self, "lohi_surveys.ir_cron_top_spenders", Callback, "_cron_top_spenders", 1
        )
        self.assertEqual(runs, [(1, direct - i) for i in range(1, direct + 1)])
        self.assertEqual(listed(), expected)

    def test_institution_quarterly_in_batches(self):
        """Issue 10/11: at most ``batch`` portal users invited per call, the users left
        counted in SQL for the cron worker; batched runs invite whom one run invites."""
        active = self.env["lohi.institution"].create(
            {"name": "批次合作机构", "is_company": True, "state": "active"}
        )
        for i in range(5):
            contact = self.env["res.partner"].create(
                {
                    "name": f"批次联系人{i}",
                    "parent_id": active.partner_id.id,
                    "email": f"batch{i}@example.com",
                }
            )
            self.env["res.users"].create(
                {
                    "login": f"batch_portal{i}",
                    "partner_id": contact.id,
                    "groups_id": [
                        (6, 0, self.env.ref("lohi_clients.group_institution_portal").ids)
                    ],
                }
            )
        Answer = self.env["survey.user_input"]
        today = date(2027, 1, 5)

        def invited():
            answers = Answer.search([("lohi_period", "=", "2026-Q4")])
            mails = self.env["mail.mail"].search_count(
                [("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)]
            )
            return sorted((a.partner_id.id, a.lohi_dedupe_key) for a in answers), mails

        before = invited()
        expected = rolled_back(
            self, lambda: (Answer._cron_institution_quarterly(today=today), invited())[1]
        )
        self.assertGreaterEqual(len(expected[0]) - len(before[0]), 5)
        runs = run_cron_in_batches(
            self,
            "lohi_surveys.ir_cron_institution_quarterly",
            Answer,
            "_cron_institution_quarterly",
            2,
            today=today,
        )
        self.assertEqual(sum(done for done, _left in runs), len(expected[0]) - len(before[0]))
        self.assertEqual(invited(), expected)
