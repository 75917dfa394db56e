from odoo.tests import tagged

from .common import SurveyCase

DIMENSIONS = ("attitude", "speed", "problem", "result", "doctor", "environment", "product")


@tagged("post_install", "-at_install")
class TestDetractorComplaint(SurveyCase):
    """A detractor becomes a complaint owned by the agent who took the answers (SUR-8 with
    CLI-11); satisfied clients open nothing; a detractor opens one complaint only."""

    def _levels(self, value, **override):
        levels = {d: value for d in DIMENSIONS if d in self.questions}
        levels.update(override)
        return levels

    def test_low_rating_opens_a_complaint(self):
        answer = self.enter(
            self.agent,
            self.client_a,
            levels=self._levels(4, attitude=1),
            nps=8,
            suggestion="前台态度冷淡",
        )
        complaint = answer.lohi_complaint_id
        self.assertTrue(complaint)
        self.assertEqual((complaint.partner_id, complaint.owner_id), (self.client_a, self.agent))
        self.assertEqual(complaint.severity, "high")
        self.assertIn("前台态度冷淡", complaint.description)
        answer._mark_done()
        self.assertEqual(
            self.env["lohi.complaint"].search_count([("partner_id", "=", self.client_a.id)]), 1
        )

    def test_low_recommendation_opens_a_complaint(self):
        answer = self.enter(self.agent, self.client_a2, levels=self._levels(4), nps=5)
        self.assertEqual(answer.lohi_complaint_id.severity, "medium")

    def test_satisfied_client_opens_nothing(self):
        answer = self.enter(self.agent, self.client_b, levels=self._levels(5), nps=10)
        self.assertFalse(answer.lohi_complaint_id)
