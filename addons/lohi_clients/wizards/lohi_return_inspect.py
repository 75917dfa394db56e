from odoo import fields, models


class LohiReturnInspect(models.TransientModel):
    _name = "lohi.return.inspect"
    _description = "Return Inspection Opinion"

    request_id = fields.Many2one("lohi.return.request", required=True, ondelete="cascade")
    opinion = fields.Text(required=True)

    def action_approve(self):
        self.request_id.action_qc_approve(self.opinion)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.request_id.action_qc_reject(self.opinion)
        return {"type": "ir.actions.act_window_close"}
