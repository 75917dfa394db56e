from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "lohi_http")
class TestBookingBrowser(HttpCase):
    """APT-3 in the browser: the demo customer-service user books through the assistant."""

    def test_booking_assistant_tour(self):
        if not self.env.ref("lohi_appointments.res_partner_client_wangfang_demo", False):
            self.skipTest("needs the demo data")
        Appointment = self.env["lohi.appointment"]
        before = Appointment.search([])
        self.start_tour("/odoo", "lohi_appointment_booking", login="service")
        booked = Appointment.search([]) - before
        self.assertEqual(len(booked), 1)
        self.assertEqual(booked.state, "confirmed")
        self.assertEqual(booked.create_uid.login, "service")
        self.assertEqual(booked.centre_id, self.env.ref("lohi_clients.lohi_centre_chaoyang_demo"))
