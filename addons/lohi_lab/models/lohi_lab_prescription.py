from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .lohi_lab_order import DOCTOR, HEALTH_MANAGER, centre_warehouse, validate_delivery


class LohiLabPrescription(models.Model):
    """A product prescription (产品购买, LAB-11): the health manager enters the products and
    quantities, the doctor the daily dose; the consumption cycle gives the run-out date."""

    _name = "lohi.lab.prescription"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Product Prescription"
    _check_company_auto = True
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, tracking=True, index=True
    )
    order_id = fields.Many2one(
        "lohi.lab.order",
        string="Test Order",
        index=True,
        help="The test order whose interpretation led to this prescription.",
    )
    doctor_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user if self.env.user.has_group(DOCTOR) else False,
    )
    health_manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user if self.env.user.has_group(HEALTH_MANAGER) else False,
    )
    centre_id = fields.Many2one(
        "lohi.centre",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user.lohi_centre_ids[:1],
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many(
        "lohi.lab.prescription.line", "prescription_id", string="Products", copy=True
    )
    amount_total = fields.Monetary(string="Total", compute="_compute_totals", store=True)
    run_out_date = fields.Date(
        compute="_compute_totals",
        store=True,
        help="The earliest date a product runs out: the day to call about re-purchase.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Signed"),
            ("shipped", "Shipped"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
    )
    shipped_date = fields.Datetime(readonly=True, copy=False)
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        readonly=True,
        copy=False,
        groups="stock.group_stock_user",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A prescription reference must be unique.",
        ),
    ]

    @api.depends("line_ids.price_subtotal", "line_ids.run_out_date")
    def _compute_totals(self):
        for prescription in self:
            prescription.amount_total = sum(prescription.line_ids.mapped("price_subtotal"))
            dates = [d for d in prescription.line_ids.mapped("run_out_date") if d]
            prescription.run_out_date = min(dates) if dates else False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("state", "draft") != "draft" for vals in vals_list):
            raise AccessError(self.env._("A new prescription starts as a draft."))
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.lab.prescription") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"state", "shipped_date", "picking_id"}.intersection(vals):
            raise AccessError(
                self.env._("The status of a prescription changes only through its actions.")
            )
        return super().write(vals)

    def _check_role(self, groups, action):
        self.env["lohi.lab.order"]._check_role(groups, action)

    def _check_state(self, states, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for prescription in self:
            if prescription.state not in states:
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: cannot %(action)s now.",
                        name=prescription.name,
                        state=labels[prescription.state],
                        action=action,
                    )
                )

    def action_confirm(self):
        """The client signed the printed prescription: products and doses are fixed."""
        action = self.env._("confirm the prescription")
        self._check_role((HEALTH_MANAGER,), action)
        self._check_state(("draft",), action)
        self.check_access("write")
        for prescription in self:
            if not prescription.line_ids:
                raise UserError(self.env._("%(name)s has no products.", name=prescription.name))
            if any(line.daily_dose <= 0 for line in prescription.line_ids):
                raise UserError(
                    self.env._(
                        "%(name)s: the doctor has not set every daily dose yet.",
                        name=prescription.name,
                    )
                )
        self.sudo().write({"state": "confirmed"})
        return True

    def action_ship(self):
        """Deliver the products from the centre's warehouse (LAB-11 "ship")."""
        action = self.env._("ship the products")
        self._check_role((HEALTH_MANAGER,), action)
        self._check_state(("confirmed",), action)
        self.check_access("write")
        for prescription in self:
            picking_sudo, pending = prescription._create_delivery()
            if pending:
                prescription.message_post(
                    body=self.env._(
                        "Delivery %(picking)s is reserved and waits for the warehouse: %(reason)s",
                        picking=picking_sudo.name,
                        reason=pending,
                    )
                )
            prescription.sudo().write(
                {
                    "state": "shipped",
                    "shipped_date": fields.Datetime.now(),
                    "picking_id": picking_sudo.id,
                }
            )
            if prescription.health_manager_id and prescription.run_out_date:
                prescription.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=prescription.run_out_date - timedelta(days=7),
                    user_id=prescription.health_manager_id.id,
                    summary=self.env._("Products run out soon: call about re-purchase"),
                )
        return True

    def action_cancel(self):
        action = self.env._("cancel the prescription")
        self._check_role((DOCTOR, HEALTH_MANAGER), action)
        self._check_state(("draft", "confirmed"), action)
        self.check_access("write")
        self.sudo().write({"state": "cancel"})
        return True

    def _create_delivery(self):
        self.ensure_one()
        warehouse = centre_warehouse(self.env, self.centre_id, self.company_id)
        if not warehouse:
            raise UserError(self.env._("No warehouse to ship the products from."))
        picking_type = warehouse.out_type_id
        source = picking_type.default_location_src_id
        dest = self.partner_id.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
        picking_sudo = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": self.partner_id.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": line.product_id.display_name,
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.product_id.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                            }
                        )
                        for line in self.line_ids
                    ],
                }
            )
        )
        picking_sudo.action_confirm()
        picking_sudo.action_assign()
        missing = picking_sudo.move_ids.filtered(
            lambda move: move.product_id.is_storable and move.state != "assigned"
        )
        if missing:
            raise UserError(
                self.env._(
                    "Not enough stock at %(location)s: %(products)s.",
                    location=source.display_name,
                    products=", ".join(missing.product_id.mapped("display_name")),
                )
            )
        for move in picking_sudo.move_ids:
            move.quantity = move.product_uom_qty
        return picking_sudo, validate_delivery(picking_sudo)


class LohiLabPrescriptionLine(models.Model):
    _name = "lohi.lab.prescription.line"
    _description = "Product Prescription Line"
    _order = "prescription_id, sequence, id"

    # Who may set what (seed: the health manager enters products and quantities, the
    # doctor the daily amount).
    _MANAGER_FIELDS = frozenset({"product_id", "quantity", "units_per_package", "price_unit"})
    _DOCTOR_FIELDS = frozenset({"daily_dose"})

    prescription_id = fields.Many2one(
        "lohi.lab.prescription", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="prescription_id.company_id", store=True)
    currency_id = fields.Many2one(related="prescription_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True, domain=[("sale_ok", "=", True)])
    quantity = fields.Integer(string="Packages", default=1, required=True)
    units_per_package = fields.Float(
        default=1.0, required=True, help="Capsules, sachets or grams in one package."
    )
    daily_dose = fields.Float(help="Units a day, set by the doctor.")
    price_unit = fields.Monetary(
        string="Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    price_subtotal = fields.Monetary(string="Subtotal", compute="_compute_cycle", store=True)
    cycle_days = fields.Integer(
        string="Consumption Cycle (days)",
        compute="_compute_cycle",
        store=True,
        help="Packages × units per package ÷ daily dose.",
    )
    run_out_date = fields.Date(compute="_compute_cycle", store=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
        ("units_positive", "CHECK(units_per_package > 0)", "Units per package must be positive."),
        ("dose_positive", "CHECK(daily_dose >= 0)", "The daily dose cannot be negative."),
    ]

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends(
        "price_unit",
        "quantity",
        "units_per_package",
        "daily_dose",
        "prescription_id.date",
        "prescription_id.shipped_date",
    )
    def _compute_cycle(self):
        for line in self:
            line.price_subtotal = line.price_unit * line.quantity
            if line.daily_dose > 0:
                line.cycle_days = int(line.quantity * line.units_per_package // line.daily_dose)
                start = (
                    fields.Date.to_date(line.prescription_id.shipped_date)
                    if line.prescription_id.shipped_date
                    else line.prescription_id.date
                )
                line.run_out_date = start + timedelta(days=line.cycle_days) if start else False
            else:
                line.cycle_days = 0
                line.run_out_date = False

    def _check_edit(self, prescriptions, fnames):
        if self.env.su:
            return
        if any(prescription.state != "draft" for prescription in prescriptions):
            raise UserError(self.env._("A signed prescription cannot be changed."))
        user = self.env.user
        if self._MANAGER_FIELDS.intersection(fnames) and not user.has_group(HEALTH_MANAGER):
            raise AccessError(self.env._("Only health managers enter products and quantities."))
        if self._DOCTOR_FIELDS.intersection(fnames) and not user.has_group(DOCTOR):
            raise AccessError(self.env._("Only doctors set the daily dose."))

    @api.model_create_multi
    def create(self, vals_list):
        prescriptions = self.env["lohi.lab.prescription"].browse(
            {vals["prescription_id"] for vals in vals_list if vals.get("prescription_id")}
        )
        # Only the values actually given count (a form sends empty defaults too).
        fnames = {fname for vals in vals_list for fname, value in vals.items() if value}
        self._check_edit(prescriptions, fnames)
        return super().create(vals_list)

    def write(self, vals):
        self._check_edit(self.prescription_id, vals)
        return super().write(vals)

    def unlink(self):
        self._check_edit(self.prescription_id, self._MANAGER_FIELDS)
        return super().unlink()
