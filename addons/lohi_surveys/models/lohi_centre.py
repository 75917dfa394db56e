from odoo import fields, models


class LohiCentre(models.Model):
    _inherit = "lohi.centre"

    lohi_top_spender_month = fields.Date(
        string="Top Spenders Listed For",
        readonly=True,
        copy=False,
        help="The month whose top spenders last got their HQ call-backs (SUR-6); the "
        "monthly run skips the centres already done.",
    )
