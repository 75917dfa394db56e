from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class LohiVipApplication(models.Model):
    """The VIP designation flow of seed 004 (CLI-14): a channel fills the screening form
    (黄金顾客筛选表) → administrative review → customer service confirms → the client is
    a VIP with an assigned consultant."""

    _name = "lohi.vip.application"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "VIP Screening Form"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        domain=[("lohi_is_client", "=", True)],
        tracking=True,
    )
    submitted_by_id = fields.Many2one(
        "res.users", string="Submitted by", default=lambda self: self.env.user, readonly=True
    )
    channel = fields.Selection(
        [
            ("centre", "Branch Centre"),
            ("institution", "Partner Institution"),
            ("call_centre", "Call Centre"),
            ("other", "Other"),
        ],
        required=True,
        default="centre",
    )
    annual_spend = fields.Float(string="Expected Annual Spend")
    long_term_user = fields.Boolean(string="Long-term Product User")
    referrals = fields.Integer(string="Clients Referred")
    health_needs = fields.Text()
    reason = fields.Text(string="Why a VIP", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("reviewed", "Reviewed"),
            ("vip", "VIP"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    consultant_id = fields.Many2one(
        "res.users", string="Assigned Consultant", domain=[("share", "=", False)], tracking=True
    )
    reject_reason = fields.Text(readonly=True)

    _sql_constraints = [
        ("referrals_positive", "CHECK(referrals >= 0)", "Referrals cannot be negative."),
    ]

    @api.depends("partner_id", "state")
    def _compute_display_name(self):
        for application in self:
            application.display_name = application.partner_id.name or ""

    def write(self, vals):
        if not self.env.su and self.filtered(lambda a: a.state in ("vip", "rejected")):
            raise UserError(self.env._("A decided VIP screening form cannot be changed."))
        return super().write(vals)

    def _check_state(self, state):
        for application in self:
            if application.state != state:
                raise UserError(
                    self.env._(
                        "The screening form of %(client)s is not at this step.",
                        client=application.partner_id.name,
                    )
                )

    def _check_group(self, xmlid, message):
        if not (
            self.env.user.has_group(xmlid) or self.env.user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(message)

    def action_submit(self):
        self._check_state("draft")
        self.sudo().write({"state": "submitted"})
        return True

    def action_review(self):
        """Administrative review (行政审核) by HQ operations."""
        self._check_state("submitted")
        self._check_group(
            "lohi_clients.group_hq_operations", self.env._("Only HQ operations reviews VIP forms.")
        )
        self.sudo().write({"state": "reviewed", "reviewed_by_id": self.env.uid})
        return True

    def action_confirm(self):
        """Customer service confirms and the client becomes a VIP with a consultant."""
        self._check_state("reviewed")
        self._check_group(
            "lohi_clients.group_customer_service",
            self.env._("Only customer service confirms a VIP."),
        )
        for application in self:
            if not application.consultant_id:
                raise UserError(
                    self.env._(
                        "Assign a consultant to %(client)s first.",
                        client=application.partner_id.name,
                    )
                )
        self.sudo().write({"state": "vip", "confirmed_by_id": self.env.uid})
        for application in self:
            application.partner_id.sudo().write(
                {"lohi_tier": "vip", "lohi_vip_consultant_id": application.consultant_id.id}
            )
        return True

    def action_reject(self, reason=None):
        if self.filtered(lambda a: a.state not in ("submitted", "reviewed")):
            raise UserError(self.env._("Only a form under review can be rejected."))
        self._check_group(
            "lohi_clients.group_hq_operations", self.env._("Only HQ operations rejects VIP forms.")
        )
        self.sudo().write({"state": "rejected", "reject_reason": reason or False})
        return True
