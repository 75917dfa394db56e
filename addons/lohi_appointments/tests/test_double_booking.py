from unittest.mock import patch

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestDoubleBooking(AppointmentCase):
    """APT-4: a doctor never holds two overlapping live appointments."""

    def test_overlap_refused_with_conflict_and_alternatives(self):
        first = self.book(start=utc(MONDAY, 10))
        with self.assertRaises(ValidationError) as caught:
            self.book(user=self.agent, start=utc(MONDAY, 10))
        message = str(caught.exception)
        self.assertIn(first.name, message)
        self.assertIn("王医生", message)
        self.assertIn("Nearest free times", message)
        self.assertIn("2030-03-04 09:00", message)  # the slot just before, Beijing time
        self.assertIn("2030-03-04 11:00", message)

    def test_partial_overlap_with_longer_service_refused(self):
        self.book(start=utc(MONDAY, 10, 30), service=self.service_half)
        with self.assertRaises(ValidationError):
            self.book(start=utc(MONDAY, 10))

    def test_adjacent_other_doctor_and_cancelled_are_fine(self):
        first = self.book(start=utc(MONDAY, 10))
        self.book(start=utc(MONDAY, 11))
        self.book(start=utc(MONDAY, 10), doctor=self.doctor_b)
        first.with_user(self.service_user).action_cancel()
        again = self.book(start=utc(MONDAY, 10))
        self.assertEqual(again.state, "confirmed")

    def test_database_constraint_refuses_raw_overlap(self):
        """Even a write that bypasses the ORM check is refused by PostgreSQL."""
        first = self.book(start=utc(MONDAY, 10))
        second = self.book(start=utc(MONDAY, 13))
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE lohi_appointment SET start = %s, stop = %s WHERE id = %s",
                [first.start, first.stop, second.id],
            )

    def test_orm_maps_the_database_refusal(self):
        """When the pre-check cannot see the rival (concurrent transaction), the
        exclusion violation becomes a clear ValidationError with alternatives."""
        self.book(start=utc(MONDAY, 10))
        Appointment = self.env["lohi.appointment"]
        with (
            patch.object(type(Appointment), "_check_booking", lambda *args, **kwargs: None),
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, "a moment ago.*Nearest free times"),
        ):
            # the race: the Python pre-check saw nothing, PostgreSQL has the last word
            Appointment.with_user(self.service_user).create(
                {
                    "partner_id": self.client.id,
                    "doctor_id": self.doctor.id,
                    "centre_id": self.centre.id,
                    "service_type_id": self.service.id,
                    "start": utc(MONDAY, 10),
                }
            )

    def test_new_slot_length_leaves_existing_bookings_alone(self):
        first = self.book(start=utc(MONDAY, 10))
        self.book(start=utc(MONDAY, 11))
        self.service.duration = 2.0
        self.env.flush_all()
        self.assertEqual(first.stop, utc(MONDAY, 11))
