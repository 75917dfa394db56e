import time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PortalClientCase


@tagged("post_install", "-at_install")
class TestPortalClientAccess(PortalClientCase):
    """Issue 9, clients on the portal: own records only, reviewed reports only (LAB-7)."""

    def test_client_sees_own_visits_only(self):
        Appointment = self.env["lohi.appointment"].with_user(self.user_a)
        self.assertEqual(Appointment.search([]), self.done_a | self.next_a)
        self.assertFalse(Appointment.search([("id", "in", (self.done_b | self.next_b).ids)]))
        with self.assertRaises(AccessError):
            self.next_b.with_user(self.user_a).read(["start", "doctor_id"])
        self.assertFalse(
            Appointment.search_read([("partner_id", "=", self.client_b.id)], ["start"])
        )
        self.assertEqual(
            Appointment.read_group([], ["partner_id"], ["partner_id"])[0]["partner_id_count"], 2
        )

    def test_client_cannot_create_or_change_visits_directly(self):
        with self.assertRaises(AccessError):
            self.env["lohi.appointment"].with_user(self.user_a).create(
                {
                    "partner_id": self.client_a.id,
                    "doctor_id": self.doctor.id,
                    "centre_id": self.centre.id,
                    "service_type_id": self.service.id,
                    "start": self.next_a.start,
                }
            )
        with self.assertRaises(AccessError):
            self.next_a.with_user(self.user_a).write({"note": "改到下午"})

    def test_reviewed_reports_only(self):
        Report = self.env["lohi.lab.report"].with_user(self.user_a)
        self.assertEqual(Report.search([]), self.report_a)
        with self.assertRaises(AccessError):
            self.report_a_review.with_user(self.user_a).read(["pdf"])
        with self.assertRaises(AccessError):
            self.report_b.with_user(self.user_a).read(["pdf"])
        Result = self.env["lohi.lab.result"].with_user(self.user_a)
        self.assertEqual(Result.search([]), self.report_a.result_ids)
        # the same report opens once the consulting dept has reviewed it
        self.report_a_review.order_id.sudo().write({"state": "reviewed"})
        self.assertEqual(Report.search([]), self.report_a | self.report_a_review)

    def test_own_survey_invitations_only(self):
        survey = self.env.ref("lohi_surveys.survey_client_satisfaction")
        Answer = self.env["survey.user_input"]
        mine = Answer.create({"survey_id": survey.id, "partner_id": self.client_a.id})
        theirs = Answer.create({"survey_id": survey.id, "partner_id": self.client_b.id})
        seen = Answer.with_user(self.user_a).search([])
        self.assertIn(mine, seen)
        self.assertNotIn(theirs, seen)
        self.assertEqual(seen.sudo().partner_id, self.client_a)
        self.assertTrue(Answer.search([("partner_id", "=", self.client_b.id)]) - theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["access_token"])
        with self.assertRaises(AccessError):
            mine.with_user(self.user_a).write({"partner_id": self.client_b.id})

    def test_other_portal_users_see_no_client_data(self):
        for model in ("lohi.appointment", "lohi.lab.report", "lohi.conversation"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_other).search([])

    def test_download_token_expires_and_is_bound_to_user_and_report(self):
        report = self.report_a.with_user(self.user_a)
        token = report._lohi_portal_token()
        self.assertTrue(report._lohi_portal_check_token(token))
        expiry, __, signature = token.partition("-")
        self.assertFalse(report._lohi_portal_check_token(f"{expiry}-{'0' * len(signature)}"))
        self.assertFalse(report._lohi_portal_check_token(f"{int(expiry) + 9999}-{signature}"))
        self.assertFalse(report._lohi_portal_check_token(""))
        self.assertFalse(report._lohi_portal_check_token("garbage"))
        # another user or another report: the same token is worthless
        self.assertFalse(self.report_a.with_user(self.user_b)._lohi_portal_check_token(token))
        self.assertFalse(
            self.report_a_review.with_user(self.user_a)._lohi_portal_check_token(token)
        )
        expired = report._lohi_portal_token(ttl=-1)
        self.assertLess(int(expired.partition("-")[0]), time.time())
        self.assertFalse(report._lohi_portal_check_token(expired))

    def test_report_view_is_logged(self):
        Log = self.env["lohi.access.log"]
        before = Log.search([])
        self.report_a.with_user(self.user_a)._lohi_portal_log("report")
        log = Log.search([]) - before
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_a)
        self.assertEqual(log.partner_id, self.client_a)
        self.assertEqual((log.kind, log.res_model), ("report", "lohi.lab.report"))
        self.assertEqual(log.res_ids, str(self.report_a.id))
