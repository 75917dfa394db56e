from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import NEXT_MONDAY, NOW, PortalClientCase, utc


@tagged("post_install", "-at_install")
class TestPortalClientRequest(PortalClientCase):
    """APT-1 online channel from the portal: the backend's create() makes a request to
    verify; only for clients, only for themselves, only at free times."""

    @freeze_time(NOW)
    def test_request_waits_for_verification(self):
        Appointment = self.env["lohi.appointment"].with_user(self.user_a)
        slots = Appointment._lohi_portal_free_slots(
            self.service, self.centre, self.doctor, NEXT_MONDAY
        )
        self.assertTrue(slots)
        self.assertNotIn(self.next_a.start, [s["start"] for s in slots])
        request = Appointment._lohi_portal_request(
            self.service, self.centre, self.doctor, slots[0]["start"], note="最好上午"
        )
        self.assertEqual(request.env.user, self.user_a)
        request_sudo = request.sudo()
        self.assertEqual(request_sudo.partner_id, self.client_a)
        self.assertEqual((request_sudo.state, request_sudo.channel), ("requested", "online"))
        self.assertTrue(request_sudo.verify_deadline)
        self.assertEqual(request_sudo.visit_type, "revisit")
        self.assertEqual(request_sudo.note, "最好上午")
        self.assertEqual(request_sudo.create_uid, self.user_a)
        self.assertTrue(request_sudo.activity_ids, "staff get a to-do to verify it (APT-1)")
        self.assertIn(request, Appointment.search([]))

    @freeze_time(NOW)
    def test_request_refused_when_taken_or_outside_hours(self):
        Appointment = self.env["lohi.appointment"].with_user(self.user_a)
        with self.assertRaises(ValidationError):
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor, utc(NEXT_MONDAY, 10)
            )
        with self.assertRaises(ValidationError):
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor, utc(NEXT_MONDAY, 20)
            )
        with self.assertRaises(UserError):
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor, utc(NEXT_MONDAY.replace(day=1), 10)
            )
        with self.assertRaises(UserError):
            # a doctor who does not work at that centre
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor_b, utc(NEXT_MONDAY, 14)
            )

    @freeze_time(NOW)
    def test_request_only_for_clients_and_limited(self):
        for user in (self.portal_other, self.agent):
            with self.assertRaises(AccessError):
                self.env["lohi.appointment"].with_user(user)._lohi_portal_request(
                    self.service, self.centre, self.doctor, utc(NEXT_MONDAY, 14)
                )
        Appointment = self.env["lohi.appointment"].with_user(self.user_a)
        for hour in (13, 14, 15):
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor, utc(NEXT_MONDAY, hour)
            )
        with self.assertRaises(UserError):
            Appointment._lohi_portal_request(
                self.service, self.centre, self.doctor, utc(NEXT_MONDAY, 16)
            )


@tagged("post_install", "-at_install")
class TestPortalClientRating(PortalClientCase):
    """CLI-7 / SUR-10: a client rates the doctor of their own completed visit, once."""

    def test_rate_own_completed_visit_once(self):
        visit = self.done_a.with_user(self.user_a)
        self.assertTrue(visit._lohi_portal_can_rate())
        rating = visit._lohi_portal_rate("4", "讲解很耐心")
        self.assertEqual(rating.env.user, self.user_a)
        rating_sudo = rating.sudo()
        self.assertEqual(rating_sudo.staff_id, self.staff)
        self.assertEqual(rating_sudo.partner_id, self.client_a)
        self.assertEqual(rating_sudo.appointment_id, self.done_a)
        self.assertEqual((rating_sudo.score, rating_sudo.comment), (4, "讲解很耐心"))
        self.assertEqual((self.staff.rating_count, self.staff.rating_avg), (1, 4.0))
        self.assertEqual(self.env["lohi.staff.rating"].with_user(self.user_a).search([]), rating)
        self.assertFalse(visit._lohi_portal_can_rate())
        with self.assertRaises(UserError):
            visit._lohi_portal_rate(5)
        self.assertEqual(self.staff.rating_count, 1)

    def test_rate_refused_for_others_and_open_visits(self):
        with self.assertRaises(AccessError):
            self.done_b.with_user(self.user_a)._lohi_portal_rate(1, "恶意差评")
        with self.assertRaises(UserError):
            self.next_a.with_user(self.user_a)._lohi_portal_rate(5)
        with self.assertRaises(UserError):
            self.done_a.with_user(self.user_a)._lohi_portal_rate(6)
        with self.assertRaises(AccessError):
            self.done_a.with_user(self.portal_other)._lohi_portal_rate(5)
        with self.assertRaises(AccessError):
            self.env["lohi.staff.rating"].with_user(self.user_a).create(
                {"staff_id": self.staff.id, "partner_id": self.client_a.id, "score": 5}
            )
        self.assertFalse(self.staff.rating_count or self.staff_b.rating_count)

    def test_visit_rated_in_survey_is_not_rated_again(self):
        self.env["survey.user_input"].create(
            {
                "survey_id": self.env.ref("lohi_surveys.survey_client_satisfaction").id,
                "partner_id": self.client_a.id,
                "lohi_appointment_id": self.done_a.id,
                "lohi_rating_done": True,
            }
        )
        visit = self.done_a.with_user(self.user_a)
        self.assertFalse(visit._lohi_portal_can_rate())
        with self.assertRaises(UserError):
            visit._lohi_portal_rate(5)
