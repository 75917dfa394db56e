from odoo import fields, models


class LohiComplaintStep(models.TransientModel):
    """Asks what a complaint step needs: the evaluation when closing, the findings of a
    quality investigation."""

    _name = "lohi.complaint.step"
    _description = "Complaint Step"

    complaint_id = fields.Many2one("lohi.complaint", required=True, ondelete="cascade")
    step = fields.Selection([("close", "Close"), ("qc", "Quality Findings")], required=True)
    satisfaction = fields.Selection(
        [
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ],
        default="4",
    )
    text = fields.Text(string="Summary")

    def action_confirm(self):
        self.ensure_one()
        if self.step == "close":
            self.complaint_id.action_close(self.satisfaction, self.text)
        else:
            self.complaint_id.action_qc_conclude(self.text)
        return {"type": "ir.actions.act_window_close"}
