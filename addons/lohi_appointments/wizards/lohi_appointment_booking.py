from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class LohiAppointmentBooking(models.TransientModel):
    """Booking assistant (APT-3, APT-7): choose service, doctor and/or centre and a date,
    see the free times the system computes, pick one. With an appointment set, the
    chosen time moves that appointment instead of creating one."""

    _name = "lohi.appointment.booking"
    _description = "Appointment Booking Assistant"

    appointment_id = fields.Many2one("lohi.appointment", string="Appointment to Move")
    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    service_type_id = fields.Many2one("lohi.service.type", string="Service", required=True)
    doctor_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Leave empty to see every doctor of the centre who offers the service.",
    )
    centre_id = fields.Many2one("lohi.centre", help="Leave empty to see every centre.")
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    days = fields.Integer(string="Days to Show", default=7, required=True)
    channel = fields.Selection(
        [("phone", "Phone"), ("onsite", "On Site"), ("online", "Online")],
        default="phone",
        required=True,
    )
    visit_type = fields.Selection(
        [
            ("first", "First Visit"),
            ("revisit", "Revisit"),
            ("interpretation", "Report Interpretation"),
            ("other", "Other"),
        ],
        default="first",
        required=True,
    )
    related_res_model = fields.Char(readonly=True)
    related_res_id = fields.Many2oneReference(model_field="related_res_model", readonly=True)
    related_display = fields.Char(string="Follows Up", compute="_compute_related_display")
    reason = fields.Char(string="Reason for the Move")
    note = fields.Text()
    slot_ids = fields.One2many("lohi.appointment.booking.slot", "booking_id", string="Free Times")

    @api.depends("related_res_model", "related_res_id")
    def _compute_related_display(self):
        for booking in self:
            model = booking.related_res_model
            record = (
                self.env[model].browse(booking.related_res_id)
                if model in self.env and booking.related_res_id
                else None
            )
            booking.related_display = (
                record.display_name if record and record.has_access("read") else False
            )

    def action_search(self):
        self.ensure_one()
        if self.days < 1 or self.days > 31:
            raise UserError(self.env._("Show between 1 and 31 days."))
        slots = self.env["lohi.appointment"]._find_free_slots(
            self.service_type_id,
            self.date_from,
            self.date_from + timedelta(days=self.days - 1),
            doctor=self.doctor_id or None,
            centre=self.centre_id or None,
            exclude_appointment=self.appointment_id or None,
            limit=200,
        )
        self.slot_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "doctor_id": slot["doctor_id"],
                    "centre_id": slot["centre_id"],
                    "start": slot["start"],
                    "stop": slot["stop"],
                }
            )
            for slot in slots
        ]
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Book an Appointment"),
        }


class LohiAppointmentBookingSlot(models.TransientModel):
    _name = "lohi.appointment.booking.slot"
    _description = "Free Appointment Time"
    _order = "start, id"

    booking_id = fields.Many2one("lohi.appointment.booking", required=True, ondelete="cascade")
    doctor_id = fields.Many2one("res.users", readonly=True)
    centre_id = fields.Many2one("lohi.centre", readonly=True)
    start = fields.Datetime(readonly=True)
    stop = fields.Datetime(readonly=True)
    local_label = fields.Char(string="Time (centre)", compute="_compute_local_label")

    @api.depends("start", "centre_id")
    def _compute_local_label(self):
        appointment = self.env["lohi.appointment"]
        for slot in self:
            slot.local_label = (
                appointment._when_label(slot.start, slot.centre_id) if slot.start else False
            )

    def action_pick(self):
        """Book (or move to) this time; availability is checked again on save."""
        self.ensure_one()
        booking = self.booking_id
        values = {
            "doctor_id": self.doctor_id.id,
            "centre_id": self.centre_id.id,
            "service_type_id": booking.service_type_id.id,
            "start": self.start,
        }
        if booking.appointment_id:
            appointment = booking.appointment_id
            appointment.with_context(lohi_move_reason=booking.reason).write(values)
        else:
            appointment = self.env["lohi.appointment"].create(
                dict(
                    values,
                    partner_id=booking.partner_id.id,
                    channel=booking.channel,
                    note=booking.note,
                    visit_type=booking.visit_type,
                    related_res_model=booking.related_res_model,
                    related_res_id=booking.related_res_id,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.appointment",
            "res_id": appointment.id,
            "view_mode": "form",
            "target": "current",
        }
