from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        tests = super().create(vals_list)
        tests._attach_guides()
        return tests

    def write(self, vals):
        res = super().write(vals)
        if "sampling_guide_attachment_ids" in vals:
            self._attach_guides()
        return res

    def _attach_guides(self):
        """Guide files uploaded before the test existed (or loaded as data) belong to no
        record, and Odoo lets only their uploader read such files: attach them to the
        test, so everyone who may read the test (doctors ordering it, health managers
        handing out the kit) may open its guide."""
        for test in self:
            test.sampling_guide_attachment_ids.sudo().filtered(
                lambda a, t=test: not a.res_id and not a.res_field
            ).write({"res_model": test._name, "res_id": test.id})
