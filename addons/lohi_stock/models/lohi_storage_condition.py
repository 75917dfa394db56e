from odoo import fields, models


class LohiStorageCondition(models.Model):
    """A storage condition: temperature and humidity ranges a product needs (STK-1)."""

    _name = "lohi.storage.condition"
    _description = "Storage Condition"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    temperature_min = fields.Float(string="Min. Temperature (°C)", required=True)
    temperature_max = fields.Float(string="Max. Temperature (°C)", required=True)
    humidity_min = fields.Float(string="Min. Relative Humidity (%)", default=45.0)
    humidity_max = fields.Float(string="Max. Relative Humidity (%)", default=75.0)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A storage condition's code must be unique."),
        (
            "temperature_range",
            "CHECK(temperature_min <= temperature_max)",
            "The minimum temperature cannot exceed the maximum.",
        ),
        (
            "humidity_range",
            "CHECK(humidity_min >= 0 AND humidity_max <= 100 AND humidity_min <= humidity_max)",
            "Relative humidity must lie between 0 and 100 %, minimum below maximum.",
        ),
    ]
