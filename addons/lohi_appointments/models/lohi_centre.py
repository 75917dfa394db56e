from odoo import fields, models


class LohiCentre(models.Model):
    _inherit = "lohi.centre"

    lohi_wrapup_date = fields.Date(
        string="Last Daily Wrap-up",
        readonly=True,
        copy=False,
        help="Local date of the last daily appointment wrap-up sent for this centre (APT-9).",
    )
    lohi_schedule_ids = fields.One2many(
        "lohi.doctor.schedule", "centre_id", string="Doctor Schedules"
    )
