from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestWorkflow(AppointmentCase):
    """APT-11 states and APT-1 channels, each move by the roles allowed, on the server."""

    def test_phone_booking_is_confirmed_online_request_waits(self):
        phone = self.book(user=self.agent)
        self.assertEqual(phone.state, "confirmed")
        with freeze_time("2030-03-01 02:00:00"):
            online = self.book(user=self.service_user, start=utc(MONDAY, 10), channel="online")
        self.assertEqual(online.state, "requested")
        self.assertEqual(online.verify_deadline, datetime(2030, 3, 1, 4, 0))
        self.assertTrue(online.activity_ids, "staff get a to-do to verify the request")
        self.assertEqual(online.activity_ids.user_id, self.manager)
        online.with_user(self.agent).action_confirm()
        self.assertEqual(online.state, "confirmed")
        self.assertFalse(online.activity_ids)

    def test_full_visit_by_the_right_roles(self):
        appointment = self.book()
        with self.assertRaises(AccessError):
            appointment.with_user(self.agent).action_arrive()  # the call centre is remote
        appointment.with_user(self.manager).action_arrive()
        self.assertEqual(appointment.state, "arrived")
        with self.assertRaises(AccessError):
            appointment.with_user(self.service_user).action_done()
        appointment.with_user(self.doctor).action_done()
        self.assertEqual(appointment.state, "done")
        with self.assertRaisesRegex(UserError, "Cancelling is not possible"):
            appointment.with_user(self.service_user).action_cancel()

    def test_illegal_transitions_refused(self):
        appointment = self.book()
        with self.assertRaisesRegex(UserError, "Completing is not possible"):
            appointment.with_user(self.doctor).action_done()
        with self.assertRaisesRegex(UserError, "Confirming is not possible"):
            appointment.with_user(self.service_user).action_confirm()

    def test_state_cannot_be_written_directly(self):
        appointment = self.book()
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            appointment.with_user(self.service_user).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            appointment.with_user(self.manager).write({"late_cancel": True})
        with self.assertRaisesRegex(UserError, "either requested or confirmed"):
            self.book(start=utc(MONDAY, 13), state="done")
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            appointment.with_user(self.service_user).with_context(
                lohi_appointment_internal=True
            ).write({"state": "done"})

    def test_no_show_only_after_start(self):
        appointment = self.book()
        with (
            freeze_time("2030-03-04 00:30:00"),
            self.assertRaisesRegex(UserError, "has started"),
        ):
            appointment.with_user(self.manager).action_no_show()
        with freeze_time("2030-03-04 02:30:00"):
            with self.assertRaises(AccessError):
                appointment.with_user(self.agent).action_no_show()
            appointment.with_user(self.service_user).action_no_show()
        self.assertEqual(appointment.state, "no_show")

    def test_cancellation_recorded_late_or_not(self):
        early = self.book()
        late = self.book(start=utc(MONDAY, 10))
        with freeze_time("2030-03-01 08:00:00"):
            early.with_user(self.agent).action_cancel()
        with freeze_time("2030-03-03 20:00:00"):
            late.with_user(self.manager).action_cancel()
        self.assertEqual((early.state, late.state), ("cancelled", "cancelled"))
        self.assertFalse(early.late_cancel)
        self.assertTrue(late.late_cancel)
        self.assertEqual(late.cancelled_by_id, self.manager)
        self.assertEqual(late.cancel_date, datetime(2030, 3, 3, 20, 0))
        self.assertFalse(late.calendar_event_id.active)

    def test_roles_without_booking_rights(self):
        with self.assertRaises(AccessError):
            self.book(user=self.warehouse)
        appointment = self.book()
        with self.assertRaises(AccessError):
            appointment.with_user(self.warehouse).read(["name"])

    def test_centre_scope(self):
        here = self.book()
        there = self.book(
            start=utc(MONDAY, 10),
            doctor=self.doctor_sh,
            centre=self.centre_sh,
            service=self.service_half,
        )
        Appointment = self.env["lohi.appointment"]
        domain = [("id", "in", (here | there).ids)]
        self.assertEqual(Appointment.with_user(self.doctor).search(domain), here)
        self.assertEqual(Appointment.with_user(self.manager).search(domain), here)
        self.assertEqual(Appointment.with_user(self.doctor_sh).search(domain), there)
        self.assertEqual(Appointment.with_user(self.service_user).search(domain), here | there)
        self.assertEqual(Appointment.with_user(self.agent).search(domain), here | there)
        with self.assertRaises(AccessError):
            there.with_user(self.doctor).action_cancel()

    def test_calendar_mirror_for_the_doctor(self):
        appointment = self.book()
        event = appointment.calendar_event_id
        self.assertEqual(event.user_id, self.doctor)
        self.assertEqual(event.partner_ids, self.doctor.partner_id)
        self.assertEqual((event.start, event.stop), (appointment.start, appointment.stop))
        self.assertEqual(appointment.stop, utc(MONDAY, 10))
        self.assertEqual(appointment.time_band, "morning")
        self.assertEqual(str(appointment.local_date), "2030-03-04")

    def test_doctor_reads_the_client_booked_at_his_centre(self):
        """The client archive lives at another centre; the booking makes the client
        readable (not writable) to the doctors of the booked centre."""
        partner = self.env["res.partner"]
        if "lohi_is_client" not in partner._fields or "lohi_centre_id" not in partner._fields:
            self.skipTest("lohi_clients without the client archive")
        sh_manager = new_test_user(
            self.env,
            login="t_manager_sh",
            groups="lohi_clients.group_health_manager",
            lohi_centre_ids=[Command.set(self.centre_sh.ids)],
        )
        values = {
            "name": "上海客户",
            "lohi_is_client": True,
            "lohi_centre_id": self.centre_sh.id,
            "mobile": "13700001234",
            "lohi_birthdate": "1980-05-01",
            "lohi_doctor_id": self.doctor_sh.id,
            "lohi_health_manager_id": sh_manager.id,
            "lohi_source": "walk_in",
            "lohi_remark": "上海静安建档",
        }
        client = partner.create({k: v for k, v in values.items() if k in partner._fields})
        with self.assertRaises(AccessError):
            client.with_user(self.doctor).read(["name"])
        appointment = self.book(partner_id=client.id)
        client.invalidate_recordset()
        self.assertEqual(client.with_user(self.doctor).read(["name"])[0]["name"], "上海客户")
        self.assertEqual(appointment.with_user(self.doctor).partner_id.name, "上海客户")
        with self.assertRaises(AccessError):
            client.with_user(self.doctor).write({"name": "x"})
        # the booked centres are the bookings' (a table the rule reads with an index, not a
        # sub-select of all the centre's appointments), and nobody writes them by hand
        self.assertEqual(client.lohi_booked_centre_ids, appointment.centre_id)
        sql = self.env["res.partner"].with_user(self.doctor)._search([]).select().code
        self.assertNotIn('FROM "lohi_appointment"', sql)
        with self.assertRaises(UserError):
            client.with_user(sh_manager).write(
                {"lohi_booked_centre_ids": [Command.link(self.centre_sh.id)]}
            )
        # without the booking the client is out of reach again
        appointment.sudo().unlink()
        self.assertFalse(client.lohi_booked_centre_ids)
        client.invalidate_recordset()
        with self.assertRaises(AccessError):
            client.with_user(self.doctor).read(["name"])
