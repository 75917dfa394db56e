from odoo.tests import tagged

from .common import AppointmentCase


@tagged("post_install", "-at_install")
class TestAppointmentTimeline(AppointmentCase):
    """CLI-5: appointments land on the client's timeline."""

    def test_appointment_on_timeline(self):
        appointment = self.book()
        self.env.flush_all()
        rows = self.env["lohi.timeline"].search(
            [("partner_id", "=", self.client.id), ("kind", "=", "appointment")]
        )
        self.assertEqual(rows.res_id, appointment.id)
        self.assertEqual(rows.date, appointment.start)
        self.assertEqual(rows.user_id, appointment.doctor_id)
        self.assertEqual(rows.action_open_source()["res_model"], "lohi.appointment")
