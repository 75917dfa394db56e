from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import table_exists

BOOKED_CENTRE_TABLE = "lohi_partner_booked_centre_rel"


class ResPartner(models.Model):
    _inherit = "res.partner"

    lohi_appointment_ids = fields.One2many(
        "lohi.appointment", "partner_id", string="Appointments (records)"
    )
    # APT-5: the doctors and health managers of a centre see the clients booked there.
    # Kept by the appointments themselves (see lohi.appointment._lohi_sync_booked_centres)
    # as a plain table, so the record rule is an indexed EXISTS per partner instead of a
    # sub-select of every appointment of the centre (100,000 at full scale) on each search
    # (issue 10).
    lohi_booked_centre_ids = fields.Many2many(
        "lohi.centre",
        BOOKED_CENTRE_TABLE,
        "partner_id",
        "centre_id",
        string="Booked at Centres",
        readonly=True,
        copy=False,
        help="Centres where the client has or had an appointment: their doctors and health "
        "managers see the client.",
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

    def init(self):
        """Fill the booked centres from the bookings: on installation, and for bookings
        written by SQL (the benchmark's generator); idempotent."""
        res = super().init()
        if table_exists(self.env.cr, "lohi_appointment"):
            self.env.cr.execute(
                SQL(
                    """INSERT INTO %s (partner_id, centre_id)
                       SELECT DISTINCT partner_id, centre_id FROM lohi_appointment
                        WHERE partner_id IS NOT NULL AND centre_id IS NOT NULL
                       ON CONFLICT DO NOTHING""",
                    SQL.identifier(BOOKED_CENTRE_TABLE),
                )
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("lohi_booked_centre_ids" in vals for vals in vals_list):
            raise UserError(self.env._("The centres a client was booked at follow the bookings."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "lohi_booked_centre_ids" in vals:
            raise UserError(self.env._("The centres a client was booked at follow the bookings."))
        return super().write(vals)

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
