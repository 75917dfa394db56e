from odoo import fields, models


class LohiServiceType(models.Model):
    """A bookable service with its slot length, centres and doctors (APT-2)."""

    _name = "lohi.service.type"
    _description = "Appointment Service Type"
    _order = "sequence, name, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    duration = fields.Float(
        string="Slot Length (hours)", required=True, default=1.0, help="Length of one booking."
    )
    centre_ids = fields.Many2many("lohi.centre", string="Centres")
    doctor_ids = fields.Many2many("res.users", string="Doctors", domain=[("share", "=", False)])
    visit_type = fields.Selection(
        [
            ("first", "First Visit"),
            ("revisit", "Revisit"),
            ("interpretation", "Report Interpretation"),
            ("other", "Other"),
        ],
        string="Default For",
        help="The service the booking assistant proposes when a document books a visit of "
        "this type (APT-10), e.g. report interpretation from a lab order.",
    )
    color = fields.Integer()
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("duration_positive", "CHECK(duration > 0)", "A slot must last longer than zero."),
    ]
