from odoo.tests import tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestDoctorGroups(AppointmentCase):
    """Dashboards (X-3, issue 10): appointments grouped by doctor come in the order of the
    doctor's name, and PostgreSQL groups by the doctor alone (not by the doctor's name and
    login joined in, which made it sort every appointment)."""

    def test_groups_by_doctor_in_name_order_grouped_by_doctor_only(self):
        self.book(doctor=self.doctor, start=utc(MONDAY, 9))  # 王医生
        self.book(doctor=self.doctor_b, start=utc(MONDAY, 10))  # 李医生
        self.book(doctor=self.doctor_b, start=utc(MONDAY, 11))
        Appointment = self.env["lohi.appointment"]
        domain = [("doctor_id", "in", (self.doctor | self.doctor_b).ids)]
        for direction, expected in (
            ("", [self.doctor_b, self.doctor]),  # 李 < 王 (code points, as the database)
            (" desc", [self.doctor, self.doctor_b]),
        ):
            with self.subTest(direction=direction):
                groups = Appointment.read_group(
                    domain,
                    ["__count"],
                    ["doctor_id"],
                    orderby=f"doctor_id{direction}" if direction else False,
                    lazy=False,
                )
                self.assertEqual([g["doctor_id"][0] for g in groups], [u.id for u in expected])
                self.assertEqual(
                    [g["__count"] for g in groups],
                    [2, 1] if expected[0] == self.doctor_b else [1, 2],
                )
        query = Appointment._search(domain)
        query.groupby = Appointment._read_group_groupby("doctor_id", query)
        order = Appointment._read_group_orderby("doctor_id", {"doctor_id": query.groupby}, query)
        self.assertEqual(query.groupby.code, '"lohi_appointment"."doctor_id"')
        self.assertIn("SELECT p.name", order.code)
