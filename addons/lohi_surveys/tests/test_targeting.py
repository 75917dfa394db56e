from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestTargeting(SurveyCase):
    """SUR-2: clients due for a survey by service dates, items and products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.test_a = cls.env["lohi.lab.test"].create({"name": "肠道菌群检测", "code": "TGUT"})
        cls.test_b = cls.env["lohi.lab.test"].create({"name": "食物不耐受", "code": "TFIT"})
        Order = cls.env["lohi.lab.order"]
        for partner, test in ((cls.client_a, cls.test_a), (cls.client_b, cls.test_b)):
            Order.create(
                {
                    "partner_id": partner.id,
                    "doctor_id": partner.lohi_doctor_id.id,
                    "centre_id": partner.lohi_centre_id.id,
                    "line_ids": [Command.create({"test_id": test.id})],
                }
            )

    def wizard(self, user=None, **values):
        return (
            self.env["lohi.survey.target"]
            .with_user(user or self.service)
            .create(
                {
                    "date_from": date.today() - timedelta(days=3),
                    "date_to": date.today(),
                    **values,
                }
            )
        )

    def test_find_by_item_and_centre_then_invite_once(self):
        wizard = self.wizard(test_ids=[Command.set(self.test_a.ids)])
        wizard.action_search()
        self.assertEqual(wizard.partner_ids, self.client_a)
        wizard = self.wizard(centre_ids=[Command.set(self.centre_b.ids)])
        wizard.action_search()
        self.assertEqual(wizard.partner_ids, self.client_b)
        wizard.action_apply()
        answers = self.env["survey.user_input"].search([("partner_id", "=", self.client_b.id)])
        self.assertEqual(len(answers), 1)
        self.assertEqual(
            len(self.env["lohi.sms.message"].search([("partner_id", "=", self.client_b.id)])), 1
        )
        wizard.action_apply()
        self.assertEqual(
            len(self.env["survey.user_input"].search([("partner_id", "=", self.client_b.id)])), 1
        )
        # Recently invited clients are left out of the next search.
        again = self.wizard(centre_ids=[Command.set(self.centre_b.ids)])
        again.action_search()
        self.assertFalse(again.partner_ids)

    def test_call_tasks_once_and_rights(self):
        # The test centres only: demo clients served in the last days are not this test's.
        wizard = self.wizard(
            mode="call",
            skip_days=0,
            centre_ids=[Command.set((self.centre_a | self.centre_b).ids)],
        )
        wizard.action_search()
        self.assertEqual(wizard.partner_ids, self.client_a | self.client_b)
        wizard.action_apply()
        wizard.action_apply()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", wizard.partner_ids.ids)]
        )
        self.assertEqual(len(activities), 2)
        self.assertLessEqual(
            set(activities.user_id.ids),
            {self.agent.id, self.agent2.id}
            | set(self.env["lohi.survey.callback"]._lohi_agents().ids),
        )
        with self.assertRaises(AccessError):
            self.wizard(user=self.doctor_a).action_search()
