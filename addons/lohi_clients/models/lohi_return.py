from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

QUALITY_REASONS = ("quality", "damaged", "wrong_item", "expired")


class LohiReturnRequest(models.Model):
    """A return or exchange of a health product (退换货, CLI-12, seed 002 §3.3):
    purchase verified → eligibility → application → quality-control inspection with an
    opinion → refund (amount, method, expected date) or exchange (new delivery)."""

    _name = "lohi.return.request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Return or Exchange"
    _order = "id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        domain=[("lohi_is_client", "=", True)],
        tracking=True,
    )
    centre_id = fields.Many2one(related="partner_id.lohi_centre_id", store=True, index=True)
    product_id = fields.Many2one("product.product", required=True, index=True, tracking=True)
    quantity = fields.Float(required=True, default=1.0)
    lot_name = fields.Char(string="Lot")
    purchase_ref = fields.Char(
        string="Purchase Reference",
        required=True,
        help="Order or receipt number, verified with the client.",
    )
    purchase_date = fields.Date(required=True)
    request_type = fields.Selection(
        [("refund", "Return and Refund"), ("exchange", "Exchange")], required=True, default="refund"
    )
    reason = fields.Selection(
        [
            ("quality", "Quality Problem"),
            ("damaged", "Damaged in Transport"),
            ("wrong_item", "Wrong Item"),
            ("expired", "Expired or Near Expiry"),
            ("reaction", "Adverse Reaction"),
            ("changed_mind", "Changed Mind"),
            ("other", "Other"),
        ],
        required=True,
        index=True,
    )
    condition = fields.Selection(
        [("unopened", "Unopened"), ("opened", "Opened"), ("damaged", "Damaged")],
        required=True,
        default="unopened",
    )
    description = fields.Text()
    eligible = fields.Boolean(compute="_compute_eligible", store=True)
    eligibility_note = fields.Char(compute="_compute_eligible", store=True)
    state = fields.Selection(
        [
            ("draft", "Application"),
            ("inspection", "Quality Inspection"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    qc_opinion = fields.Text(string="Quality Opinion", readonly=True)
    qc_user_id = fields.Many2one("res.users", string="Inspected by", readonly=True)
    qc_date = fields.Datetime(string="Inspected on", readonly=True)
    refund_amount = fields.Float()
    refund_method = fields.Selection(
        [
            ("original", "Original Payment Method"),
            ("wechat", "WeChat Pay"),
            ("alipay", "Alipay"),
            ("bank", "Bank Transfer"),
            ("cash", "Cash"),
        ]
    )
    refund_expected_date = fields.Date(string="Refund Expected On")
    exchange_product_id = fields.Many2one("product.product")
    exchange_quantity = fields.Float(default=1.0)
    done_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
        ("refund_positive", "CHECK(refund_amount >= 0)", "A refund cannot be negative."),
    ]

    @api.model
    def _windows(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("lohi_clients.return_window_days", 7)),
            int(params.get_param("lohi_clients.return_quality_window_days", 30)),
        )

    @api.depends("purchase_date", "reason", "condition")
    def _compute_eligible(self):
        window, quality_window = self._windows()
        today = fields.Date.context_today(self)
        for request in self:
            if not request.purchase_date:
                request.eligible, request.eligibility_note = False, False
                continue
            age = (today - request.purchase_date).days
            quality = request.reason in QUALITY_REASONS
            limit = quality_window if quality else window
            if age > limit:
                request.eligible = False
                request.eligibility_note = self.env._(
                    "Bought %(days)s days ago: the policy allows %(limit)s days.",
                    days=age,
                    limit=limit,
                )
            elif not quality and request.condition != "unopened":
                request.eligible = False
                request.eligibility_note = self.env._(
                    "Opened or damaged products are taken back for quality reasons only."
                )
            else:
                request.eligible = True
                request.eligibility_note = self.env._("Within the return policy.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.return.request") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            locked = {"state", "qc_opinion", "qc_user_id", "qc_date", "done_date"} & set(vals)
            if locked:
                raise UserError(
                    self.env._("The status of a return changes only through its buttons.")
                )
            if self.filtered(lambda r: r.state in ("done", "cancelled", "rejected")):
                raise UserError(self.env._("A finished return cannot be changed."))
        return super().write(vals)

    def _check_state(self, states):
        for request in self:
            if request.state not in states:
                raise UserError(self.env._("Return %(ref)s is not at this step.", ref=request.name))

    def _check_group(self, xmlid, message):
        if not (
            self.env.su
            or self.env.user.has_group(xmlid)
            or self.env.user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(message)

    def action_submit(self):
        """The application goes to quality control (returned goods are received then)."""
        self._check_state(("draft",))
        for request in self:
            if not request.eligible:
                raise UserError(
                    self.env._(
                        "%(ref)s is not eligible: %(note)s",
                        ref=request.name,
                        note=request.eligibility_note,
                    )
                )
        self.sudo().write({"state": "inspection"})
        self._lohi_receive_goods()
        qc_users = self.env.ref("lohi_clients.group_quality_control").sudo().users[:5]
        for request in self:
            for user in qc_users:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Inspect returned goods %(ref)s", ref=request.name),
                )
        return True

    def _lohi_receive_goods(self):
        """Hook: lohi_stock receives the returned goods into the quarantine location."""
        return True

    def _qc_decide(self, approve, opinion):
        self._check_state(("inspection",))
        self._check_group(
            "lohi_clients.group_quality_control",
            self.env._("Only quality control gives the inspection opinion."),
        )
        if not (opinion or "").strip():
            raise UserError(self.env._("Write the inspection opinion."))
        self.sudo().write(
            {
                "state": "approved" if approve else "rejected",
                "qc_opinion": opinion,
                "qc_user_id": self.env.uid,
                "qc_date": fields.Datetime.now(),
            }
        )
        return True

    def action_qc_approve(self, opinion):
        return self._qc_decide(True, opinion)

    def action_qc_reject(self, opinion):
        return self._qc_decide(False, opinion)

    def action_open_inspection(self):
        self.ensure_one()
        self._check_state(("inspection",))
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.return.inspect",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_done(self):
        """Customer service refunds or sends the exchange."""
        self._check_state(("approved",))
        self._check_group(
            "lohi_clients.group_customer_service",
            self.env._("Customer service completes returns and exchanges."),
        )
        for request in self:
            if request.request_type == "refund" and not (
                request.refund_amount and request.refund_method and request.refund_expected_date
            ):
                raise UserError(
                    self.env._(
                        "%(ref)s: give the refund amount, method and expected date.",
                        ref=request.name,
                    )
                )
            if request.request_type == "exchange" and not request.exchange_product_id:
                raise UserError(
                    self.env._("%(ref)s: choose the exchange product.", ref=request.name)
                )
        self.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        self._lohi_send_exchange()
        return True

    def _lohi_send_exchange(self):
        """Hook: lohi_stock ships the exchange product."""
        return True

    def action_cancel(self):
        self._check_state(("draft", "inspection"))
        self.sudo().write({"state": "cancelled"})
        return True

    @api.onchange("request_type", "product_id")
    def _onchange_request_type(self):
        if self.request_type == "exchange" and not self.exchange_product_id:
            self.exchange_product_id = self.product_id
        if self.request_type == "refund" and not self.refund_expected_date:
            self.refund_expected_date = fields.Date.context_today(self) + timedelta(days=7)
