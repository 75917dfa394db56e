from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    lohi_keeper_id = fields.Many2one(
        "res.users",
        string="Warehouse Keeper",
        domain=[("share", "=", False)],
        help="Receives the biweekly expiry-check to-dos for this warehouse (STK-9).",
    )
