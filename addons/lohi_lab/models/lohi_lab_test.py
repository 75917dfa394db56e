from odoo import fields, models


class LohiLabTest(models.Model):
    """A test item of the catalogue (检测项目, LAB-1)."""

    _name = "lohi.lab.test"
    _inherit = ["mail.thread"]
    _description = "Lab Test Item"
    _order = "sequence, code, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Monetary(tracking=True)
    sample_type = fields.Selection(
        [
            ("blood", "Blood"),
            ("urine", "Urine"),
            ("stool", "Stool"),
            ("saliva", "Saliva"),
            ("hair", "Hair"),
            ("breath", "Breath"),
        ],
        required=True,
        default="blood",
    )
    turnaround_days = fields.Integer(
        default=7, help="Working days from sample receipt to the report."
    )
    sampling_guide = fields.Html(translate=True)
    sampling_guide_attachment_ids = fields.Many2many(
        "ir.attachment",
        "lohi_lab_test_guide_attachment_rel",
        "test_id",
        "attachment_id",
        string="Sampling Guide Files",
        help="Printable sampling instructions (PDF, pictures) handed to the client with the kit.",
    )
    kit_product_id = fields.Many2one(
        "product.product",
        string="Kit",
        domain=[("is_storable", "=", True)],
        help="The stock-tracked sampling kit issued for this test (LAB-3).",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A test code must be unique."),
        ("turnaround_positive", "CHECK(turnaround_days >= 0)", "Turnaround cannot be negative."),
    ]
