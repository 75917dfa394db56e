from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestImprovementLoop(SurveyCase):
    """SUR-8: analysis → director supervises → HQ tracks → redo or closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_super = new_test_user(
            cls.env, login="s_cs_super", groups="lohi_clients.group_cs_supervisor"
        )
        cls.operations = new_test_user(
            cls.env, login="s_operations", groups="lohi_clients.group_hq_operations"
        )
        cls.director_a = new_test_user(
            cls.env,
            login="s_director_a",
            groups="lohi_clients.group_branch_director",
            lohi_centre_ids=[Command.set(cls.centre_a.ids)],
        )
        cls.centre_a.director_id = cls.director_a

    def new(self):
        return (
            self.env["lohi.survey.improvement"]
            .with_user(self.cs_super)
            .create(
                {
                    "name": "响应速度满意率偏低",
                    "centre_id": self.centre_a.id,
                    "problem_level": "serious",
                    "analysis": "<p>预约回电超过 24 小时。</p>",
                }
            )
        )

    def test_full_loop_with_redo(self):
        record = self.new()
        with self.assertRaises(UserError):
            record.action_submit()  # no measure yet
        record.measure_ids = [Command.create({"name": "预约当天回电", "dimension": "speed"})]
        with self.assertRaises(AccessError):
            record.with_user(self.director_a).action_submit()
        record.action_submit()
        self.assertEqual(record.state, "fixing")
        self.assertEqual(record.activity_ids.user_id, self.director_a)
        with self.assertRaises(AccessError):
            record.with_user(self.director_b).action_fixed()  # other centre: cannot even read
        with self.assertRaises(UserError):
            record.with_user(self.director_a).action_fixed()  # no result yet
        record.with_user(self.director_a).result = "已安排专人当天回电"
        record.with_user(self.director_a).action_fixed()
        self.assertEqual(record.state, "tracking")
        with self.assertRaises(AccessError):
            record.with_user(self.director_a).action_close()
        with self.assertRaises(UserError):
            record.with_user(self.operations).action_redo()  # needs a note
        record.with_user(self.operations).tracking_note = "回访仍有客户反映回电慢"
        record.with_user(self.operations).action_redo()
        self.assertEqual((record.state, record.redo_count), ("draft", 1))
        record.action_submit()
        record.with_user(self.director_a).action_fixed()
        record.with_user(self.operations).action_close()
        self.assertEqual((record.state, record.closed_by_id), ("closed", self.operations))
        with self.assertRaises(UserError):
            record.with_user(self.operations).action_close()

    def test_state_only_through_buttons_and_scoping(self):
        record = self.new()
        with self.assertRaises(UserError):
            record.write({"state": "closed"})
        Improvement = self.env["lohi.survey.improvement"]
        self.assertEqual(Improvement.with_user(self.director_a).search([]), record)
        self.assertFalse(Improvement.with_user(self.director_b).search([]))
        with self.assertRaises(AccessError):
            record.with_user(self.director_b).read(["name"])
        with self.assertRaises(AccessError):
            Improvement.with_user(self.doctor_a).create(
                {"name": "x", "centre_id": self.centre_a.id}
            )


@tagged("post_install", "-at_install")
class TestThirdParty(SurveyCase):
    """SUR-9: project, questionnaire/scoring standard, results, review."""

    def test_project_flow(self):
        operations = new_test_user(
            self.env, login="s_operations2", groups="lohi_clients.group_hq_operations"
        )
        agency = self.env["res.partner"].create({"name": "零点调查", "is_company": True})
        Project = self.env["lohi.survey.third.party"].with_user(operations)
        project = Project.create(
            {
                "name": "2026 神秘顾客",
                "agency_id": agency.id,
                "centre_ids": [Command.set(self.centre_a.ids)],
            }
        )
        with self.assertRaises(UserError):
            project.action_approve_plan()
        project.scoring_standard = "<p>百分制</p>"
        with self.assertRaises(AccessError):
            project.with_user(self.service).action_approve_plan()
        project.action_approve_plan()
        project.action_start()
        with self.assertRaises(UserError):
            project.action_report()
        project.result_ids = [
            Command.create(
                {
                    "centre_id": self.centre_a.id,
                    "dimension": "attitude",
                    "score": 90,
                    "sample_size": 30,
                }
            ),
            Command.create(
                {
                    "centre_id": self.centre_a.id,
                    "dimension": "environment",
                    "score": 80,
                    "sample_size": 10,
                }
            ),
        ]
        self.assertAlmostEqual(project.average_score, 87.5)
        project.action_report()
        with self.assertRaises(UserError):
            project.action_review()
        project.review_note = "报告结论可信，环境分偏低需整改"
        project.action_review()
        self.assertEqual((project.state, project.reviewed_by_id), ("reviewed", operations))
        with self.assertRaises(AccessError):
            self.env["lohi.survey.third.party"].with_user(self.service).create(
                {"name": "x", "agency_id": agency.id}
            )
        self.assertFalse(self.env["lohi.survey.third.party"].with_user(self.director_b).search([]))
