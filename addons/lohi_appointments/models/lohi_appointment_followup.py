from odoo import api, fields, models
from odoo.exceptions import UserError

from .lohi_appointment import BOOKING_GROUPS


class LohiAppointmentFollowupMixin(models.AbstractModel):
    """APT-10: a document that visits follow up (a lab order whose report is interpreted,
    a revisit after a consultation) books them itself.

    Inherit it and fill ``_lohi_followup_values``: the booking assistant opens with the
    client, the visit type, the service and the link back to the document prefilled; the
    document counts and lists its appointments.
    """

    _name = "lohi.appointment.followup.mixin"
    _description = "Document Followed Up by Appointments"

    lohi_appointment_count = fields.Integer(
        string="Appointments", compute="_compute_lohi_appointment_count"
    )

    def _lohi_appointment_domain(self):
        return [("related_res_model", "=", self._name), ("related_res_id", "in", self.ids)]

    @api.depends_context("uid")
    def _compute_lohi_appointment_count(self):
        # Counted as the user (record rules apply); roles without appointments count none.
        appointments = self.env["lohi.appointment"]
        counts = (
            dict(
                appointments._read_group(
                    self._lohi_appointment_domain(), ["related_res_id"], ["__count"]
                )
            )
            if appointments.has_access("read")
            else {}
        )
        for record in self:
            record.lohi_appointment_count = counts.get(record.id, 0)

    def _lohi_followup_values(self):
        """What the booking assistant starts from: a dict with ``partner``, ``visit_type``
        and optionally ``doctor``, ``centre``, ``note``. Override per document."""
        self.ensure_one()
        return {"partner": self["partner_id"], "visit_type": "revisit"}

    def action_book_followup(self):
        """Open the booking assistant for a visit that follows up this document."""
        self.ensure_one()
        appointment = self.env["lohi.appointment"]
        appointment._check_role(BOOKING_GROUPS, self.env._("book"))
        self.check_access("read")
        values = self._lohi_followup_values()
        partner = values.get("partner")
        if not partner:
            raise UserError(self.env._("Choose the client before booking the visit."))
        visit_type = values.get("visit_type") or "revisit"
        service = self.env["lohi.service.type"].search([("visit_type", "=", visit_type)], limit=1)
        doctor = values.get("doctor")
        centre = values.get("centre")
        if service.doctor_ids and doctor and doctor not in service.doctor_ids:
            doctor = False
        if service.centre_ids and centre and centre not in service.centre_ids:
            centre = False
        context = {
            "default_partner_id": partner.id,
            "default_visit_type": visit_type,
            "default_related_res_model": self._name,
            "default_related_res_id": self.id,
            "default_note": values.get("note") or False,
        }
        if service:
            context["default_service_type_id"] = service.id
        if doctor:
            context["default_doctor_id"] = doctor.id
        if centre:
            context["default_centre_id"] = centre.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book a Follow-up Visit"),
            "res_model": "lohi.appointment.booking",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_view_lohi_appointments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appointments"),
            "res_model": "lohi.appointment",
            "view_mode": "list,form,calendar",
            "domain": self._lohi_appointment_domain(),
            "context": {"create": False},
        }
