from odoo.tests import tagged

from .common import LabCase


@tagged("post_install", "-at_install")
class TestLabTimeline(LabCase):
    """CLI-5 / CLI-15: lab orders and reports land on the client's timeline; their amounts
    make the client's spend and the centre's top spenders."""

    def test_order_and_report_on_timeline(self):
        self.client.lohi_centre_id = self.centre_a
        order = self._order()
        self._advance(order, "review")
        self.env.flush_all()
        rows = self.env["lohi.timeline"].search([("partner_id", "=", self.client.id)])
        by_kind = {row.kind: row for row in rows}
        self.assertEqual(by_kind["lab_order"].amount, 2680.0)
        self.assertEqual(by_kind["lab_order"].res_id, order.id)
        self.assertTrue(by_kind["lab_report"].clinical)
        self.assertEqual(self.client.lohi_spend_total, 2680.0)
        # the report row is clinical: an agent does not get it
        agent_kinds = set(
            self.env["lohi.timeline"]
            .with_user(self.agent)
            .search([("partner_id", "=", self.client.id)])
            .mapped("kind")
        )
        self.assertNotIn("lab_report", agent_kinds)
        self.assertIn("lab_order", agent_kinds)
        # top spenders of the centre
        day = order.date_order.date()
        ranking = self.env["lohi.timeline"]._top_spenders(day, day.replace(year=day.year + 1))
        self.assertIn((self.client.id, 2680.0), ranking[self.centre_a.id])
        # a cancelled order does not count
        cancelled = self._order()
        cancelled.with_user(self.doctor).action_cancel()
        self.env.flush_all()
        self.client.invalidate_recordset(["lohi_spend_total"])
        self.assertEqual(self.client.lohi_spend_total, 2680.0)
