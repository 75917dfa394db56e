from odoo import models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_lohi_open_conversation(self):
        """CLI-7: the client's functional doctor opens (or starts) the online
        conversation with the client."""
        self.ensure_one()
        self.check_access("read")
        user = self.env.user
        if self.lohi_doctor_id != user:
            raise AccessError(
                self.env._(
                    "Only %(client)s's functional doctor talks with them online.",
                    client=self.name,
                )
            )
        Conversation = self.env["lohi.conversation"]
        conversation = Conversation.with_context(active_test=False).search(
            [("partner_id", "=", self.id), ("doctor_id", "=", user.id)], limit=1
        ) or Conversation.create({"partner_id": self.id, "doctor_id": user.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.conversation",
            "res_id": conversation.id,
            "view_mode": "form",
        }
