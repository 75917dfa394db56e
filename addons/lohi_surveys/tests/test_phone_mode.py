from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestPhoneMode(SurveyCase):
    def test_agent_enters_answers_and_suggestion(self):
        """SUR-3: question by question, plus the client's own words; the agent is
        recorded as the one who entered them."""
        answer = self.enter(
            self.agent, self.client_a, {"attitude": 5, "speed": 4}, 9, suggestion="希望周末也能预约"
        )
        self.assertEqual(answer.lohi_entered_by_id, self.agent)
        self.assertEqual(answer.lohi_suggestion, "希望周末也能预约")
        self.assertEqual(answer.state, "done")
        lines = answer.user_input_line_ids.filtered(lambda line: not line.skipped)
        self.assertEqual(sorted(lines.mapped("suggested_answer_id.lohi_level")), [4, 5])
        self.assertEqual(lines.filtered(lambda line: line.answer_type == "scale").value_scale, 9)

    def test_answer_on_client_timeline(self):
        """The completed survey shows on the client's timeline with its mean level."""
        answer = self.enter(
            self.agent, self.client_a, {"attitude": 5, "speed": 4}, 9, suggestion="很好"
        )
        self.env.flush_all()
        entry = self.env["lohi.timeline"].search(
            [("res_model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
        )
        self.assertEqual(
            (entry.partner_id, entry.kind, entry.user_id), (self.client_a, "survey", self.agent)
        )
        self.assertIn("4.5", entry.summary)
        self.assertIn("很好", entry.summary)

    def test_health_manager_enters_on_site_for_own_centre_only(self):
        answer = self.enter(self.manager_a, self.client_a, {"environment": 4}, channel="onsite")
        self.assertEqual(
            (answer.lohi_channel, answer.lohi_entered_by_id), ("onsite", self.manager_a)
        )
        with self.assertRaises(AccessError):
            self.enter(self.manager_a, self.client_b, {"environment": 4}, channel="onsite")

    def test_other_roles_cannot_enter(self):
        with self.assertRaises(AccessError):
            self.enter(self.warehouse, self.client_a, {"attitude": 5})

    def test_empty_or_out_of_range_entry_refused(self):
        with self.assertRaises(UserError):
            self.enter(self.agent, self.client_a)
        with self.assertRaises(UserError):
            self.enter(self.agent, self.client_a, {"attitude": 5}, 11)

    def test_doctor_rating_feeds_staff_record(self):
        """SUR-10: the doctor question's level becomes a rating on the doctor's record."""
        staff = self.env["lohi.staff"].create({"user_id": self.doctor_a.id})
        answer = self.enter(self.agent, self.client_a, {"doctor": 4}, suggestion="讲解很耐心")
        self.assertEqual(staff.rating_ids.mapped("score"), [4])
        self.assertEqual(staff.rating_ids.partner_id, self.client_a)
        self.assertEqual(staff.rating_ids.comment, "讲解很耐心")
        answer._lohi_feed_staff_ratings()
        self.assertEqual(len(staff.rating_ids), 1, "a rating is fed once")
        self.enter(self.agent, self.client_a2, {"attitude": 5})
        self.assertEqual(len(staff.rating_ids), 1, "no doctor level, no rating")

    def test_top_spender_callback_closed_by_entry(self):
        callbacks = self.env["lohi.survey.callback"]._create_top_spender_tasks(
            {self.centre_a.id: [(self.client_a.id, 5000.0)]}, "2026-10-01"
        )
        action = callbacks.with_user(callbacks.user_id).action_enter_answers()
        wizard = self.env["lohi.survey.phone"].browse(action["res_id"])
        self.assertEqual((wizard.partner_id, wizard.origin), (self.client_a, "top_spender"))
        wizard.line_ids[0].answer_id = wizard.line_ids[0].question_id.suggested_answer_ids[0]
        wizard.with_user(callbacks.user_id).action_save()
        self.assertEqual(callbacks.state, "done")
        self.assertTrue(callbacks.user_input_id)
        self.assertFalse(callbacks.activity_id.exists())
