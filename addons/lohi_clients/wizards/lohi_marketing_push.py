from odoo import fields, models
from odoo.exceptions import UserError


class LohiMarketingPush(models.TransientModel):
    """Send a marketing SMS to a filtered segment of clients, honouring opt-out (CLI-13)."""

    _name = "lohi.marketing.push"
    _description = "Marketing Message to a Segment"

    name = fields.Char(string="Campaign", required=True)
    centre_ids = fields.Many2many("lohi.centre", string="Centres")
    tier = fields.Selection(
        [("regular", "Regular"), ("key", "Key Client"), ("vip", "VIP")],
    )
    body = fields.Text(
        required=True, help="{name} is replaced by the client's name and title, e.g. 王先生."
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count")

    def _segment_domain(self):
        domain = [
            ("lohi_is_client", "=", True),
            ("lohi_accepts_messages", "=", True),
            ("mobile", "!=", False),
        ]
        if self.centre_ids:
            domain.append(("lohi_centre_id", "in", self.centre_ids.ids))
        if self.tier:
            domain.append(("lohi_tier", "=", self.tier))
        return domain

    def _compute_recipient_count(self):
        for push in self:
            push.recipient_count = self.env["res.partner"].search_count(push._segment_domain())

    def action_send(self):
        self.ensure_one()
        clients = self.env["res.partner"].search(self._segment_domain())
        if not clients:
            raise UserError(self.env._("No client in this segment accepts messages."))
        key = f"marketing:{self.name}"
        messages = self.env["lohi.sms.message"]._queue(
            [
                {
                    "partner_id": client.id,
                    "number": client.mobile,
                    "body": self.body.replace("{name}", client._lohi_salutation()),
                    "origin": self.name,
                    "dedupe_key": f"{key}:{client.id}",
                }
                for client in clients
            ]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s messages queued for %(campaign)s.",
                    count=len(messages),
                    campaign=self.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
