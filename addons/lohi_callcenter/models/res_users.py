from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    lohi_extension = fields.Char(
        string="Phone Extension", help="The agent's extension on the exchange (CC-6)."
    )

    _sql_constraints = [
        (
            "lohi_extension_uniq",
            "unique(lohi_extension)",
            "This extension belongs to another user.",
        ),
    ]
