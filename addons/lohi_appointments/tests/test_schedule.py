from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestSchedule(AppointmentCase):
    """APT-2 schedules, leaves, holidays; APT-3 availability."""

    def slots(self, date_from=MONDAY, date_to=MONDAY, **kwargs):
        kwargs.setdefault("doctor", self.doctor)
        return (
            self.env["lohi.appointment"]
            .with_user(self.service_user)
            ._find_free_slots(self.service, date_from, date_to, **kwargs)
        )

    def test_schedule_takes_centre_timezone(self):
        self.assertEqual(self.schedule.tz, "Asia/Shanghai")
        self.assertEqual(self.schedule.calendar_id.tz, "Asia/Shanghai")
        self.assertEqual(len(self.schedule.attendance_ids), 10)

    def test_schedules_created_in_one_batch(self):
        """Two doctors' schedules at one centre in one create (an import, a script)."""
        doctors = self.doctor | self.doctor_b
        schedules = self.env["lohi.doctor.schedule"].create(
            [{"doctor_id": doctor.id, "centre_id": self.centre_sh.id} for doctor in doctors]
        )
        self.assertEqual(schedules.mapped("tz"), [self.centre_sh.tz] * 2)
        self.assertEqual(
            schedules.mapped("name"), [f"{d.name} @ {self.centre_sh.name}" for d in doctors]
        )

    def test_free_slots_follow_weekly_hours_in_centre_time(self):
        starts = [s["start"] for s in self.slots()]
        # 09-12 and 13-17 Beijing time in 1-hour slots = 01:00-04:00 and 05:00-09:00 UTC
        self.assertEqual(
            starts,
            [utc(MONDAY, h) for h in (9, 10, 11, 13, 14, 15, 16)],
        )
        saturday = MONDAY + timedelta(days=5)
        self.assertEqual(self.slots(saturday, saturday + timedelta(days=1)), [])

    def test_half_hour_service_cuts_smaller_slots(self):
        slots = (
            self.env["lohi.appointment"]
            .with_user(self.service_user)
            ._find_free_slots(self.service_half, MONDAY, MONDAY, doctor=self.doctor)
        )
        self.assertEqual(len(slots), 14)
        self.assertEqual(slots[1]["start"], utc(MONDAY, 9, 30))

    def test_leaves_holidays_and_bookings_are_taken_off(self):
        self.env["lohi.doctor.leave"].create(
            {
                "name": "培训",
                "doctor_id": self.doctor.id,
                "date_from": utc(MONDAY, 9),
                "date_to": utc(MONDAY, 11),
            }
        )
        tuesday = MONDAY + timedelta(days=1)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "测试节假日",
                "date_from": utc(tuesday, 0),
                "date_to": utc(tuesday, 23, 59),
                "resource_id": False,
                "calendar_id": False,
            }
        )
        self.book(start=utc(MONDAY, 14))
        starts = [s["start"] for s in self.slots(MONDAY, tuesday)]
        self.assertEqual(starts, [utc(MONDAY, h) for h in (11, 13, 15, 16)])

    def test_slots_of_every_doctor_of_the_centre(self):
        slots = self.slots(doctor=None, centre=self.centre)
        self.assertEqual({s["doctor_id"] for s in slots}, {self.doctor.id, self.doctor_b.id})
        self.assertEqual(len(slots), 14)

    def test_past_slots_are_not_offered(self):
        self.assertEqual(
            self.env["lohi.appointment"]._find_free_slots(
                self.service, MONDAY - timedelta(weeks=300), MONDAY - timedelta(weeks=299)
            ),
            [],
        )

    def test_query_count_does_not_grow_with_the_range(self):
        Appointment = self.env["lohi.appointment"].with_user(self.service_user)
        for day in range(5):
            self.book(start=utc(MONDAY + timedelta(days=day), 10))
        Appointment._find_free_slots(self.service, MONDAY, MONDAY)  # warm caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Appointment._find_free_slots(self.service, MONDAY, MONDAY)
        one_day = self.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        slots = Appointment._find_free_slots(self.service, MONDAY, MONDAY + timedelta(days=27))
        four_weeks = self.cr.sql_log_count - before
        self.assertEqual(len(slots), 20 * 14 - 5 * 1)
        self.assertEqual(four_weeks, one_day)

    def test_nearest_free_slots(self):
        for hour in (9, 10, 11, 13):
            self.book(start=utc(MONDAY, hour))
        nearest = self.env["lohi.appointment"]._nearest_free_slots(
            self.service, utc(MONDAY, 10), doctor=self.doctor, centre=self.centre, limit=2
        )
        self.assertEqual([s["start"] for s in nearest], [utc(MONDAY, 14), utc(MONDAY, 15)])

    def test_booking_outside_hours_on_leave_or_holiday_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not see clients"):
            self.book(start=utc(MONDAY, 18))
        with self.assertRaisesRegex(ValidationError, "does not see clients"):
            self.book(start=utc(MONDAY, 11, 30))  # would run into the lunch break
        self.env["lohi.doctor.leave"].create(
            {
                "name": "年假",
                "doctor_id": self.doctor.id,
                "date_from": utc(MONDAY, 0),
                "date_to": utc(MONDAY, 23),
            }
        )
        with self.assertRaisesRegex(ValidationError, "on leave"):
            self.book(start=utc(MONDAY, 9))
        wednesday = MONDAY + timedelta(days=2)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "国庆",
                "date_from": utc(wednesday, 0),
                "date_to": utc(wednesday, 23, 59),
                "resource_id": False,
                "calendar_id": False,
            }
        )
        with self.assertRaisesRegex(ValidationError, "public holiday"):
            self.book(start=utc(wednesday, 9))

    def test_service_restricted_to_its_centres(self):
        with self.assertRaisesRegex(ValidationError, "not offered at"):
            self.book(doctor=self.doctor_sh, centre=self.centre_sh)

    def test_demo_holidays(self):
        holidays = self.env["resource.calendar.leaves"].search(
            [("resource_id", "=", False), ("calendar_id", "=", False), ("name", "like", "国庆")]
        )
        if not holidays:
            self.skipTest("database without demo data")
        self.assertIn("2026 国庆节", holidays.mapped("name"))
