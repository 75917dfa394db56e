from odoo import fields, models
from odoo.exceptions import UserError


class LohiComplaint(models.Model):
    """Complaints filed by a partner institution on its portal (POR-1)."""

    _inherit = "lohi.complaint"

    lohi_institution_id = fields.Many2one(
        "lohi.institution",
        string="Filed by Institution",
        readonly=True,
        index=True,
        copy=False,
        help="The partner institution that filed the complaint on its portal; its portal "
        "users follow it there.",
    )

    def write(self, vals):
        if "lohi_institution_id" in vals and not self.env.su:
            raise UserError(self.env._("The institution that filed a complaint cannot change."))
        return super().write(vals)
