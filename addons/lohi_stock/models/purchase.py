from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_is_zero

from .tier_guard import all_reviews_approved, check_review_turn

SALES_DAYS = 90  # seed 000: 销售周期情况(三个月)
PROPOSAL_EDIT_FIELDS = {"date", "warehouse_id", "note", "line_ids"}
LINE_EDIT_FIELDS = {"order_qty", "partner_id", "note"}


def _is_product_manager(user):
    return user.has_group("lohi_clients.group_product_manager") or user.has_group(
        "lohi_clients.group_admin"
    )


class LohiPurchaseProposal(models.Model):
    """产品采购申请 (STK-3): the product manager proposes the purchases from the last
    three months' sales of every centre and office, the stock on hand, what is already
    on order, the open requisitions and client orders and the minimum stock rules;
    leadership approves (订购申请需要经过领导审核); only then the product manager places
    the purchase orders with the manufacturers and follows their delivery."""

    _name = "lohi.purchase.proposal"
    _description = "Purchase Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date desc, id desc"

    _tier_validation_manual_config = False
    _state_from = ["draft", "to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    date = fields.Date(default=fields.Date.context_today, required=True)
    date_from = fields.Date(
        string="Sales Since", compute="_compute_date_from", help="Start of the three-month window."
    )
    user_id = fields.Many2one(
        "res.users", string="Product Manager", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Receiving Warehouse",
        required=True,
        check_company=True,
        help="The central warehouse the manufacturers deliver to.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("ordered", "Ordered"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("lohi.purchase.proposal.line", "proposal_id", string="Products")
    note = fields.Text(string="Notes")
    purchase_ids = fields.One2many("purchase.order", "lohi_proposal_id", string="Purchase Orders")
    purchase_count = fields.Integer(compute="_compute_purchase_count")
    amount_total = fields.Float(
        string="Estimated Amount", compute="_compute_amount_total", store=True
    )

    @api.depends("date")
    def _compute_date_from(self):
        for rec in self:
            rec.date_from = (rec.date or fields.Date.today()) - timedelta(days=SALES_DAYS)

    def _compute_purchase_count(self):
        for rec in self:
            rec.purchase_count = len(rec.purchase_ids)

    @api.depends("line_ids.order_qty", "line_ids.price_unit")
    def _compute_amount_total(self):
        for rec in self:
            rec.amount_total = sum(line.order_qty * line.price_unit for line in rec.line_ids)

    # ---------------------------------------------------------------- guards
    @api.model
    def _lohi_check_product_manager(self):
        if not self.env.su and not _is_product_manager(self.env.user):
            raise AccessError(self.env._("Only the product manager proposes purchases."))

    @api.model_create_multi
    def create(self, vals_list):
        self._lohi_check_product_manager()
        for vals in vals_list:
            if not self.env.su and vals.get("state", "draft") != "draft":
                raise AccessError(self.env._("A purchase proposal starts as a draft."))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.purchase.proposal") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            keys = {k for k in vals if not k.startswith(("message_", "activity_"))}
            if keys - PROPOSAL_EDIT_FIELDS:
                raise AccessError(
                    self.env._("A purchase proposal moves only through its buttons and approvals.")
                )
            if keys:
                self._lohi_check_product_manager()
                if any(rec.state != "draft" for rec in self):
                    raise UserError(self.env._("Only a draft purchase proposal can be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._lohi_check_product_manager()
            if any(rec.state != "draft" for rec in self):
                raise UserError(self.env._("Only draft purchase proposals can be deleted."))
        return super().unlink()

    def _lohi_transition(self, vals):
        self.sudo().with_context(skip_validation_check=True).write(vals)

    # ---------------------------------------------------------------- figures
    def _lohi_products(self):
        return self.env["product.product"].search(
            [("is_storable", "=", True), ("purchase_ok", "=", True)]
        )

    def _lohi_compute_figures(self, products):
        """Per product: 3-month sales by centre, usable stock on hand, quantity on
        order, open requisitions and client orders, minimum stock. Grouped queries, no
        query per product."""
        self.ensure_one()
        company = self.company_id
        since = fields.Datetime.to_datetime(self.date_from)
        Move = self.env["stock.move"].sudo()
        ids = products.ids
        # sales: goods delivered to clients from any warehouse, by warehouse
        sales = defaultdict(float)
        by_warehouse = defaultdict(lambda: defaultdict(float))
        for product, warehouse, qty in Move._read_group(
            [
                ("product_id", "in", ids),
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("date", ">=", since),
                ("date", "<", fields.Datetime.to_datetime(self.date) + timedelta(days=1)),
                ("location_id.usage", "=", "internal"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["product_id", "location_id"],
            ["product_qty:sum"],
        ):
            sales[product.id] += qty
            by_warehouse[product.id][warehouse.warehouse_id] += qty
        # client demand: client deliveries not done yet
        demand = defaultdict(float)
        for product, qty in Move._read_group(
            [
                ("product_id", "in", ids),
                ("company_id", "=", company.id),
                ("state", "not in", ("done", "cancel", "draft")),
                ("location_id.usage", "=", "internal"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["product_id"],
            ["product_qty:sum"],
        ):
            demand[product.id] += qty
        # signed product prescriptions (lohi_lab, when installed) not handed to the
        # warehouse yet; once shipped they are client deliveries or sales above
        if "lohi.lab.prescription.line" in self.env:
            for product, qty in (
                self.env["lohi.lab.prescription.line"]
                .sudo()
                ._read_group(
                    [
                        ("product_id", "in", ids),
                        ("company_id", "=", company.id),
                        ("prescription_id.state", "=", "confirmed"),
                        ("prescription_id.picking_id", "=", False),
                    ],
                    ["product_id"],
                    ["quantity:sum"],
                )
            ):
                demand[product.id] += qty
        # centres' and offices' requisitions not yet delivered
        requisitions = defaultdict(float)
        for request in (
            self.env["stock.request"]
            .sudo()
            .search(
                [
                    ("product_id", "in", ids),
                    ("company_id", "=", company.id),
                    ("state", "in", ("draft", "open")),
                ]
            )
        ):
            requisitions[request.product_id.id] += request.product_uom_id._compute_quantity(
                max(request.product_uom_qty - request.qty_done, 0.0), request.product_id.uom_id
            )
        # usable stock: internal, not expired, not waiting for destruction
        onhand = defaultdict(float)
        now = fields.Datetime.now()
        for product, lot, qty in (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", ids),
                    ("company_id", "=", company.id),
                    ("location_id.usage", "=", "internal"),
                    ("location_id.lohi_destruction_area", "=", False),
                ],
                ["product_id", "lot_id"],
                ["quantity:sum"],
            )
        ):
            if lot.expiration_date and lot.expiration_date <= now:
                continue
            onhand[product.id] += qty
        # on order: confirmed purchase lines not received yet
        incoming = defaultdict(float)
        for line in (
            self.env["purchase.order.line"]
            .sudo()
            .search(
                [
                    ("product_id", "in", ids),
                    ("company_id", "=", company.id),
                    ("state", "in", ("purchase", "done")),
                ]
            )
        ):
            incoming[line.product_id.id] += max(line.product_qty - line.qty_received, 0.0)
        minimum = defaultdict(float)
        for product, qty in (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            ._read_group(
                [("product_id", "in", ids), ("warehouse_id", "=", self.warehouse_id.id)],
                ["product_id"],
                ["product_min_qty:sum"],
            )
        ):
            minimum[product.id] = qty
        centres = self.env["lohi.centre"].sudo().search([("warehouse_id", "!=", False)])
        centre_by_warehouse = {c.warehouse_id: c for c in centres}
        result = {}
        for product in products:
            detail = "; ".join(
                f"{(centre_by_warehouse.get(wh) or wh).display_name}: {qty:g}"
                for wh, qty in sorted(by_warehouse[product.id].items(), key=lambda item: -item[1])
            )
            result[product.id] = {
                "sales_qty": sales[product.id],
                "sales_detail": detail,
                "demand_qty": demand[product.id] + requisitions[product.id],
                "onhand_qty": onhand[product.id],
                "incoming_qty": incoming[product.id],
                "min_qty": minimum[product.id],
            }
        return result

    def action_compute(self):
        """Fill the proposal with every product that needs buying (or sold in the
        window), suggested quantity = 3-month sales + open demand + minimum stock −
        usable stock − on order."""
        self._lohi_check_product_manager()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("Only a draft purchase proposal is recomputed."))
            products = rec._lohi_products()
            figures = rec._lohi_compute_figures(products)
            rec.line_ids.sudo().unlink()
            vals_list = []
            for product in products:
                values = figures[product.id]
                proposed = max(
                    values["sales_qty"]
                    + values["demand_qty"]
                    + values["min_qty"]
                    - values["onhand_qty"]
                    - values["incoming_qty"],
                    0.0,
                )
                if (
                    float_is_zero(proposed, precision_rounding=product.uom_id.rounding)
                    and not (values["sales_qty"])
                ):
                    continue
                seller = product._select_seller(quantity=proposed or 1.0)
                vals_list.append(
                    dict(
                        values,
                        proposal_id=rec.id,
                        product_id=product.id,
                        proposed_qty=proposed,
                        order_qty=proposed,
                        partner_id=seller.partner_id.id,
                        price_unit=seller.price or product.standard_price,
                    )
                )
            self.env["lohi.purchase.proposal.line"].sudo().create(vals_list)
        return True

    # ---------------------------------------------------------------- approval
    def action_submit(self):
        self._lohi_check_product_manager()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("%(name)s is not a draft.", name=rec.name))
            if not rec.line_ids.filtered("order_qty"):
                raise UserError(self.env._("%(name)s proposes nothing to buy.", name=rec.name))
        self._lohi_transition({"state": "to_approve"})
        self.invalidate_recordset(["review_ids", "need_validation"])
        self.request_validation()
        self.invalidate_recordset(["review_ids", "need_validation"])
        return True

    def _lohi_is_fully_approved(self):
        return all_reviews_approved(self)

    def validate_tier(self):
        check_review_turn(self)
        res = super().validate_tier()
        self.invalidate_recordset(["review_ids", "validation_status"])
        if self._lohi_is_fully_approved():
            self._lohi_transition({"state": "approved"})
        return res

    def reject_tier(self):
        check_review_turn(self)
        return super().reject_tier()

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        if self.sudo().review_ids.filtered(lambda r: r.status == "rejected"):
            self._lohi_transition({"state": "rejected"})
            self.sudo().message_post(
                body=self.env._(
                    "Rejected by %(user)s: the product manager may revise and resubmit.",
                    user=self.env.user.name,
                ),
                partner_ids=self.user_id.partner_id.ids,
            )
        return res

    def action_draft(self):
        self._lohi_check_product_manager()
        for rec in self:
            if rec.state not in ("rejected", "cancel"):
                raise UserError(
                    self.env._("Only a rejected or cancelled proposal goes back to draft.")
                )
        self._lohi_transition({"state": "draft"})
        self.invalidate_recordset(["review_ids", "need_validation", "validation_status"])
        return True

    def action_cancel(self):
        self._lohi_check_product_manager()
        for rec in self:
            if rec.state == "ordered":
                raise UserError(
                    self.env._(
                        "%(name)s is already ordered: cancel its purchase orders.", name=rec.name
                    )
                )
        self._lohi_transition({"state": "cancel"})
        return True

    # ---------------------------------------------------------------- ordering
    def action_create_purchase_orders(self):
        """One purchase order per manufacturer from an approved proposal."""
        self._lohi_check_product_manager()
        orders = self.env["purchase.order"]
        for rec in self:
            if rec.state != "approved" or not rec._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(name)s is not approved by leadership; nothing may be ordered yet.",
                        name=rec.name,
                    )
                )
            lines = rec.line_ids.filtered(lambda line: line.order_qty > 0)
            missing = lines.filtered(lambda line: not line.partner_id)
            if missing:
                raise UserError(
                    self.env._(
                        "Choose the manufacturer of %(products)s.",
                        products=", ".join(missing.product_id.mapped("display_name")),
                    )
                )
            picking_type = rec.warehouse_id.in_type_id
            for partner in lines.partner_id:
                partner_lines = lines.filtered(lambda line, p=partner: line.partner_id == p)
                order = (
                    self.env["purchase.order"]
                    .with_context(lohi_from_proposal=True)
                    .create(
                        {
                            "partner_id": partner.id,
                            "company_id": rec.company_id.id,
                            "picking_type_id": picking_type.id,
                            "origin": rec.name,
                            "lohi_proposal_id": rec.id,
                            "order_line": [
                                (
                                    0,
                                    0,
                                    {
                                        "product_id": line.product_id.id,
                                        "product_qty": line.order_qty,
                                        "price_unit": line.price_unit,
                                    },
                                )
                                for line in partner_lines
                            ],
                        }
                    )
                )
                for line, po_line in zip(partner_lines, order.order_line, strict=True):
                    line.sudo().purchase_line_id = po_line
                orders |= order
            rec._lohi_transition({"state": "ordered"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "name": self.env._("Purchase Orders"),
            "view_mode": "list,form",
            "domain": [("id", "in", orders.ids)],
        }

    # ---------------------------------------------------------------- demo
    @api.model
    def _lohi_demo_sales_history(self, sales):
        """Demo only: goods the centres sold to clients in the last months, as done
        moves. ``sales``: list of (product xmlid, lot xmlid, location xmlid, qty, days ago)."""
        customers = self.env.ref("stock.stock_location_customers")
        for product_xmlid, lot_xmlid, location_xmlid, qty, days in sales:
            product = self.env.ref(product_xmlid)
            lot = self.env.ref(lot_xmlid)
            location = self.env.ref(location_xmlid)
            move = self.env["stock.move"].create(
                {
                    "name": self.env._("Sale to clients"),
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "product_uom": product.uom_id.id,
                    "location_id": location.id,
                    "location_dest_id": customers.id,
                }
            )
            move._action_confirm()
            move.move_line_ids.unlink()
            self.env["stock.move.line"].create(
                {
                    "move_id": move.id,
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "quantity": qty,
                    "location_id": location.id,
                    "location_dest_id": customers.id,
                    "product_uom_id": product.uom_id.id,
                }
            )
            move.picked = True
            move._action_done()
            date = fields.Datetime.now() - timedelta(days=days)
            move.write({"date": date})
            move.move_line_ids.write({"date": date})
        return True

    def _lohi_demo_run(self, stage, quantities=None):
        """Demo only: compute as the demo product manager, adjust the quantities to
        order (``quantities``: product xmlid → quantity) and run the approval up to
        ``stage`` (to_approve or ordered)."""
        product = self.env.ref("lohi_clients.user_product_demo")
        leader = self.env.ref("lohi_clients.user_leader_demo")
        for rec in self:
            rec.with_user(product).action_compute()
            for xmlid, qty in (quantities or {}).items():
                rec.line_ids.filtered(
                    lambda line, x=xmlid: line.product_id == self.env.ref(x)
                ).with_user(product).write({"order_qty": qty})
            rec.with_user(product).action_submit()
            if stage == "to_approve":
                continue
            rec.with_user(leader).validate_tier()
            rec.with_user(product).action_create_purchase_orders()
            finance = self.env.ref("lohi_clients.user_finance_demo")
            for order in rec.purchase_ids:
                if not order._lohi_is_fully_approved():
                    order.with_user(product).request_validation()
                    order.invalidate_recordset()
                    order.with_user(finance).validate_tier()
                order.with_user(product).button_confirm()
        return True

    def action_view_purchases(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "name": self.env._("Purchase Orders"),
            "view_mode": "list,form",
            "domain": [("lohi_proposal_id", "=", self.id)],
        }


class LohiPurchaseProposalLine(models.Model):
    _name = "lohi.purchase.proposal.line"
    _description = "Purchase Proposal Line"
    _order = "proposal_id, id"

    proposal_id = fields.Many2one(
        "lohi.purchase.proposal", required=True, ondelete="cascade", index=True
    )
    state = fields.Selection(related="proposal_id.state")
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    partner_id = fields.Many2one("res.partner", string="Manufacturer")
    sales_qty = fields.Float(
        string="Sales (3 Months)", digits="Product Unit of Measure", readonly=True
    )
    sales_detail = fields.Char(string="Sales by Centre", readonly=True)
    demand_qty = fields.Float(
        string="Open Demand",
        digits="Product Unit of Measure",
        readonly=True,
        help="Centres' and offices' open requisitions, client deliveries not done and "
        "signed product prescriptions not shipped yet.",
    )
    onhand_qty = fields.Float(
        string="Usable Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="Stock in all warehouses, without expired lots and the destruction area.",
    )
    incoming_qty = fields.Float(string="On Order", digits="Product Unit of Measure", readonly=True)
    min_qty = fields.Float(string="Minimum Stock", digits="Product Unit of Measure", readonly=True)
    proposed_qty = fields.Float(string="Suggested", digits="Product Unit of Measure", readonly=True)
    order_qty = fields.Float(string="To Order", digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    note = fields.Char()
    purchase_line_id = fields.Many2one("purchase.order.line", readonly=True, copy=False)
    purchase_id = fields.Many2one(related="purchase_line_id.order_id", string="Purchase Order")
    qty_received = fields.Float(related="purchase_line_id.qty_received", string="Received")
    date_planned = fields.Datetime(
        related="purchase_line_id.date_planned", string="Expected Arrival"
    )

    _sql_constraints = [
        ("order_qty_positive", "CHECK(order_qty >= 0)", "The quantity to order cannot be negative.")
    ]

    def _lohi_check_edit(self, keys):
        if self.env.su:
            return
        self.env["lohi.purchase.proposal"]._lohi_check_product_manager()
        if keys - LINE_EDIT_FIELDS:
            raise AccessError(self.env._("The figures of a proposal line are computed."))
        if any(line.proposal_id.state != "draft" for line in self):
            raise UserError(self.env._("Only a draft purchase proposal can be changed."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Proposal lines are computed: use Compute."))
        return super().create(vals_list)

    def write(self, vals):
        self._lohi_check_edit(set(vals))
        return super().write(vals)

    def unlink(self):
        self._lohi_check_edit(set())
        return super().unlink()


class PurchaseOrder(models.Model):
    """Purchase orders are approved (tier validation, STK-3, STK-12) before they go to
    the manufacturer; the receipt progress shows on the proposal."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "tier.validation"]

    _tier_validation_manual_config = False
    _state_from = ["draft", "sent", "to approve"]
    _state_to = ["purchase", "approved"]
    _cancel_state = "cancel"

    lohi_proposal_id = fields.Many2one(
        "lohi.purchase.proposal", string="Purchase Proposal", readonly=True, index=True, copy=False
    )

    @api.model
    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + ["message_main_attachment_id"]

    def _lohi_is_fully_approved(self):
        self.ensure_one()
        tiers = (
            self.env["tier.definition"]
            .sudo()
            .search([("model", "=", self._name), ("company_id", "in", [False, self.company_id.id])])
            .filtered(lambda tier: self.evaluate_tier(tier))
        )
        if not tiers:
            return True
        reviews = self.sudo().review_ids
        return bool(reviews) and all(r.status == "approved" for r in reviews)

    def button_confirm(self):
        """Nothing goes to the manufacturer before its approval."""
        for order in self:
            if order.state in ("draft", "sent") and not order._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(order)s is not approved yet: request the validation and wait for "
                        "the reviewers before sending it to the manufacturer.",
                        order=order.name,
                    )
                )
        return super().button_confirm()

    def action_rfq_send(self):
        for order in self:
            if not order._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(order)s is not approved yet; it cannot be sent to the manufacturer.",
                        order=order.name,
                    )
                )
        return super().action_rfq_send()

    def validate_tier(self):
        self.ensure_one()
        if not self._get_sequences_to_approve(self.env.user):
            raise UserError(self.env._("%(order)s has no review waiting for you.", order=self.name))
        return super().validate_tier()

    def reject_tier(self):
        self.ensure_one()
        if not self._get_sequences_to_approve(self.env.user):
            raise UserError(self.env._("%(order)s has no review waiting for you.", order=self.name))
        return super().reject_tier()
