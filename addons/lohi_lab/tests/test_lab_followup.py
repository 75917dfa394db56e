from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LabCase


@tagged("post_install", "-at_install")
class TestLabFollowup(LabCase):
    """APT-10: a test order books its interpretation (then the revisit) itself, through
    the booking assistant, with the visit type, service and link to the order prefilled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        week = [
            Command.create(
                {"name": f"{day}", "dayofweek": str(day), "hour_from": 9.0, "hour_to": 12.0}
            )
            for day in range(5)
        ]
        cls.env["lohi.doctor.schedule"].create(
            {"doctor_id": cls.doctor.id, "centre_id": cls.centre_a.id, "attendance_ids": week}
        )
        ServiceType = cls.env["lohi.service.type"]
        ServiceType.create({"name": "Consultation", "duration": 1.0, "visit_type": "first"})
        cls.reading = ServiceType.create(
            {"name": "Report reading", "duration": 0.5, "visit_type": "interpretation"}
        )
        cls.revisit = ServiceType.create(
            {"name": "Revisit", "duration": 0.5, "visit_type": "revisit"}
        )

    def _open_assistant(self, order, user):
        action = order.with_user(user).action_book_followup()
        self.assertEqual(action["res_model"], "lohi.appointment.booking")
        return (
            self.env["lohi.appointment.booking"]
            .with_user(user)
            .with_context(**action["context"])
            .create({})
        )

    @freeze_time("2030-03-01 02:00:00")  # a Friday, 10:00 in Beijing
    def test_issued_order_books_its_interpretation(self):
        order = self._advance(self._order(), "issued")
        booking = self._open_assistant(order, self.manager)
        self.assertEqual(booking.partner_id, self.client)
        self.assertEqual(booking.visit_type, "interpretation")
        self.assertEqual(booking.service_type_id, self.reading)
        self.assertEqual(booking.doctor_id, self.doctor)
        self.assertEqual(booking.centre_id, self.centre_a)
        self.assertEqual(booking.related_display, order.display_name)
        self.assertIn(order.name, booking.note)
        booking.action_search()
        self.assertTrue(booking.slot_ids)
        booking.slot_ids[0].action_pick()
        appointment = self.env["lohi.appointment"].search(
            [("related_res_model", "=", order._name), ("related_res_id", "=", order.id)]
        )
        self.assertEqual(len(appointment), 1)
        self.assertEqual(appointment.visit_type, "interpretation")
        self.assertEqual(appointment.service_type_id, self.reading)
        self.assertEqual(appointment.create_uid, self.manager)
        self.assertEqual(appointment.related_display, order.display_name)
        self.assertGreaterEqual(appointment.start, datetime(2030, 3, 1, 2, 0))
        self.assertLess(appointment.start, datetime(2030, 3, 1) + timedelta(days=7))
        self.assertEqual(order.with_user(self.doctor).lohi_appointment_count, 1)
        listed = order.with_user(self.doctor).action_view_lohi_appointments()
        self.assertEqual(self.env["lohi.appointment"].search(listed["domain"]), appointment)
        # After the interpretation the same button books the revisit.
        order.with_user(self.doctor).action_interpret()
        booking = self._open_assistant(order, self.doctor)
        self.assertEqual(booking.visit_type, "revisit")
        self.assertEqual(booking.service_type_id, self.revisit)

    def test_only_reviewed_orders_book_an_interpretation(self):
        order = self._order()
        with self.assertRaises(UserError):
            order.with_user(self.doctor).action_book_followup()
        self._advance(order, "testing")
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_book_followup()

    def test_only_booking_roles_open_the_assistant(self):
        order = self._advance(self._order(), "reviewed")
        # The consulting dept opens the order (no appointment rights): no count, no error.
        self.assertEqual(order.with_user(self.consult).lohi_appointment_count, 0)
        with self.assertRaises(AccessError):
            order.with_user(self.finance).action_book_followup()
        with self.assertRaises(AccessError):
            order.with_user(self.consult).action_book_followup()
        # A doctor of another centre cannot book on an order outside his centre.
        with self.assertRaises(AccessError):
            order.with_user(self.doctor_b).action_book_followup()
