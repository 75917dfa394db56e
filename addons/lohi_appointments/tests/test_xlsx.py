from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestAppointmentXlsx(AppointmentCase):
    """APT-8, X-3: appointment statistics as an xlsx workbook."""

    def test_statistics_workbook(self):
        morning = self.book(start=utc(MONDAY, 9))
        afternoon = self.book(start=utc(MONDAY, 14), doctor=self.doctor_b)
        cancelled = self.book(start=utc(MONDAY, 10))
        cancelled.with_user(self.service_user).action_cancel()
        records = morning | afternoon | cancelled
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render("lohi_appointments.appointment_xlsx", records.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = load_workbook(BytesIO(content), read_only=True)
        listed = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual([row[0] for row in listed[1:]], records.sorted("start").mapped("name"))
        self.assertEqual(listed[1][2], "09:00")  # the centre's time, not UTC
        by_doctor = {
            row[1]: row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(by_doctor["王医生"][-1], 2)  # one confirmed, one cancelled
        self.assertEqual(by_doctor["李医生"][-1], 1)
        by_date = [row for row in book.worksheets[2].iter_rows(values_only=True) if row[0]]
        self.assertIn(3, [row[1] for row in by_date])

    def test_only_readers_of_appointments(self):
        appointment = self.book()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.warehouse)._render(
                "lohi_appointments.appointment_xlsx", appointment.ids, {}
            )
