from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    lohi_institution_ids = fields.One2many(
        "lohi.institution", "partner_id", string="Institution Records"
    )
