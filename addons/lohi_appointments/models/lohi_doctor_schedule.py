from odoo import api, fields, models


class LohiDoctorSchedule(models.Model):
    """A doctor's weekly consulting hours at one centre (出诊时间表, APT-2).

    The hours are a real ``resource.calendar`` (delegated through ``_inherits``), so the
    weekly attendances, the timezone and Odoo's working-time tools come with it. The
    timezone is the centre's: every hour of the schedule is local to the centre.
    """

    _name = "lohi.doctor.schedule"
    _inherits = {"resource.calendar": "calendar_id"}
    _inherit = ["mail.thread"]
    _description = "Doctor Schedule"
    _order = "centre_id, doctor_id, id"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        ondelete="restrict",
        auto_join=True,
        index=True,
    )
    doctor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    centre_id = fields.Many2one("lohi.centre", required=True, index=True, tracking=True)

    _sql_constraints = [
        (
            "doctor_centre_uniq",
            "unique(doctor_id, centre_id)",
            "A doctor has one schedule per centre.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        centres = self.env["lohi.centre"].browse(
            list({vals["centre_id"] for vals in vals_list if vals.get("centre_id")})
        )
        users = self.env["res.users"].browse(
            list({vals["doctor_id"] for vals in vals_list if vals.get("doctor_id")})
        )
        for vals in vals_list:
            centre = centres.filtered(lambda c, v=vals: c.id == v.get("centre_id"))
            doctor = users.filtered(lambda u, v=vals: u.id == v.get("doctor_id"))
            if centre:
                vals.setdefault("tz", centre.tz)
            if not vals.get("name") and not vals.get("calendar_id"):
                vals["name"] = f"{doctor.name or ''} @ {centre.name or ''}"
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "centre_id" in vals:
            for schedule in self:
                schedule.tz = schedule.centre_id.tz
        return res
