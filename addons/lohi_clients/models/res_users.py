from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    lohi_centre_ids = fields.Many2many(
        "lohi.centre",
        "lohi_centre_res_users_rel",
        "user_id",
        "centre_id",
        string="Centres",
        help="The centres this staff member works for. Centre-bound roles (doctors, "
        "health managers, branch directors) see these centres' clients only.",
    )
