from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.lohi_clients.tests.common import rolled_back, run_cron_in_batches

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestCrons(AppointmentCase):
    """APT-1 verification within 2 hours, APT-9 daily wrap-up; both idempotent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.env["res.users"].create(
            {
                "name": "分中心主任",
                "login": "t_director",
                "groups_id": [(6, 0, [cls.env.ref("lohi_clients.group_branch_director").id])],
            }
        )
        cls.centre.director_id = cls.director
        cls.centre.user_ids = [(4, cls.manager.id), (4, cls.doctor.id), (4, cls.director.id)]

    def verify_activities(self, appointment):
        return appointment.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("lohi_appointments.mail_activity_type_verify_request")
            )
        )

    def test_online_request_reminder_then_escalation(self):
        Appointment = self.env["lohi.appointment"]
        with freeze_time("2030-03-01 02:00:00"):
            request = self.book(channel="online")
            Appointment._cron_check_online_requests()
        self.assertEqual(request.verify_stage, "none")
        self.assertEqual(len(self.verify_activities(request)), 1)
        with freeze_time("2030-03-01 03:10:00"):
            Appointment._cron_check_online_requests()
            Appointment._cron_check_online_requests()
        self.assertEqual(request.verify_stage, "reminded")
        self.assertEqual(len(self.verify_activities(request)), 2)
        with freeze_time("2030-03-01 04:05:00"):
            Appointment._cron_check_online_requests()
            Appointment._cron_check_online_requests()
        self.assertEqual(request.verify_stage, "escalated")
        activities = self.verify_activities(request)
        self.assertEqual(len(activities), 3)
        self.assertIn(self.director, activities.user_id)

    def test_verified_request_is_not_escalated(self):
        with freeze_time("2030-03-01 02:00:00"):
            request = self.book(channel="online")
            request.with_user(self.manager).action_confirm()
        with freeze_time("2030-03-01 05:00:00"):
            self.env["lohi.appointment"]._cron_check_online_requests()
        self.assertEqual(request.verify_stage, "none")
        self.assertFalse(self.verify_activities(request))

    def test_daily_wrapup(self):
        with freeze_time("2030-03-03 08:00:00"):  # Sunday 16:00 Beijing
            self.env["lohi.appointment"]._cron_daily_wrapup()
        # Monday's list goes out on Monday for today and Tuesday for tomorrow
        self.book(start=utc(MONDAY, 9))
        tuesday = utc(MONDAY, 10).replace(day=5)
        self.book(start=tuesday)
        self.book(start=tuesday.replace(hour=6), doctor=self.doctor_b)
        Message = self.env["mail.message"]
        before = Message.search([]).ids
        with freeze_time("2030-03-04 08:30:00"):  # Monday 16:30 Beijing
            self.env["lohi.appointment"]._cron_daily_wrapup()
            self.env["lohi.appointment"]._cron_daily_wrapup()  # twice: nothing twice
        new = Message.search([("id", "not in", before), ("model", "=", "lohi.centre")])
        to_manager = new.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        to_doctor = new.filtered(lambda m: self.doctor.partner_id in m.partner_ids)
        self.assertEqual(len(to_manager), 1)
        self.assertIn("09:00", to_manager.body)
        self.assertIn("10:00", to_manager.body)
        self.assertEqual(len(to_doctor), 1)
        self.assertIn("10:00", to_doctor.body)
        self.assertNotIn("09:00", to_doctor.body)
        self.assertEqual(str(self.centre.lohi_wrapup_date), "2030-03-04")

    def test_online_requests_in_batches(self):
        """Issue 10/11: at most ``batch`` requests per call, the rest reported to the
        cron worker; batched runs remind and escalate exactly what one run does."""
        Appointment = self.env["lohi.appointment"]
        with freeze_time("2030-03-01 02:00:00"):
            requests = Appointment.browse()
            for hour in (9, 10, 11, 13, 14):
                requests |= self.book(channel="online", start=utc(MONDAY, hour))
        with freeze_time("2030-03-01 00:30:00"):
            requests |= self.book(channel="online", start=utc(MONDAY, 15))

        def stages():
            requested = Appointment.search([("state", "=", "requested")])
            verify = self.env.ref("lohi_appointments.mail_activity_type_verify_request")
            activities = self.env["mail.activity"].search_count(
                [("activity_type_id", "=", verify.id)]
            )
            return sorted((a.id, a.verify_stage) for a in requested), activities

        with freeze_time("2030-03-01 03:10:00"):
            before = stages()
            expected = rolled_back(
                self, lambda: (Appointment._cron_check_online_requests(), stages())[1]
            )
            runs = run_cron_in_batches(
                self,
                "lohi_appointments.ir_cron_lohi_appointment_verify",
                Appointment,
                "_cron_check_online_requests",
                2,
            )
            self.assertEqual(stages(), expected)
        changed = set(expected[0]) - set(before[0])
        self.assertGreaterEqual(len(changed), 6)
        self.assertEqual(sum(done for done, _left in runs), len(changed))
        self.assertEqual(set(requests.mapped("verify_stage")), {"reminded", "escalated"})

    def test_daily_wrapup_in_batches(self):
        """Issue 10/11: one centre per call with ``batch=1``; the centres left are counted
        for the cron worker; batched runs send what one run sends, once."""
        self.book(start=utc(MONDAY, 9))
        self.book(start=utc(MONDAY, 10).replace(day=5), doctor=self.doctor_b)
        Appointment = self.env["lohi.appointment"]
        Message = self.env["mail.message"]

        def sent():
            centres = self.env["lohi.centre"].search([("lohi_schedule_ids", "!=", False)])
            messages = Message.search([("model", "=", "lohi.centre")])
            return (
                sorted((c.id, str(c.lohi_wrapup_date)) for c in centres),
                sorted((m.res_id, m.subject or "", tuple(m.partner_ids.ids)) for m in messages),
            )

        with freeze_time("2030-03-04 08:30:00"):  # Monday 16:30 Beijing
            expected = rolled_back(self, lambda: (Appointment._cron_daily_wrapup(), sent())[1])
            runs = run_cron_in_batches(
                self,
                "lohi_appointments.ir_cron_lohi_appointment_wrapup",
                Appointment,
                "_cron_daily_wrapup",
                1,
            )
            self.assertEqual(sent(), expected)
        self.assertGreaterEqual(len(runs), 2)
        self.assertEqual(runs[0][1], len(runs) - 1)
        self.assertEqual(str(self.centre.lohi_wrapup_date), "2030-03-04")
