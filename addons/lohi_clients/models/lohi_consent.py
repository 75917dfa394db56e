from odoo import api, fields, models
from odoo.exceptions import UserError


class LohiConsent(models.Model):
    """A client's separate consent (单独同意) to the processing of sensitive personal
    information — health data — as China's PIPL (art. 29) requires; or to sharing it with a
    partner institution; or to receiving marketing messages."""

    _name = "lohi.consent"
    _inherit = ["mail.thread"]
    _description = "Client Consent"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("lohi_is_client", "=", True)],
    )
    scope = fields.Selection(
        [
            ("clinical", "Processing of Health Data"),
            ("institution", "Sharing Reports with the Referring Institution"),
            ("marketing", "Marketing Messages"),
        ],
        required=True,
        default="clinical",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, default=lambda self: self.env.user
    )
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Signed Form", help="The scanned consent form signed by the client."
    )
    state = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn")],
        required=True,
        default="given",
        readonly=True,
        tracking=True,
        index=True,
    )
    withdrawn_date = fields.Date(readonly=True)
    withdrawn_by_id = fields.Many2one("res.users", readonly=True)
    withdrawal_reason = fields.Text(readonly=True)

    @api.depends("partner_id", "scope", "state")
    def _compute_display_name(self):
        scopes = dict(self._fields["scope"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        for consent in self:
            consent.display_name = (
                f"{consent.partner_id.name or ''} · {scopes.get(consent.scope, '')} · "
                f"{states.get(consent.state, '')}"
            )

    def write(self, vals):
        # The state and the withdrawal trail change only through action_withdraw, which
        # writes past this guard; a given consent cannot be revived by a write either.
        protected = {
            "partner_id",
            "scope",
            "date",
            "recorded_by_id",
            "state",
            "withdrawn_date",
            "withdrawn_by_id",
            "withdrawal_reason",
        }
        if protected & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "A recorded consent cannot be altered. Withdraw it and record a new one."
                )
            )
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Consents are kept as evidence: withdraw a consent instead of deleting it."
                )
            )
        return super().unlink()

    def action_withdraw(self, reason=None):
        for consent in self:
            if consent.state != "given":
                raise UserError(
                    self.env._(
                        "Only a given consent can be withdrawn (%(consent)s).",
                        consent=consent.display_name,
                    )
                )
        super().write(
            {
                "state": "withdrawn",
                "withdrawn_date": fields.Date.context_today(self),
                "withdrawn_by_id": self.env.uid,
                "withdrawal_reason": reason or False,
            }
        )
        return True
