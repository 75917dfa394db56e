from datetime import timedelta

from odoo.tests import tagged

from .common import MONDAY, AppointmentCase, utc

# Queries of one calendar week (search_read of the calendar view's fields), whatever the
# number of appointments in it. Raise it only for a new field on the calendar.
CALENDAR_WEEK = 6


@tagged("post_install", "-at_install")
class TestAppointmentQueryCounts(AppointmentCase):
    """Issue 10: the appointment calendar's week costs a fixed number of queries.

    Measured warm, like Odoo's own query-count tests: the week is loaded once (views,
    access rules, translations in the registry caches), the record cache is emptied and
    the second load is counted. A week with six bookings and a week with two cost the
    same: a query per appointment (or per client, doctor, centre) fails the test.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        clients = Partner.create(
            [
                {"name": name, "phone": f"1380000{i:04d}"}
                for i, name in enumerate(("赵敏", "钱进", "孙丽", "李强", "周伟", "吴芳"))
            ]
        )
        Appointment = cls.env["lohi.appointment"].with_user(cls.service_user)
        # Busy week: six bookings, three clients each side of two doctors.
        cls.busy = Appointment.create(
            [
                {
                    "partner_id": client.id,
                    "doctor_id": (cls.doctor if i % 2 else cls.doctor_b).id,
                    "centre_id": cls.centre.id,
                    "service_type_id": cls.service.id,
                    "start": utc(MONDAY + timedelta(days=i % 5), 9 + i // 2),
                }
                for i, client in enumerate(clients)
            ]
        )
        # Quiet week: two bookings.
        next_monday = MONDAY + timedelta(days=7)
        cls.quiet = Appointment.create(
            [
                {
                    "partner_id": client.id,
                    "doctor_id": cls.doctor.id,
                    "centre_id": cls.centre.id,
                    "service_type_id": cls.service.id,
                    "start": utc(next_monday + timedelta(days=i), 10),
                }
                for i, client in enumerate(clients[:2])
            ]
        )

    def _calendar_fields(self, model):
        view = self.env.ref("lohi_appointments.lohi_appointment_view_calendar")
        views = model.get_views([(view.id, "calendar")])
        return [*views["models"][model._name]["fields"], "display_name"]

    def _week(self, model, fields, monday):
        start, stop = utc(monday, 0), utc(monday + timedelta(days=7), 0)
        return model.search_read([("start", "<", stop), ("stop", ">", start)], fields)

    def test_calendar_week_search_read(self):
        model = self.env["lohi.appointment"].with_user(self.manager)
        fields = self._calendar_fields(model)
        for monday in (MONDAY, MONDAY + timedelta(days=7)):
            self._week(model, fields, monday)
        model.env.invalidate_all()
        with self.assertQueryCount(CALENDAR_WEEK):
            busy = self._week(model, fields, MONDAY)
        model.env.invalidate_all()
        with self.assertQueryCount(CALENDAR_WEEK):
            quiet = self._week(model, fields, MONDAY + timedelta(days=7))
        self.assertEqual({r["id"] for r in busy}, set(self.busy.ids))
        self.assertEqual({r["id"] for r in quiet}, set(self.quiet.ids))
        self.assertTrue(all(r["partner_id"][1] for r in busy))
