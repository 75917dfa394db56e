from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    lohi_appointment_ids = fields.One2many(
        "lohi.appointment", "partner_id", string="Appointments (records)"
    )
    lohi_appointment_count = fields.Integer(
        string="Appointments", compute="_compute_lohi_appointment_stats"
    )
    lohi_no_show_count = fields.Integer(
        string="No-shows", compute="_compute_lohi_appointment_stats"
    )
    lohi_late_cancel_count = fields.Integer(
        string="Late Cancellations", compute="_compute_lohi_appointment_stats"
    )

    def _compute_lohi_appointment_stats(self):
        """APT-7: how reliable the client is, in one grouped query for all partners."""
        Appointment = self.env["lohi.appointment"]
        stats = {partner.id: [0, 0, 0] for partner in self}
        if Appointment.has_access("read") and self.ids:
            for partner, state, late, count in Appointment._read_group(
                [("partner_id", "in", self.ids)],
                ["partner_id", "state", "late_cancel"],
                ["__count"],
            ):
                row = stats[partner.id]
                row[0] += count
                row[1] += count if state == "no_show" else 0
                row[2] += count if late else 0
        for partner in self:
            (
                partner.lohi_appointment_count,
                partner.lohi_no_show_count,
                partner.lohi_late_cancel_count,
            ) = stats.get(partner.id, (0, 0, 0))

    def action_lohi_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "lohi_appointments.lohi_appointment_action"
        )
        action.update(
            domain=[("partner_id", "=", self.id)],
            context={"default_partner_id": self.id},
            view_mode="list,calendar,form,pivot,graph",
            views=[(False, "list"), (False, "calendar"), (False, "form")],
        )
        return action
