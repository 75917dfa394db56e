from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestViewsAndAccess(AppointmentCase):
    """APT-8 search and statistics; schedules, leaves and views for each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env,
            login="t_director_v",
            groups="lohi_clients.group_branch_director",
            lohi_centre_ids=[Command.set(cls.centre_sh.ids)],
        )
        cls.operations = new_test_user(
            cls.env, login="t_operations", groups="lohi_clients.group_hq_operations"
        )

    def test_search_by_client_data(self):
        card_field = self.env["lohi.appointment"]._card_field()
        self.client[card_field] = "CARD-778899"
        other = self.env["res.partner"].create({"name": "刘强", "phone": "13911112222"})
        mine = self.book()
        theirs = self.book(start=utc(MONDAY, 10), partner_id=other.id)
        Appointment = self.env["lohi.appointment"].with_user(self.manager)
        self.assertEqual(Appointment.search([("partner_card_no", "ilike", "778899")]), mine)
        self.assertEqual(mine.with_user(self.manager).partner_card_no, "CARD-778899")
        self.assertEqual(Appointment.search([("partner_phone", "ilike", "1391111")]), theirs)
        found = Appointment.name_search("刘强")
        self.assertEqual([row[0] for row in found], theirs.ids)

    def test_counts_by_centre_doctor_and_time_band(self):
        self.book()
        self.book(start=utc(MONDAY, 14))
        self.book(start=utc(MONDAY, 9), doctor=self.doctor_b)
        groups = (
            self.env["lohi.appointment"]
            .with_user(self.service_user)
            ._read_group(
                [("centre_id", "=", self.centre.id)],
                ["doctor_id", "time_band"],
                ["__count"],
            )
        )
        counts = {(doctor.id, band): count for doctor, band, count in groups}
        self.assertEqual(
            counts,
            {
                (self.doctor.id, "morning"): 1,
                (self.doctor.id, "afternoon"): 1,
                (self.doctor_b.id, "morning"): 1,
            },
        )

    def test_views_open_for_every_booking_role(self):
        action = self.env.ref("lohi_appointments.lohi_appointment_action")
        for user in (self.doctor, self.manager, self.service_user, self.agent):
            views = (
                self.env["lohi.appointment"]
                .with_user(user)
                .get_views(
                    [(False, mode) for mode in action.view_mode.split(",")] + [(False, "search")]
                )
            )
            self.assertEqual(
                set(views["views"]), {"calendar", "list", "form", "pivot", "graph", "search"}
            )
        wizard_views = (
            self.env["lohi.appointment.booking"].with_user(self.agent).get_views([(False, "form")])
        )
        self.assertIn("slot_ids", wizard_views["views"]["form"]["arch"])

    def test_schedules_edited_by_directors_of_the_centre_and_hq_operations(self):
        own = self.env["lohi.doctor.schedule"].search([("centre_id", "=", self.centre_sh.id)])
        other = self.schedule
        # everyone on staff reads schedules
        self.assertTrue(other.with_user(self.agent).attendance_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.doctor).write({"name": "x"})
        with self.assertRaises(AccessError):
            other.with_user(self.director).write({"name": "x"})
        own.with_user(self.director).write(
            {
                "attendance_ids": [
                    Command.create(
                        {"name": "周六", "dayofweek": "5", "hour_from": 9, "hour_to": 12}
                    )
                ]
            }
        )
        self.assertEqual(len(own.attendance_ids), 11)
        other.with_user(self.operations).write({"name": "王医生 · 测试朝阳"})
        self.assertEqual(other.calendar_id.name, "王医生 · 测试朝阳")

    def test_leaves_by_health_managers_not_by_doctors(self):
        values = {
            "name": "病假",
            "doctor_id": self.doctor.id,
            "date_from": utc(MONDAY, 0),
            "date_to": utc(MONDAY, 23),
        }
        with self.assertRaises(AccessError):
            self.env["lohi.doctor.leave"].with_user(self.doctor).create(values)
        leave = self.env["lohi.doctor.leave"].with_user(self.manager).create(values)
        self.assertEqual(leave.doctor_id, self.doctor)
        self.assertFalse(
            self.env["lohi.appointment"]._find_free_slots(
                self.service, MONDAY, MONDAY, doctor=self.doctor
            )
        )
