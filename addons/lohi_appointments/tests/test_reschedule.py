from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestReschedule(AppointmentCase):
    """APT-7 move and cancel with history; APT-5 the doctors are told; APT-3 wizard."""

    def doctor_notifications(self, doctor, appointment):
        return self.env["mail.message"].search(
            [
                ("model", "=", "lohi.appointment"),
                ("res_id", "=", appointment.id),
                ("partner_ids", "in", doctor.partner_id.ids),
            ]
        )

    def test_new_appointment_notifies_doctor(self):
        appointment = self.book()
        messages = self.doctor_notifications(self.doctor, appointment)
        self.assertEqual(len(messages), 1)
        self.assertIn("王芳", messages.body)

    def test_move_keeps_history_and_notifies_both_doctors(self):
        appointment = self.book()
        appointment.with_user(self.agent).with_context(lohi_move_reason="客户出差").write(
            {"start": utc(MONDAY, 14), "doctor_id": self.doctor_b.id}
        )
        self.assertEqual(appointment.reschedule_count, 1)
        self.assertEqual(appointment.stop, utc(MONDAY, 15))
        move = appointment.move_ids
        self.assertEqual(len(move), 1)
        self.assertEqual((move.old_start, move.new_start), (utc(MONDAY, 9), utc(MONDAY, 14)))
        self.assertEqual((move.old_doctor_id, move.new_doctor_id), (self.doctor, self.doctor_b))
        self.assertEqual((move.user_id, move.reason), (self.agent, "客户出差"))
        self.assertEqual(len(self.doctor_notifications(self.doctor, appointment)), 2)
        self.assertEqual(len(self.doctor_notifications(self.doctor_b, appointment)), 1)
        self.assertEqual(appointment.calendar_event_id.user_id, self.doctor_b)
        self.assertEqual(appointment.calendar_event_id.start, utc(MONDAY, 14))
        # the old time is free again, the new one taken
        self.book(start=utc(MONDAY, 9))
        with self.assertRaises(ValidationError):
            self.book(start=utc(MONDAY, 14), doctor=self.doctor_b)

    def test_move_is_rechecked(self):
        self.book(start=utc(MONDAY, 14))
        appointment = self.book()
        with self.assertRaisesRegex(ValidationError, "already booked"):
            appointment.with_user(self.service_user).write({"start": utc(MONDAY, 14)})
        with self.assertRaisesRegex(ValidationError, "does not see clients"):
            appointment.with_user(self.service_user).write({"start": utc(MONDAY, 20)})
        self.assertEqual(appointment.start, utc(MONDAY, 9))
        self.assertEqual(appointment.reschedule_count, 0)
        self.assertFalse(appointment.move_ids)

    def test_move_refused_after_arrival_and_for_other_roles(self):
        appointment = self.book()
        with self.assertRaises(AccessError):
            appointment.with_user(self.warehouse).write({"start": utc(MONDAY, 10)})
        appointment.with_user(self.manager).action_arrive()
        with self.assertRaisesRegex(UserError, "Only requested or confirmed"):
            appointment.with_user(self.manager).write({"start": utc(MONDAY, 10)})

    def test_moves_are_history_nobody_edits(self):
        appointment = self.book()
        appointment.with_user(self.service_user).write({"start": utc(MONDAY, 10)})
        with self.assertRaises(AccessError):
            appointment.move_ids.with_user(self.service_user).write({"reason": "x"})
        with self.assertRaises(AccessError):
            appointment.move_ids.with_user(self.manager).unlink()

    def test_cancel_notifies_doctor(self):
        appointment = self.book()
        appointment.with_user(self.service_user).action_cancel()
        subjects = self.doctor_notifications(self.doctor, appointment).mapped("subject")
        self.assertTrue(any("cancelled" in (subject or "") for subject in subjects))

    def test_booking_wizard_lists_free_times_and_books(self):
        self.book(start=utc(MONDAY, 9))
        form = Form(self.env["lohi.appointment.booking"].with_user(self.service_user))
        form.partner_id = self.client
        form.service_type_id = self.service
        form.centre_id = self.centre
        form.doctor_id = self.doctor
        form.date_from = MONDAY
        form.days = 1
        wizard = form.save()
        wizard.action_search()
        self.assertEqual(
            wizard.slot_ids.mapped("start"), [utc(MONDAY, h) for h in (10, 11, 13, 14, 15, 16)]
        )
        self.assertEqual(wizard.slot_ids[0].local_label, "2030-03-04 10:00")
        action = wizard.slot_ids[0].action_pick()
        appointment = self.env["lohi.appointment"].browse(action["res_id"])
        self.assertEqual(appointment.start, utc(MONDAY, 10))
        self.assertEqual(appointment.partner_id, self.client)
        self.assertEqual(appointment.create_uid, self.service_user)

    def test_reschedule_wizard_moves(self):
        appointment = self.book()
        action = appointment.with_user(self.agent).action_open_reschedule()
        wizard = (
            self.env["lohi.appointment.booking"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"reason": "改到下午"})
        )
        wizard.date_from = MONDAY + timedelta(days=1)
        wizard.action_search()
        wizard.slot_ids[0].action_pick()
        self.assertEqual(appointment.start, utc(MONDAY + timedelta(days=1), 9))
        self.assertEqual(appointment.move_ids.reason, "改到下午")

    def test_client_locked_after_arrival_and_reliability_counts(self):
        appointment = self.book()
        late = self.book(start=utc(MONDAY, 10))
        other = self.env["res.partner"].create({"name": "赵敏"})
        appointment.with_user(self.manager).action_arrive()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            appointment.with_user(self.manager).write({"partner_id": other.id})
        late.with_user(self.service_user).write({"partner_id": other.id})
        self.assertIn("赵敏", late.calendar_event_id.name)
        with freeze_time("2030-03-04 00:00:00"):
            late.with_user(self.service_user).action_cancel()
        self.assertEqual(
            (other.lohi_appointment_count, other.lohi_late_cancel_count, other.lohi_no_show_count),
            (1, 1, 0),
        )
        self.assertEqual(self.client.with_user(self.manager).lohi_appointment_count, 1)

    def test_revisit_linked_to_the_document_it_follows(self):
        """APT-10: another addon books a report interpretation from its document through
        the assistant (context defaults); the appointment links back to it."""
        document = self.env["res.partner"].create({"name": "检测单 LAB-0001"})
        wizard = (
            self.env["lohi.appointment.booking"]
            .with_user(self.service_user)
            .with_context(
                default_visit_type="interpretation",
                default_related_res_model="res.partner",
                default_related_res_id=document.id,
            )
            .create(
                {
                    "partner_id": self.client.id,
                    "service_type_id": self.service.id,
                    "doctor_id": self.doctor.id,
                    "date_from": MONDAY,
                    "days": 1,
                }
            )
        )
        wizard.action_search()
        action = wizard.slot_ids[0].action_pick()
        appointment = self.env["lohi.appointment"].browse(action["res_id"])
        self.assertEqual(appointment.visit_type, "interpretation")
        self.assertEqual(appointment.related_display, "检测单 LAB-0001")
        opened = appointment.with_user(self.service_user).action_open_related()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("res.partner", document.id))
        plain = self.book(start=utc(MONDAY, 15))
        with self.assertRaisesRegex(UserError, "follows up no document"):
            plain.action_open_related()
