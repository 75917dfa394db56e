from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class StockRequestOrder(models.Model):
    """A branch requisition (营养素申请, STK-8) on OCA's stock request order.

    Flow: the centre drafts and requests validation → the product manager approves
    (1st tier) → finance approves (2nd tier); either may reject with a reason and the
    centre restarts validation, revises and resubmits → the warehouse keeper releases
    only fully approved orders (launching the pick from the central warehouse) → the
    centre counts the goods and confirms receipt, recording any discrepancy.
    """

    _inherit = "stock.request.order"

    lohi_centre_id = fields.Many2one(
        "lohi.centre",
        string="Centre",
        compute="_compute_lohi_centre_id",
        store=True,
        index=True,
        help="The centre or office whose warehouse requests the goods.",
    )
    lohi_received = fields.Boolean(
        string="Receipt Confirmed", readonly=True, copy=False, tracking=True
    )
    lohi_received_date = fields.Datetime(string="Received on", readonly=True, copy=False)
    lohi_received_by_id = fields.Many2one(
        "res.users", string="Received by", readonly=True, copy=False
    )
    lohi_discrepancy_note = fields.Text(
        string="Discrepancy Note",
        copy=False,
        tracking=True,
        help="What differed between the requested and the counted quantities, and why.",
    )
    lohi_has_discrepancy = fields.Boolean(
        string="Discrepancy",
        compute="_compute_lohi_has_discrepancy",
        store=True,
    )

    @api.depends("warehouse_id")
    def _compute_lohi_centre_id(self):
        centres = (
            self.env["lohi.centre"].sudo().search([("warehouse_id", "in", self.warehouse_id.ids)])
        )
        by_warehouse = {c.warehouse_id.id: c.id for c in centres}
        for order in self:
            order.lohi_centre_id = by_warehouse.get(order.warehouse_id.id, False)

    @api.depends(
        "lohi_received", "stock_request_ids.lohi_received_qty", "stock_request_ids.product_uom_qty"
    )
    def _compute_lohi_has_discrepancy(self):
        for order in self:
            order.lohi_has_discrepancy = order.lohi_received and any(
                line.lohi_discrepancy_qty for line in order.stock_request_ids
            )

    # ---------------------------------------------------------------- approval
    def _lohi_applicable_tiers(self):
        self.ensure_one()
        tiers = (
            self.env["tier.definition"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("company_id", "in", [False] + self._get_company().ids),
                ]
            )
        )
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    def _lohi_is_fully_approved(self):
        """Every applicable tier has an approved review and none is open or rejected."""
        self.ensure_one()
        tiers = self._lohi_applicable_tiers()
        if not tiers:
            return True
        reviews = self.sudo().review_ids
        if any(r.status in ("waiting", "pending", "rejected") for r in reviews):
            return False
        approved = reviews.filtered(lambda r: r.status == "approved").definition_id
        return not (tiers - approved)

    def _lohi_check_lines_editable(self):
        if self.env.su:
            return
        for order in self:
            if order.state != "draft" or order.sudo().review_ids:
                raise UserError(
                    self.env._(
                        "%(order)s is under approval or already released: restart the "
                        "validation before revising its products or quantities.",
                        order=order.name,
                    )
                )

    def request_validation(self):
        reviews = super().request_validation()
        # OCA's need_validation has no dependencies: drop the cached value computed
        # before the reviews existed
        self.invalidate_recordset(["review_ids", "need_validation"])
        return reviews

    def reject_tier(self):
        """A rejection always carries a reason: open OCA's comment wizard."""
        self.ensure_one()
        sequences = self._get_sequences_to_approve(self.env.user)
        reviews = self.review_ids.filtered(lambda r: r.sequence in sequences)
        if not reviews:
            raise UserError(self.env._("%(order)s has no review waiting for you.", order=self.name))
        return self._add_comment("reject", reviews)

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        rejected = self.sudo().review_ids.filtered(
            lambda r: r.status == "rejected" and r.done_by == self.env.user
        )
        if rejected:
            self.sudo().message_post(
                body=self.env._(
                    "Rejected by %(user)s (%(tier)s): %(reason)s. The centre may restart "
                    "the validation, revise and resubmit.",
                    user=self.env.user.name,
                    tier=rejected[:1].name,
                    reason=rejected[:1].comment or "",
                ),
                partner_ids=self.requested_by.partner_id.ids,
            )
        return res

    def validate_tier(self):
        self.ensure_one()
        if not self._get_sequences_to_approve(self.env.user):
            raise UserError(self.env._("%(order)s has no review waiting for you.", order=self.name))
        return super().validate_tier()

    def action_confirm(self):
        """Release to the warehouse: only the warehouse keeper, only fully approved."""
        self._lohi_check_release()
        # reviews are linked by a Many2oneReference: refresh the cached one2many so
        # OCA's state check sees reviews created earlier in the same transaction
        self.invalidate_recordset(["review_ids", "need_validation"])
        return super().action_confirm()

    def _lohi_check_release(self):
        if self.env.su:
            return
        user = self.env.user
        if not (
            user.has_group("lohi_clients.group_warehouse_keeper")
            or user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(
                self.env._("Only the warehouse keeper releases approved requisitions.")
            )
        for order in self:
            if not order._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(order)s is not fully approved (product manager, then "
                        "finance); the warehouse cannot ship it yet.",
                        order=order.name,
                    )
                )

    # ---------------------------------------------------------------- receipt
    def action_confirm_receipt(self):
        """The requesting centre counts the goods and confirms receipt (STK-8)."""
        user = self.env.user
        is_admin = user.has_group("lohi_clients.group_admin")
        for order in self:
            if order.lohi_received:
                raise UserError(
                    self.env._("Receipt of %(order)s is already confirmed.", order=order.name)
                )
            if order.state not in ("open", "done"):
                raise UserError(
                    self.env._(
                        "%(order)s has not been shipped yet; receipt can only be "
                        "confirmed for released requisitions.",
                        order=order.name,
                    )
                )
            if not is_admin and (
                not order.lohi_centre_id or order.lohi_centre_id not in user.lohi_centre_ids
            ):
                raise AccessError(
                    self.env._(
                        "Only staff of %(centre)s can confirm receipt of %(order)s.",
                        centre=order.lohi_centre_id.display_name or order.warehouse_id.name,
                        order=order.name,
                    )
                )
            discrepant = order.stock_request_ids.filtered("lohi_discrepancy_qty")
            if discrepant and not (order.lohi_discrepancy_note or "").strip():
                raise UserError(
                    self.env._(
                        "The counted quantities of %(order)s differ from the request "
                        "(%(products)s): describe the discrepancy before confirming.",
                        order=order.name,
                        products=", ".join(discrepant.product_id.mapped("display_name")),
                    )
                )
        self.write(
            {
                "lohi_received": True,
                "lohi_received_date": fields.Datetime.now(),
                "lohi_received_by_id": user.id,
            }
        )
        for order in self:
            order.message_post(body=self.env._("Receipt confirmed by %(user)s.", user=user.name))
        return True

    # ---------------------------------------------------------------- demo
    def _lohi_demo_deliver_and_receive(self, note=""):
        """Demo only: run a requisition through the whole flow as the demo users —
        director files, product manager and finance approve, the keeper releases, picks,
        checks and ships, the centre receives one unit short and confirms with a note."""
        env = self.env
        director = env.ref("lohi_clients.user_director_demo")
        keeper = env.ref("lohi_clients.user_warehouse_demo")
        checks = {
            "lohi_pick_checked": True,
            "lohi_qc_no_leak": True,
            "lohi_qc_packaging_ok": True,
            "lohi_qc_label_ok": True,
            "lohi_transport_checked": True,
        }
        for order in self:
            order.with_user(director).request_validation()
            order.with_user(env.ref("lohi_clients.user_product_demo")).validate_tier()
            order.with_user(env.ref("lohi_clients.user_finance_demo")).validate_tier()
            order.invalidate_recordset()
            order.with_user(keeper).action_confirm()
            for _step in range(3):
                for picking in order.picking_ids.filtered(
                    lambda p: p.state not in ("done", "cancel")
                ).sorted("id"):
                    picking.action_assign()
                    if picking.state != "assigned":
                        continue
                    picking.move_ids.picked = True
                    picking.with_user(keeper).write(checks)
                    picking.with_user(keeper).button_validate()
            lines = order.stock_request_ids.sorted("id")
            for index, line in enumerate(lines):
                line.with_user(director).lohi_received_qty = line.product_uom_qty - (
                    1 if index == 0 and note else 0
                )
            if note:
                order.with_user(director).lohi_discrepancy_note = note
            order.invalidate_recordset()
            order.with_user(director).action_confirm_receipt()
        return True
