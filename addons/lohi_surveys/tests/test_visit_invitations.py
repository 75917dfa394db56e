from odoo.tests import tagged

from odoo.addons.lohi_appointments.tests.common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestVisitInvitations(AppointmentCase):
    """SUR-5: every completed visit at a direct-run centre is surveyed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.write({"mobile": "13811112222", "lohi_accepts_messages": True})

    def finish(self, appointment):
        appointment.with_user(
            self.doctor if appointment.centre_id == self.centre else self.doctor_sh
        ).action_arrive()
        appointment.with_user(
            self.doctor if appointment.centre_id == self.centre else self.doctor_sh
        ).action_done()

    def invitations(self, appointment):
        return self.env["survey.user_input"].search([("lohi_appointment_id", "=", appointment.id)])

    def sms(self, appointment):
        return self.env["lohi.sms.message"].search(
            [("dedupe_key", "=", f"lohi_surveys.visit.{appointment.id}")]
        )

    def test_done_visit_gets_one_sms_invitation(self):
        appointment = self.book()
        self.finish(appointment)
        answer = self.invitations(appointment)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.env.ref("lohi_surveys.survey_client_satisfaction"))
        self.assertEqual(
            (answer.partner_id, answer.lohi_centre_id, answer.lohi_doctor_id),
            (self.client, self.centre, self.doctor),
        )
        self.assertEqual(
            (answer.lohi_origin, answer.lohi_channel, answer.state), ("appointment", "link", "new")
        )
        message = self.sms(appointment)
        self.assertEqual(message.number, "13811112222")
        self.assertIn(answer.access_token, message.body)
        # Twice: nothing twice.
        appointment._lohi_invite_to_survey()
        self.assertEqual(len(self.invitations(appointment)), 1)
        self.assertEqual(len(self.sms(appointment)), 1)

    def test_franchise_or_not_done_visit_not_surveyed(self):
        self.centre_sh.centre_type = "franchise"
        franchise = self.book(
            doctor=self.doctor_sh,
            centre=self.centre_sh,
            service=self.service_half,
            start=utc(MONDAY, 10),
        )
        self.finish(franchise)
        self.assertFalse(self.invitations(franchise))
        arrived = self.book(start=utc(MONDAY, 14))
        arrived.with_user(self.doctor).action_arrive()
        self.assertFalse(self.invitations(arrived))

    def test_no_sms_without_consent_but_invitation_kept(self):
        self.client.lohi_accepts_messages = False
        appointment = self.book()
        self.finish(appointment)
        self.assertEqual(len(self.invitations(appointment)), 1)
        self.assertFalse(self.sms(appointment))
