from odoo import fields, models


class LohiLabSampleReject(models.TransientModel):
    """Ask the consulting dept why a sample is rejected (LAB-5)."""

    _name = "lohi.lab.sample.reject"
    _description = "Reject a Lab Sample"

    order_id = fields.Many2one("lohi.lab.order", required=True)
    reason = fields.Text(required=True, help="E.g. haemolysed, too little, label missing.")

    def action_confirm(self):
        self.ensure_one()
        self.order_id.action_reject_sample(self.reason)
        return {"type": "ir.actions.act_window_close"}
