from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .tier_guard import all_reviews_approved, check_review_turn

DOC_FIELDS = {"location_id", "line_ids", "date", "note", "company_id"}
REVIEW_FIELDS = {"cause", "responsible_id"}
REASONS = [
    ("broken", "Broken"),
    ("discoloured", "Discoloured"),
    ("mouldy", "Mouldy"),
    ("insect", "Insect-damaged"),
    ("expired", "Expired"),
    ("other", "Other"),
]


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        res = super()._get_tier_validation_model_names()
        res += [
            "lohi.stock.destruction",
            "lohi.stock.count",
            "lohi.purchase.proposal",
            "purchase.order",
        ]
        return res


class LohiStockDestruction(models.Model):
    """营养素销毁申请单 (STK-11): unfit goods wait in the destruction area; the warehouse
    keeper applies, the product manager reviews (cause, person responsible), leadership
    then finance approve, and only then the keeper destroys them through real scraps."""

    _name = "lohi.stock.destruction"
    _description = "Destruction Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date desc, id desc"

    _tier_validation_manual_config = False
    _state_from = ["draft", "to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    date = fields.Date(string="Application Date", default=fields.Date.context_today, required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Destruction Area",
        required=True,
        tracking=True,
        domain="[('lohi_destruction_area', '=', True)]",
        help="The separate, clearly marked location where the unfit goods wait.",
    )
    line_ids = fields.One2many("lohi.stock.destruction.line", "destruction_id", string="Goods")
    note = fields.Text(string="Notes")
    cause = fields.Text(
        tracking=True,
        help="Filled by the product manager: why the goods became unfit.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Person Responsible",
        tracking=True,
        help="Filled by the product manager: who is accountable for the loss.",
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Applicant", default=lambda self: self.env.user, readonly=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Destroyed"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    scrap_ids = fields.One2many(
        "stock.scrap", "lohi_destruction_id", string="Scraps", readonly=True
    )
    destroyed_date = fields.Datetime(string="Destroyed on", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._lohi_check_keeper()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.stock.destruction") or "/"
            if not self.env.su and (
                vals.get("state", "draft") != "draft" or REVIEW_FIELDS & set(vals)
            ):
                raise AccessError(
                    self.env._("A destruction application starts as a draft without review.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._lohi_check_write(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._lohi_check_keeper()
            if any(rec.state != "draft" for rec in self):
                raise UserError(self.env._("Only draft destruction applications can be deleted."))
        return super().unlink()

    @api.constrains("location_id")
    def _check_location_id(self):
        for rec in self:
            if not rec.location_id._lohi_in_destruction_area():
                raise ValidationError(
                    self.env._(
                        "%(location)s is not a destruction area: unfit goods are destroyed "
                        "only from the separate, marked destruction location.",
                        location=rec.location_id.display_name,
                    )
                )

    # ---------------------------------------------------------------- guards
    def _lohi_is_keeper(self):
        user = self.env.user
        return user.has_group("lohi_clients.group_warehouse_keeper") or user.has_group(
            "lohi_clients.group_admin"
        )

    def _lohi_check_keeper(self):
        if not self._lohi_is_keeper():
            raise AccessError(
                self.env._("Only the warehouse keeper files and destroys unfit goods.")
            )

    def _lohi_check_write(self, vals):
        keys = {k for k in vals if not k.startswith(("message_", "activity_"))}
        if "state" in keys and not self.env.context.get("lohi_destruction_transition"):
            raise AccessError(
                self.env._("The state of a destruction application follows its approval.")
            )
        keys.discard("state")
        if keys & REVIEW_FIELDS:
            user = self.env.user
            if not (
                user.has_group("lohi_clients.group_product_manager")
                or user.has_group("lohi_clients.group_admin")
            ):
                raise AccessError(
                    self.env._(
                        "Only the product manager records the cause and the person responsible."
                    )
                )
            if any(rec.state not in ("draft", "to_approve") for rec in self):
                raise UserError(self.env._("The review of this application is closed."))
        others = keys - REVIEW_FIELDS
        if others:
            self._lohi_check_keeper()
            if not others <= DOC_FIELDS:
                raise AccessError(self.env._("These fields are set by the system."))
            if any(rec.state != "draft" for rec in self):
                raise UserError(self.env._("Only a draft destruction application can be changed."))

    # ---------------------------------------------------------------- approval
    @api.model
    def _get_all_validation_exceptions(self):
        # the product manager fills the cause and the person responsible under review
        return super()._get_all_validation_exceptions() + list(REVIEW_FIELDS)

    @api.model
    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + list(REVIEW_FIELDS)

    def _lohi_transition(self, state):
        self.sudo().with_context(
            lohi_destruction_transition=True, skip_validation_check=True
        ).write({"state": state})

    def _lohi_is_fully_approved(self):
        return all_reviews_approved(self)

    def action_submit(self):
        self._lohi_check_keeper()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("%(name)s is not a draft.", name=rec.name))
            if not rec.line_ids:
                raise UserError(self.env._("List the goods to destroy in %(name)s.", name=rec.name))
        self._lohi_transition("to_approve")
        self.invalidate_recordset(["review_ids", "need_validation"])
        self.request_validation()
        self.invalidate_recordset(["review_ids", "need_validation"])
        return True

    def validate_tier(self):
        sequences = check_review_turn(self)
        reviews = self.review_ids.filtered(lambda r: r.sequence in sequences)
        product_group = self.env.ref("lohi_clients.group_product_manager")
        if reviews.filtered(lambda r: r.definition_id.reviewer_group_id == product_group) and not (
            (self.cause or "").strip() and self.responsible_id
        ):
            raise UserError(
                self.env._(
                    "Record the cause and the person responsible before approving %(name)s.",
                    name=self.name,
                )
            )
        res = super().validate_tier()
        self.invalidate_recordset(["review_ids", "validation_status"])
        if self._lohi_is_fully_approved():
            self._lohi_transition("approved")
        return res

    def reject_tier(self):
        check_review_turn(self)
        return super().reject_tier()

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        if self.sudo().review_ids.filtered(lambda r: r.status == "rejected"):
            self._lohi_transition("rejected")
            self.sudo().message_post(
                body=self.env._(
                    "Rejected by %(user)s: the warehouse keeper may revise and resubmit.",
                    user=self.env.user.name,
                ),
                partner_ids=self.requested_by_id.partner_id.ids,
            )
        return res

    def action_draft(self):
        """A refused application goes back to the keeper as a draft."""
        self._lohi_check_keeper()
        for rec in self:
            if rec.state != "rejected":
                raise UserError(self.env._("Only a rejected application goes back to draft."))
        # the rejected reviews are dropped (OCA: back to a _state_from state)
        self._lohi_transition("draft")
        self.invalidate_recordset(["review_ids", "need_validation", "validation_status"])
        return True

    # ---------------------------------------------------------------- destroy
    def action_destroy(self):
        """Destroy fully approved goods: one validated scrap per line."""
        self._lohi_check_keeper()
        Scrap = self.env["stock.scrap"]
        for rec in self:
            if rec.state == "to_approve" and rec._lohi_is_fully_approved():
                rec._lohi_transition("approved")
            if rec.state != "approved" or not rec._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(name)s is not fully approved (product manager, leadership, then "
                        "finance): nothing may be destroyed yet.",
                        name=rec.name,
                    )
                )
            for line in rec.line_ids:
                available = (
                    line.product_id.with_context(
                        location=rec.location_id.id, lot_id=line.lot_id.id, strict=True
                    )
                    .sudo()
                    .qty_available
                )
                if available < line.quantity:
                    raise UserError(
                        self.env._(
                            "%(product)s %(lot)s: only %(available)s in %(location)s, "
                            "%(quantity)s to destroy. Move the goods to the destruction "
                            "area first.",
                            product=line.product_id.display_name,
                            lot=line.lot_id.name or "",
                            available=available,
                            location=rec.location_id.display_name,
                            quantity=line.quantity,
                        )
                    )
            scraps = Scrap.with_context(lohi_destruction_id=rec.id).create(
                [
                    {
                        "product_id": line.product_id.id,
                        "lot_id": line.lot_id.id,
                        "scrap_qty": line.quantity,
                        "product_uom_id": line.product_id.uom_id.id,
                        "location_id": rec.location_id.id,
                        "origin": rec.name,
                        "company_id": rec.company_id.id,
                        "lohi_destruction_id": rec.id,
                    }
                    for line in rec.line_ids
                ]
            )
            scraps.with_context(lohi_destruction_id=rec.id).do_scrap()
            rec.sudo().with_context(lohi_destruction_transition=True).write(
                {"state": "done", "destroyed_date": fields.Datetime.now()}
            )
            rec.message_post(body=self.env._("Destroyed by %(user)s.", user=self.env.user.name))
        return True

    # ---------------------------------------------------------------- demo
    def _lohi_demo_approve_and_destroy(self):
        return self._lohi_demo_run("done")

    def _lohi_demo_run(self, stage):
        """Demo only: move the listed lots into the destruction area, then run the flow
        as the demo keeper, product manager, leader and finance users up to ``stage``
        (to_approve, approved, rejected or done)."""
        env = self.env
        keeper = env.ref("lohi_clients.user_warehouse_demo")
        product = env.ref("lohi_clients.user_product_demo")
        for rec in self:
            quants = env["stock.quant"].search(
                [
                    ("lot_id", "in", rec.line_ids.lot_id.ids),
                    ("location_id.usage", "=", "internal"),
                    ("location_id", "!=", rec.location_id.id),
                    ("quantity", ">", 0),
                ]
            )
            quants.move_quants(location_dest_id=rec.location_id, message=rec.name)
            rec.with_user(keeper).action_submit()
            if stage == "to_approve":
                continue
            if stage == "rejected":
                rec.with_user(product).reject_tier()
                continue
            rec.with_user(product).validate_tier()
            rec.with_user(env.ref("lohi_clients.user_leader_demo")).validate_tier()
            rec.with_user(env.ref("lohi_clients.user_finance_demo")).validate_tier()
            if stage == "done":
                rec.with_user(keeper).action_destroy()
        return True


class LohiStockDestructionLine(models.Model):
    _name = "lohi.stock.destruction.line"
    _description = "Destruction Application Line"

    destruction_id = fields.Many2one(
        "lohi.stock.destruction", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one(
        "product.product", required=True, domain="[('is_storable', '=', True)]"
    )
    lot_id = fields.Many2one("stock.lot", domain="[('product_id', '=', product_id)]")
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    reason = fields.Selection(REASONS, required=True)
    expiration_date = fields.Datetime(related="lot_id.expiration_date", string="Expiry")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity to destroy must be positive.")
    ]

    @api.constrains("product_id", "lot_id")
    def _check_lot(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Lot %(lot)s is not a lot of %(product)s.",
                        lot=line.lot_id.name,
                        product=line.product_id.display_name,
                    )
                )
            if line.product_id.tracking != "none" and not line.lot_id:
                raise ValidationError(
                    self.env._("Give the lot of %(product)s.", product=line.product_id.display_name)
                )

    def _lohi_check_draft(self, destructions):
        if self.env.su:
            return
        destructions._lohi_check_keeper()
        if any(d.state != "draft" for d in destructions):
            raise UserError(self.env._("Only a draft destruction application can be changed."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._lohi_check_draft(lines.destruction_id)
        return lines

    def write(self, vals):
        self._lohi_check_draft(self.destruction_id)
        res = super().write(vals)
        self._lohi_check_draft(self.destruction_id)
        return res

    def unlink(self):
        self._lohi_check_draft(self.destruction_id)
        return super().unlink()
