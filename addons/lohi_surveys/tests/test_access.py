from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestAccess(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answer_a = cls.enter(cls.agent, cls.client_a, {"attitude": 5}, 10)
        cls.answer_b = cls.enter(cls.agent2, cls.client_b, {"attitude": 2}, 4)

    def test_centre_roles_see_their_centres_answers_only(self):
        Answer = self.env["survey.user_input"]
        for user, own, other in (
            (self.doctor_a, self.answer_a, self.answer_b),
            (self.manager_a, self.answer_a, self.answer_b),
            (self.director_b, self.answer_b, self.answer_a),
        ):
            visible = Answer.with_user(user).search([("id", "in", (own | other).ids)])
            self.assertEqual(visible, own, user.login)
            with self.assertRaises(AccessError):
                other.with_user(user).read(["partner_id"])
            with self.assertRaises(AccessError):
                own.with_user(user).write({"lohi_suggestion": "改"})
        Report = self.env["lohi.survey.rate.report"].with_user(self.doctor_a)
        self.assertEqual(set(Report.search([]).mapped("centre_id")), {self.centre_a})
        self.assertEqual(
            self.env["survey.user_input.line"]
            .with_user(self.doctor_a)
            .search([("user_input_id", "=", self.answer_b.id)]),
            self.env["survey.user_input.line"],
        )

    def test_hq_sees_all(self):
        for user in (self.service, self.warehouse):
            self.assertEqual(
                self.env["survey.user_input"]
                .with_user(user)
                .search([("id", "in", (self.answer_a | self.answer_b).ids)]),
                self.answer_a | self.answer_b,
            )
        rates = (
            self.env["lohi.survey.rate.report"]
            .with_user(self.service)
            ._lohi_rates(
                [
                    ("survey_id", "=", self.survey.id),
                    ("partner_id", "in", (self.client_a | self.client_b).ids),
                ],
                ["centre_id"],
            )
        )
        self.assertEqual(set(rates), {(self.centre_a,), (self.centre_b,)})

    def test_doctor_sees_own_patients_answers_elsewhere(self):
        self.answer_b.sudo().lohi_doctor_id = self.doctor_a
        self.assertTrue(self.answer_b.with_user(self.doctor_a).read(["partner_id"]))

    def test_portal_institution_sees_own_institution_only(self):
        Institution = self.env["lohi.institution"]
        inst_1 = Institution.create({"name": "测试机构一", "is_company": True, "state": "active"})
        inst_2 = Institution.create({"name": "测试机构二", "is_company": True, "state": "active"})
        users = []
        for inst, login in ((inst_1, "s_portal1"), (inst_2, "s_portal2")):
            contact = self.env["res.partner"].create(
                {"name": login, "parent_id": inst.partner_id.id, "email": f"{login}@example.com"}
            )
            users.append(
                new_test_user(
                    self.env,
                    login=login,
                    groups="lohi_clients.group_institution_portal",
                    partner_id=contact.id,
                )
            )
        answers = self.env["survey.user_input"]._cron_institution_quarterly()
        mine = answers.filtered(lambda a: a.lohi_institution_id == inst_1)
        other = answers - mine
        self.assertTrue(mine and other)
        Answer = self.env["survey.user_input"].with_user(users[0])
        self.assertEqual(Answer.search([("id", "in", answers.ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(users[0]).read(["partner_id"])
        with self.assertRaises(AccessError):
            mine.with_user(users[0]).write({"lohi_suggestion": "改"})
        with self.assertRaises(AccessError):
            self.answer_a.with_user(users[0]).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.env["lohi.survey.rate.report"].with_user(users[0]).search([])

    def test_summaries_and_callbacks_scoped(self):
        Month = self.env["lohi.survey.centre.month"]
        first = self.answer_a.create_date.date().replace(day=1)
        summaries = Month._build_summaries(first, first + relativedelta(months=1))
        self.assertEqual(
            Month.with_user(self.doctor_a).search([("id", "in", summaries.ids)]).centre_id,
            self.centre_a,
        )
        self.assertEqual(
            len(Month.with_user(self.service).search([("id", "in", summaries.ids)])),
            len(summaries),
        )
        self.env["lohi.survey.callback"]._create_top_spender_tasks(
            {self.centre_a.id: [(self.client_a.id, 100.0)]}, "2026-10-01"
        )
        with self.assertRaises(AccessError):
            self.env["lohi.survey.callback"].with_user(self.doctor_a).search([])
        self.assertEqual(len(self.env["lohi.survey.callback"].with_user(self.agent).search([])), 1)
        self.other_centre_user = new_test_user(
            self.env,
            login="s_manager_f",
            groups="lohi_clients.group_health_manager",
            lohi_centre_ids=[Command.set(self.centre_f.ids)],
        )
        self.assertFalse(
            Month.with_user(self.other_centre_user).search([("id", "in", summaries.ids)])
        )


@tagged("post_install", "-at_install")
class TestNewUserSurveyRights(TransactionCase):
    def test_new_staff_get_no_survey_rights_by_default(self):
        user = self.env["res.users"].create({"name": "新员工", "login": "sur_new_staff"})
        self.assertFalse(user.has_group("survey.group_survey_user"))
        self.assertTrue(user.has_group("base.group_user"))
