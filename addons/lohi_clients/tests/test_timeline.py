from odoo.tests import tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestTimeline(LohiClientsCase):
    """CLI-5: one chronological view per client, fed by every source; clinical rows only
    for clinical roles, rows only of clients the user may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client(name="时间线客户")
        cls.consultation = cls.env["lohi.consultation"].create(
            {"partner_id": cls.client.id, "set_id": cls.qset.id, "date": "2026-01-05 09:00:00"}
        )
        cls.complaint = cls.env["lohi.complaint"].create(
            {"partner_id": cls.client.id, "description": "报告邮寄延误"}
        )

    def _rows(self, user):
        return (
            self.env["lohi.timeline"].with_user(user).search([("partner_id", "=", self.client.id)])
        )

    def test_sources_in_time_order(self):
        rows = self._rows(self.doctor)
        kinds = rows.mapped("kind")
        self.assertEqual(set(kinds), {"consultation", "complaint", "consent"})
        self.assertEqual(rows.mapped("date"), sorted(rows.mapped("date"), reverse=True))
        consultation_row = rows.filtered(lambda r: r.kind == "consultation")
        action = consultation_row.action_open_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("lohi.consultation", self.consultation.id)
        )
        self.assertEqual(self.client.with_user(self.doctor).lohi_timeline_count, len(rows))

    def test_clinical_rows_hidden_from_agents(self):
        kinds = set(self._rows(self.agent).mapped("kind"))
        self.assertIn("complaint", kinds)
        self.assertNotIn("consultation", kinds)

    def test_other_centre_sees_nothing(self):
        self.assertFalse(self._rows(self.doctor_b))
