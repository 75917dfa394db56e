from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero


class StockPicking(models.Model):
    _inherit = "stock.picking"

    lohi_is_outbound = fields.Boolean(
        string="Outbound",
        compute="_compute_lohi_flow",
        help="Goods leave the warehouse (to a client, a centre or in transit).",
    )
    lohi_is_supplier_receipt = fields.Boolean(
        string="Supplier Receipt", compute="_compute_lohi_flow"
    )
    # STK-7 transport conditions
    lohi_transport_note = fields.Text(
        string="Transport Conditions",
        compute="_compute_lohi_transport_note",
        help="Special transport conditions of the products on this transfer.",
    )
    lohi_transport_checked = fields.Boolean(
        string="Transport Condition Arranged",
        copy=False,
        tracking=True,
        help="The keeper arranged the packing and transport the products need "
        "(e.g. insulated box so Coenzyme Q10 never travels below 0 °C).",
    )
    # STK-6 outbound quality check (seed: 营养素出库前应进行质量检查)
    lohi_qc_no_leak = fields.Boolean(
        string="No Abnormal Sound or Leakage", copy=False, tracking=True
    )
    lohi_qc_packaging_ok = fields.Boolean(
        string="Packaging and Seals Intact", copy=False, tracking=True
    )
    lohi_qc_label_ok = fields.Boolean(string="Labels Legible", copy=False, tracking=True)
    # STK-5 picking by the order
    # (seed: 依照订单内容进行拣货备货，核对营养素名称、规格、数量、有效期)
    lohi_pick_checked = fields.Boolean(
        string="Picked by the Order",
        copy=False,
        tracking=True,
        help="Name, specification, quantity and expiry of every line checked against the order.",
    )
    lohi_packing_note = fields.Text(
        string="Packing Notes",
        compute="_compute_lohi_packing_note",
        help="Fragile goods go in plastic and a carton with no empty space (STK-5).",
    )
    # STK-4 receipt: keeper and product manager check on site, delivery note kept
    lohi_keeper_sign_id = fields.Many2one(
        "res.users", string="Checked by Warehouse Keeper", readonly=True, copy=False, tracking=True
    )
    lohi_product_sign_id = fields.Many2one(
        "res.users", string="Checked by Product Manager", readonly=True, copy=False, tracking=True
    )

    @api.depends("location_id", "location_dest_id", "picking_type_id")
    def _compute_lohi_flow(self):
        for picking in self:
            src, dest = picking.location_id, picking.location_dest_id
            picking.lohi_is_outbound = (
                src.usage == "internal"
                and dest.usage != "inventory"
                and not dest.scrap_location
                and (dest.usage != "internal" or src.warehouse_id != dest.warehouse_id)
            )
            picking.lohi_is_supplier_receipt = src.usage == "supplier"

    @api.depends("move_ids.product_id")
    def _compute_lohi_transport_note(self):
        for picking in self:
            templates = picking.move_ids.product_id.product_tmpl_id.filtered("lohi_transport_note")
            picking.lohi_transport_note = "\n".join(
                f"{tmpl.display_name}: {tmpl.lohi_transport_note}" for tmpl in templates
            )

    @api.depends("move_ids.product_id")
    def _compute_lohi_packing_note(self):
        for picking in self:
            fragile = picking.move_ids.product_id.filtered("lohi_fragile")
            picking.lohi_packing_note = (
                self.env._(
                    "Fragile: %(products)s. Pack in plastic and a carton with no empty space "
                    "so nothing knocks together in transit.",
                    products=", ".join(fragile.mapped("display_name")),
                )
                if fragile
                else False
            )

    def _lohi_check_picked_by_order(self):
        """STK-5 server checks of an outbound picking against its order: no product
        that was not ordered, no more than ordered, every lot-tracked line with a lot
        and, for products with expiry, a lot with an expiry date."""
        problems = []
        for picking in self.filtered("lohi_is_outbound"):
            ordered = picking.move_ids.filtered(lambda m: not m.additional).product_id
            for line in picking.move_line_ids.filtered(
                lambda ml, ordered=ordered: (
                    not ml.move_id and ml.quantity and ml.product_id not in ordered
                )
            ):
                problems.append(
                    self.env._(
                        "%(picking)s: %(product)s is not on the order",
                        picking=picking.name,
                        product=line.product_id.display_name,
                    )
                )
            for move in picking.move_ids.filtered(lambda m: m.state != "cancel" and m.quantity):
                product = move.product_id
                rounding = move.product_uom.rounding
                if (move.additional and product not in ordered) or float_is_zero(
                    move.product_uom_qty, precision_rounding=rounding
                ):
                    problems.append(
                        self.env._(
                            "%(picking)s: %(product)s is not on the order",
                            picking=picking.name,
                            product=product.display_name,
                        )
                    )
                    continue
                if (
                    not move.additional
                    and float_compare(
                        move.quantity, move.product_uom_qty, precision_rounding=rounding
                    )
                    > 0
                ):
                    problems.append(
                        self.env._(
                            "%(picking)s: %(qty)s %(uom)s of %(product)s picked, %(ordered)s "
                            "ordered",
                            picking=picking.name,
                            qty=move.quantity,
                            uom=move.product_uom.name,
                            product=product.display_name,
                            ordered=move.product_uom_qty,
                        )
                    )
                for line in move.move_line_ids.filtered("quantity"):
                    if product.tracking != "none" and not line.lot_id:
                        problems.append(
                            self.env._(
                                "%(picking)s: give the lot of %(product)s",
                                picking=picking.name,
                                product=product.display_name,
                            )
                        )
                    elif product.use_expiration_date and not line.lot_id.expiration_date:
                        problems.append(
                            self.env._(
                                "%(picking)s: lot %(lot)s of %(product)s has no expiry date",
                                picking=picking.name,
                                lot=line.lot_id.name,
                                product=product.display_name,
                            )
                        )
        if problems:
            raise UserError(
                self.env._(
                    "The goods do not match the order:\n%(lines)s", lines="\n".join(problems)
                )
            )

    def action_lohi_sign_receipt(self):
        """STK-4: the warehouse keeper and the product manager each sign the on-site
        check of a supplier receipt; two different people."""
        user = self.env.user
        is_keeper = user.has_group("lohi_clients.group_warehouse_keeper")
        is_product = user.has_group("lohi_clients.group_product_manager")
        if not (is_keeper or is_product):
            raise AccessError(
                self.env._("Only the warehouse keeper and the product manager check receipts.")
            )
        for picking in self:
            if not picking.lohi_is_supplier_receipt or picking.state in ("done", "cancel"):
                raise UserError(
                    self.env._("%(picking)s is not an open supplier receipt.", picking=picking.name)
                )
            if (
                is_keeper
                and not picking.lohi_keeper_sign_id
                and picking.lohi_product_sign_id != user
            ):
                picking.lohi_keeper_sign_id = user
            elif (
                is_product
                and not picking.lohi_product_sign_id
                and picking.lohi_keeper_sign_id != user
            ):
                picking.lohi_product_sign_id = user
            else:
                raise UserError(
                    self.env._(
                        "%(picking)s needs the check of another person: the warehouse "
                        "keeper and the product manager both sign.",
                        picking=picking.name,
                    )
                )
        return True

    def _lohi_check_before_validation(self):
        """The people's checks: on-site receipt signatures and delivery note (STK-4),
        outbound quality check (STK-6), transport condition (STK-7). Deliveries the system
        validates itself after its own checks (sudo, e.g. lab kits handed out at the
        centre) are not asked for a person's tick; expired lots and unapproved
        requisitions are refused for everybody."""
        if self.env.su:
            return
        missing_by_picking = []
        attachment_counts = dict(
            self.env["ir.attachment"]
            .sudo()
            ._read_group(
                [("res_model", "=", "stock.picking"), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for picking in self:
            missing = []
            if picking.lohi_is_supplier_receipt:
                if not picking.lohi_keeper_sign_id:
                    missing.append(self.env._("warehouse keeper's on-site check"))
                if not picking.lohi_product_sign_id:
                    missing.append(self.env._("product manager's on-site check"))
                if not attachment_counts.get(picking.id):
                    missing.append(self.env._("the supplier's delivery note (attach it)"))
            if picking.lohi_is_outbound:
                if not picking.lohi_pick_checked:
                    missing.append(
                        self.env._("picked by the order (name, spec, quantity, expiry checked)")
                    )
                if not picking.lohi_qc_no_leak:
                    missing.append(self.env._("no abnormal sound or leakage"))
                if not picking.lohi_qc_packaging_ok:
                    missing.append(self.env._("packaging and seals intact"))
                if not picking.lohi_qc_label_ok:
                    missing.append(self.env._("labels legible"))
                if picking.lohi_transport_note and not picking.lohi_transport_checked:
                    missing.append(
                        self.env._(
                            "transport condition arranged: %(note)s",
                            note=picking.lohi_transport_note,
                        )
                    )
            if missing:
                missing_by_picking.append(
                    self.env._(
                        "%(picking)s: %(missing)s", picking=picking.name, missing="; ".join(missing)
                    )
                )
        if missing_by_picking:
            raise UserError(
                self.env._(
                    "Before validation, confirm:\n%(lines)s", lines="\n".join(missing_by_picking)
                )
            )

    def button_validate(self):
        # STK-2: refuse expired lots before product_expiry offers to confirm them.
        self.move_line_ids._lohi_check_expired_lots()
        # STK-8: the warehouse ships only fully approved requisitions.
        moves = self.move_ids
        requests = (
            moves.allocation_ids.stock_request_id
            | moves.move_dest_ids.allocation_ids.stock_request_id
        )
        for order in requests.order_id:
            if not order._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "Requisition %(order)s is not fully approved; its goods cannot "
                        "be shipped or received.",
                        order=order.name,
                    )
                )
        # STK-5: the goods match the order (every user, the system included)
        self._lohi_check_picked_by_order()
        # STK-4, STK-5, STK-6, STK-7: receipt sign-off, picking, quality check, transport
        self._lohi_check_before_validation()
        return super().button_validate()
