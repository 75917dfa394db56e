from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    lohi_storage_condition_id = fields.Many2one(
        "lohi.storage.condition",
        string="Storage Condition",
        tracking=True,
        help="Temperature and humidity the product must be kept at. The product can only "
        "be put into internal locations of the same condition (STK-1).",
    )
    lohi_transport_min_temperature = fields.Float(
        string="Min. Transport Temperature (°C)",
        help="Lowest temperature the product may travel at (e.g. Coenzyme Q10: 0 °C).",
    )
    lohi_transport_note = fields.Char(
        string="Transport Condition",
        translate=True,
        help="Shown on pickings and delivery slips and as a warning when the transfer is "
        "validated (STK-7).",
    )
    lohi_fragile = fields.Boolean(
        string="Fragile",
        help="Packed in plastic and a carton with no empty space, so nothing knocks "
        "together in transit (STK-5).",
    )
