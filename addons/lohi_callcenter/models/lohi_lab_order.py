from odoo import models


class LohiLabOrder(models.Model):
    _inherit = "lohi.lab.order"

    def action_issue_paper(self):
        """CC-3: once the paper report is issued, the follow-up calls are planned."""
        result = super().action_issue_paper()
        self.env["lohi.call.task"].sudo()._plan_followups(
            self.filtered(lambda o: o.state == "issued")
        )
        return result
