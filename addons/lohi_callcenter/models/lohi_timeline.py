from odoo import api, models
from odoo.tools import SQL

from odoo.addons.lohi_clients.models.lohi_timeline import ID_SPAN


class LohiTimeline(models.Model):
    _inherit = "lohi.timeline"

    @api.model
    def _selection_kind(self):
        return super()._selection_kind() + [("call", self.env._("Call"))]

    @api.model
    def _timeline_queries(self):
        """CC-7: calls land on the client's timeline."""
        return super()._timeline_queries() + [
            SQL(
                """SELECT 31 * %(span)s + c.id, c.partner_id, c.start, 'call',
                          c.name || ' · ' || coalesce(left(c.content, 80), ''), 0.0,
                          'lohi.call', c.id, c.agent_id, FALSE
                     FROM lohi_call c WHERE c.partner_id IS NOT NULL""",
                span=ID_SPAN,
            )
        ]
