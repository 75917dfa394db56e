from odoo import api, fields, models, tools
from odoo.tools import SQL

# Each source gets its own id range in the view: id = source * ID_SPAN + source record id.
ID_SPAN = 10_000_000_000


class LohiTimeline(models.Model):
    """Everything done for a client in time order (CLI-5), as one SQL view over the
    sources. The extension point: an addon inherits this model and appends its SELECTs in
    ``_timeline_queries`` (same columns), so lab reports, calls, surveys… land here by
    themselves, always consistent with their documents, with no copy to keep in sync."""

    _name = "lohi.timeline"
    _description = "Client Timeline"
    _auto = False
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True, index=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(selection="_selection_kind", readonly=True)
    summary = fields.Char(readonly=True)
    amount = fields.Float(readonly=True, aggregator="sum")
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)
    clinical = fields.Boolean(readonly=True, help="Clinical content: shown to clinical roles only.")
    centre_id = fields.Many2one("lohi.centre", readonly=True)

    @api.model
    def _selection_kind(self):
        return [
            ("consultation", self.env._("Consultation")),
            ("complaint", self.env._("Complaint")),
            ("care", self.env._("Personal Care")),
            ("consent", self.env._("Consent")),
            ("return", self.env._("Return or Exchange")),
        ]

    @api.model
    def _timeline_queries(self):
        """SELECTs with the columns id, partner_id, date, kind, summary, amount, res_model,
        res_id, user_id, clinical. Addons extend the list."""
        return [
            SQL(
                """SELECT 1 * %(span)s + c.id AS id, c.partner_id, c.date, 'consultation' AS kind,
                          coalesce(s.name->>'zh_CN', s.name->>'en_US') AS summary, 0.0 AS amount,
                          'lohi.consultation' AS res_model, c.id AS res_id,
                          c.doctor_id AS user_id, TRUE AS clinical
                     FROM lohi_consultation c
                     JOIN lohi_consultation_set s ON s.id = c.set_id""",
                span=ID_SPAN,
            ),
            SQL(
                """SELECT 2 * %(span)s + p.id, p.partner_id, p.create_date, 'complaint',
                          p.name || ' · ' || left(p.description, 80), 0.0,
                          'lohi.complaint', p.id, p.owner_id, FALSE
                     FROM lohi_complaint p""",
                span=ID_SPAN,
            ),
            SQL(
                """SELECT 3 * %(span)s + e.id, e.partner_id, e.date::timestamp, 'care',
                          coalesce(m.body, e.kind || ' ' || e.key), 0.0,
                          'lohi.care.event', e.id, NULL::int, FALSE
                     FROM lohi_care_event e
                     LEFT JOIN lohi_sms_message m ON m.id = e.sms_id""",
                span=ID_SPAN,
            ),
            SQL(
                """SELECT 4 * %(span)s + k.id, k.partner_id, k.date::timestamp, 'consent',
                          k.scope || ': ' || k.state, 0.0,
                          'lohi.consent', k.id, k.recorded_by_id, FALSE
                     FROM lohi_consent k""",
                span=ID_SPAN,
            ),
            # A refund reduces the client's spend (CLI-15).
            SQL(
                """SELECT 5 * %(span)s + r.id, r.partner_id, r.create_date, 'return',
                          r.name || ' · ' || r.request_type || ' · ' || r.state,
                          CASE WHEN r.state = 'done' AND r.request_type = 'refund'
                               THEN -r.refund_amount ELSE 0.0 END,
                          'lohi.return.request', r.id, r.create_uid, FALSE
                     FROM lohi_return_request r""",
                span=ID_SPAN,
            ),
        ]

    @api.model
    def _top_spenders(self, date_from, date_to, limit=10, centre_ids=None):
        """Each centre's top spenders over [date_from, date_to) (CLI-15, feeds SUR-6):
        ``{centre_id: [(partner_id, total), …]}`` in one set-based query."""
        self.env.flush_all()  # the view reads the source tables
        centre_filter = SQL("AND centre_id = ANY(%s)", list(centre_ids)) if centre_ids else SQL()
        self.env.cr.execute(
            SQL(
                """SELECT centre_id, partner_id, total FROM (
                       SELECT centre_id, partner_id, sum(amount) AS total,
                              row_number() OVER (PARTITION BY centre_id
                                                 ORDER BY sum(amount) DESC, partner_id) AS rank
                         FROM lohi_timeline
                        WHERE date >= %s AND date < %s AND centre_id IS NOT NULL %s
                        GROUP BY centre_id, partner_id
                       HAVING sum(amount) > 0
                   ) ranked WHERE rank <= %s ORDER BY centre_id, rank""",
                date_from,
                date_to,
                centre_filter,
                limit,
            )
        )
        result = {}
        for centre_id, partner_id, total in self.env.cr.fetchall():
            result.setdefault(centre_id, []).append((partner_id, total))
        return result

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        union = SQL(" UNION ALL ").join(self._timeline_queries())
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                     SELECT s.id::bigint, s.partner_id, s.date, s.kind::varchar,
                            s.summary::varchar, s.amount::float8, s.res_model::varchar,
                            s.res_id, s.user_id, s.clinical, rp.lohi_centre_id AS centre_id
                       FROM (%s) AS s (id, partner_id, date, kind, summary, amount,
                                       res_model, res_id, user_id, clinical)
                       JOIN res_partner rp ON rp.id = s.partner_id
                   )""",
                SQL.identifier(self._table),
                union,
            )
        )

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
