from odoo import fields, models

from .lohi_call import CALL_TYPES


class LohiCallScript(models.Model):
    """A standard phrase for one situation of a call (话术, CC-4)."""

    _name = "lohi.call.script"
    _description = "Call Script"
    _order = "sequence, id"
    _rec_name = "situation"

    sequence = fields.Integer(default=10)
    situation = fields.Char(required=True, translate=True)
    phrase = fields.Text(required=True, translate=True)
    avoid = fields.Text(string="Avoid Saying", translate=True)
    active = fields.Boolean(default=True)
    call_type = fields.Selection(
        selection=CALL_TYPES,
        string="For Calls of Type",
        help="Shown beside calls of this type; empty: beside every call.",
    )
