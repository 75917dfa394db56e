from odoo import fields, models


class LohiDoctorLeave(models.Model):
    """A period a doctor does not see clients (leave, training, congress) (APT-2).

    Applies to every centre of the doctor. Public holidays are company-wide
    ``resource.calendar.leaves`` without calendar or resource, as in Odoo itself.
    """

    _name = "lohi.doctor.leave"
    _inherit = ["mail.thread"]
    _description = "Doctor Leave"
    _order = "date_from desc, id desc"

    name = fields.Char(string="Reason", required=True, tracking=True)
    doctor_id = fields.Many2one(
        "res.users", required=True, index=True, tracking=True, domain=[("share", "=", False)]
    )
    date_from = fields.Datetime(string="From", required=True, index=True, tracking=True)
    date_to = fields.Datetime(string="To", required=True, index=True, tracking=True)

    _sql_constraints = [
        ("dates_order", "CHECK(date_to > date_from)", "A leave must end after it starts."),
    ]
