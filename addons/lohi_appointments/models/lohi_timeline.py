from odoo import api, models
from odoo.tools import SQL

from odoo.addons.lohi_clients.models.lohi_timeline import ID_SPAN


class LohiTimeline(models.Model):
    """Appointments on the client's timeline (CLI-5)."""

    _inherit = "lohi.timeline"

    @api.model
    def _selection_kind(self):
        return super()._selection_kind() + [("appointment", self.env._("Appointment"))]

    @api.model
    def _timeline_queries(self):
        return super()._timeline_queries() + [
            SQL(
                """SELECT 11 * %(span)s + a.id, a.partner_id, a.start, 'appointment',
                          coalesce(a.name, '') || ' · ' || a.state, 0.0,
                          'lohi.appointment', a.id, a.doctor_id, FALSE
                     FROM lohi_appointment a WHERE a.partner_id IS NOT NULL""",
                span=ID_SPAN,
            )
        ]
