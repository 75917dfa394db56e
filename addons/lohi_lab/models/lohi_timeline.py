from odoo import api, models
from odoo.tools import SQL

from odoo.addons.lohi_clients.models.lohi_timeline import ID_SPAN


class LohiTimeline(models.Model):
    """Lab orders, reports and product sales on the client's timeline (CLI-5) with their
    amounts, which make the client's spend and the centres' top spenders (CLI-15)."""

    _inherit = "lohi.timeline"

    @api.model
    def _selection_kind(self):
        return super()._selection_kind() + [
            ("lab_order", self.env._("Lab Test Order")),
            ("lab_report", self.env._("Lab Report")),
            ("prescription", self.env._("Product Purchase")),
        ]

    @api.model
    def _timeline_queries(self):
        return super()._timeline_queries() + [
            # The test order is the charging voucher: its total counts unless cancelled.
            SQL(
                """SELECT 21 * %(span)s + o.id, o.partner_id, o.date_order, 'lab_order',
                          o.name, CASE WHEN o.state = 'cancel' THEN 0.0
                                       ELSE coalesce(o.amount_total, 0.0) END,
                          'lohi.lab.order', o.id, o.doctor_id, FALSE
                     FROM lohi_lab_order o""",
                span=ID_SPAN,
            ),
            SQL(
                """SELECT 22 * %(span)s + r.id, o.partner_id, r.received_date, 'lab_report',
                          o.name || ' · ' || r.report_ref, 0.0,
                          'lohi.lab.report', r.id, NULL::int, TRUE
                     FROM lohi_lab_report r JOIN lohi_lab_order o ON o.id = r.order_id""",
                span=ID_SPAN,
            ),
            # Products count as spend once shipped.
            SQL(
                """SELECT 23 * %(span)s + p.id, p.partner_id,
                          coalesce(p.shipped_date, p.create_date), 'prescription', p.name,
                          CASE WHEN p.state = 'shipped' THEN coalesce(p.amount_total, 0.0)
                               ELSE 0.0 END,
                          'lohi.lab.prescription', p.id, p.create_uid, FALSE
                     FROM lohi_lab_prescription p""",
                span=ID_SPAN,
            ),
        ]
