from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


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
        # STK-4, STK-6, STK-7: receipt sign-off, outbound quality check, transport
        self._lohi_check_before_validation()
        return super().button_validate()
