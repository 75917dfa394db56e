from odoo import fields, models


class LohiStaffRating(models.Model):
    _inherit = "lohi.staff.rating"

    appointment_id = fields.Many2one(
        "lohi.appointment",
        string="Visit",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The visit the client rated on the portal: one rating per visit.",
    )

    _sql_constraints = [
        (
            "appointment_uniq",
            "unique(appointment_id)",
            "This visit has already been rated.",
        ),
    ]
