from odoo import fields, models


class LohiCentre(models.Model):
    _inherit = "lohi.centre"

    warehouse_id = fields.Many2one(
        "stock.warehouse",
        tracking=True,
        check_company=True,
        help="The warehouse this centre's stock is kept and requested in (CLI-10).",
    )
