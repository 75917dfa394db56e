import pytz

from odoo import api, fields, models


def _tz_selection(_self):
    return [(tz, tz) for tz in pytz.common_timezones]


class LohiCentre(models.Model):
    """A branch centre (分中心) or office (办事处) of the chain, or HQ itself (CLI-10)."""

    _name = "lohi.centre"
    _inherit = ["mail.thread"]
    _description = "Centre or Office"
    _check_company_auto = True
    _order = "sequence, code, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=False, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Short code used in numbers.")
    centre_type = fields.Selection(
        [
            ("hq", "Headquarters"),
            ("direct", "Direct-run Centre"),
            ("franchise", "Franchise Centre"),
            ("office", "Office"),
        ],
        string="Type",
        required=True,
        default="direct",
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    director_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=[("share", "=", False)],
        help="The branch director (分中心主任) responsible for this centre.",
    )
    phone = fields.Char()
    email = fields.Char()
    street = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province")
    country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False)
    )
    opening_hours = fields.Text(help="Opening hours as shown to clients and staff.")
    tz = fields.Selection(
        _tz_selection,
        string="Timezone",
        required=True,
        default="Asia/Shanghai",
        help="All schedules and appointment times of this centre are computed in it.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "lohi_centre_res_users_rel",
        "centre_id",
        "user_id",
        string="Staff",
        domain=[("share", "=", False)],
    )
    note = fields.Html()

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A centre's code must be unique."),
    ]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for centre in self:
            centre.display_name = f"[{centre.code}] {centre.name}" if centre.code else centre.name
