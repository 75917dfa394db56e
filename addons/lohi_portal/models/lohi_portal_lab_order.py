from odoo import fields, models, tools
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.lohi_lab.models.lohi_lab_order import REPORT_OPEN_STATES, STATES

#: Fields that tell where a client's tests stand: never filtered, sorted or grouped on
#: outside the logged pages (X-5).
CLINICAL = {"state", "report_available", "expected_report_date"}


class LohiPortalLabOrder(models.Model):
    """The status of a referred client's lab orders as the institution's portal shows it
    (POR-1): reference, dates and status; no test items, results or summary. Whether the
    reviewed report may be downloaded is ``report_available``: the report is reviewed
    (LAB-7) and the client consented to share it with this institution.

    Lab status is health data: every read of this model, by page or by RPC, is written to
    the access log (X-5).
    """

    _name = "lohi.portal.lab.order"
    # reads run on a read/write cursor over RPC, so each one can write its log row
    _inherit = ["lohi.access.logged.mixin"]
    _description = "Referred Client's Lab Order (Portal)"
    _auto = False
    _order = "date_order desc, id desc"

    order_id = fields.Many2one("lohi.lab.order", readonly=True)
    name = fields.Char(string="Order Reference", readonly=True)
    client_id = fields.Many2one("lohi.portal.client", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    centre_id = fields.Many2one("lohi.centre", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    expected_report_date = fields.Date(readonly=True)
    state = fields.Selection(STATES, string="Status", readonly=True)
    report_available = fields.Boolean(
        readonly=True,
        help="The report is reviewed and the client consented to share it with the institution.",
    )
    institution_id = fields.Many2one("lohi.institution", readonly=True)
    institution_partner_id = fields.Many2one("res.partner", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT o.id AS id,
                           o.id AS order_id,
                           o.name AS name,
                           p.id AS client_id,
                           p.id AS partner_id,
                           o.centre_id AS centre_id,
                           o.date_order AS date_order,
                           o.expected_report_date AS expected_report_date,
                           o.state AS state,
                           (o.state IN %s AND EXISTS (
                               SELECT 1 FROM lohi_consent c
                                WHERE c.partner_id = p.id
                                  AND c.scope = 'institution'
                                  AND c.state = 'given'
                                  AND c.institution_id = p.lohi_institution_id
                           ) AND EXISTS (
                               SELECT 1 FROM lohi_lab_report r WHERE r.order_id = o.id
                           )) AS report_available,
                           p.lohi_institution_id AS institution_id,
                           i.partner_id AS institution_partner_id
                      FROM lohi_lab_order o
                      JOIN res_partner p ON p.id = o.partner_id
                      JOIN lohi_institution i ON i.id = p.lohi_institution_id
                     WHERE p.lohi_is_client AND p.active
                )
                """,
                SQL.identifier(self._table),
                REPORT_OPEN_STATES,
            )
        )

    def _search(self, domain, offset=0, limit=None, order=None):
        """Filtering or sorting on the status would reveal it without a log row."""
        if not self.env.su:
            used = {
                leaf[0].split(".")[0]
                for leaf in expression.normalize_domain(domain or [])
                if isinstance(leaf, (list, tuple)) and leaf and isinstance(leaf[0], str)
            }
            if used & CLINICAL or any(name in (order or "") for name in CLINICAL):
                raise AccessError(self._lohi_portal_only())
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not self.env.su:
            raise AccessError(self._lohi_portal_only())
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    def _lohi_portal_only(self):
        return self.env._("Lab status is shown on the portal pages, where each view is logged.")

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        self._lohi_log_view(fnames)
        return result

    def _lohi_log_view(self, fnames=("state",)):
        """X-5: one access-log row per client whose lab status the user saw."""
        if self.env.su or not self:
            return
        if self.env.cr.readonly:
            # A read-only request (RPC search_read, web_search_read…) cannot write the
            # log: it does not get the data either.
            raise AccessError(self._lohi_portal_only())
        partners = self.sudo().partner_id
        self.env["lohi.access.log"].sudo()._record_access(
            partners, "portal", list(fnames) or ["state"], records=self.sudo().order_id
        )
