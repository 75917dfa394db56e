import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

DOCTOR = "lohi_clients.group_functional_doctor"
HEALTH_MANAGER = "lohi_clients.group_health_manager"
CONSULTING = "lohi_clients.group_consulting"

STATES = [
    ("ordered", "Ordered"),
    ("sampling", "Sampling"),
    ("resampling", "Resampling"),
    ("testing", "Testing"),
    ("review", "Report under Review"),
    ("reviewed", "Report Reviewed"),
    ("production", "Paper Report in Production"),
    ("issued", "Paper Report Issued"),
    ("interpreted", "Interpreted"),
    ("cancel", "Cancelled"),
]
# LAB-7: from these states on, the doctor and the health manager may open the report.
REPORT_OPEN_STATES = ("reviewed", "production", "issued", "interpreted")


def add_working_days(start, days):
    """``start`` plus ``days`` working days (Monday to Friday)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def centre_warehouse(env, centre, company):
    """The warehouse a centre issues from: its own when lohi_stock gives centres one (read
    defensively: lohi_lab does not depend on lohi_stock), else the company's first one."""
    if "warehouse_id" in centre._fields and centre.warehouse_id:
        return centre.warehouse_id
    return env["stock.warehouse"].sudo().search([("company_id", "=", company.id)], limit=1)


def validate_delivery(picking_sudo):
    """Validate a fully reserved delivery. When the warehouse's own rules refuse it (e.g.
    lohi_stock's outbound quality check by the keeper), roll the attempt back and leave the
    delivery reserved for the warehouse keeper: return the reason, else False."""
    picking_sudo.move_ids.picked = True
    try:
        with picking_sudo.env.cr.savepoint():
            result = picking_sudo.with_context(
                skip_sms=True, cancel_backorder=True
            ).button_validate()
            if result is not True or picking_sudo.state != "done":
                raise UserError(
                    picking_sudo.env._(
                        "%(name)s needs a decision in the warehouse.", name=picking_sudo.name
                    )
                )
    except UserError as error:
        picking_sudo.env.invalidate_all()
        return str(error)
    return False


class LohiLabOrder(models.Model):
    """A test order (检测项目申请单, LAB-2) and its lifecycle (LAB-3 … LAB-10, LAB-12)."""

    _name = "lohi.lab.order"
    # The order form shows its reports and results, whose reads write the access log
    # the order's reads run on a read/write cursor over RPC as well.
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "lohi.appointment.followup.mixin",
        "lohi.access.logged.mixin",
    ]
    _description = "Lab Test Order"
    _check_company_auto = True
    _order = "date_order desc, id desc"

    # Fields only the lifecycle actions change (they write them with sudo() after checking
    # state and role); a plain write, whatever the client sends, is refused.
    _LIFECYCLE_FIELDS = frozenset(
        {
            "state",
            "kit_shipped_date",
            "sampled_date",
            "sample_received_date",
            "sample_received_by_id",
            "reject_reason",
            "resample_count",
            "picking_ids",
            "reviewed_date",
            "reviewed_by_id",
            "summary_date",
            "paper_issued_date",
            "interpreted_date",
            "log_ids",
            "report_ids",
            "result_ids",
        }
    )

    name = fields.Char(
        string="Order Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, tracking=True, index=True
    )
    doctor_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user if self.env.user.has_group(DOCTOR) else False,
    )
    health_manager_id = fields.Many2one("res.users", tracking=True, domain=[("share", "=", False)])
    centre_id = fields.Many2one(
        "lohi.centre",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user.lohi_centre_ids[:1],
    )
    date_order = fields.Datetime(
        string="Order Date", required=True, default=fields.Datetime.now, copy=False
    )
    line_ids = fields.One2many(
        "lohi.lab.order.line",
        "order_id",
        string="Test Items",
        copy=True,
        groups="lohi_clients.group_clinical,lohi_clients.group_customer_service",
    )
    amount_total = fields.Monetary(
        string="Total",
        compute="_compute_amount_total",
        store=True,
        tracking=True,
        groups="lohi_clients.group_clinical,lohi_clients.group_customer_service",
    )
    state = fields.Selection(
        STATES,
        default="ordered",
        required=True,
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
        group_expand="_expand_states",
    )
    # LAB-3 / LAB-4
    kit_shipped_date = fields.Datetime(readonly=True, copy=False)
    picking_ids = fields.Many2many(
        "stock.picking",
        "lohi_lab_order_picking_rel",
        "order_id",
        "picking_id",
        string="Kit Deliveries",
        readonly=True,
        copy=False,
        groups="stock.group_stock_user",
    )
    kit_delivery_count = fields.Integer(compute="_compute_kit_delivery")
    kit_lot_names = fields.Char(string="Kit Lots", compute="_compute_kit_delivery")
    expected_report_date = fields.Date(
        compute="_compute_expected_report_date",
        store=True,
        help="Sample receipt (or kit issue, or order) date plus the longest turnaround of "
        "the ordered tests, in working days.",
    )
    sampling_mode = fields.Selection(
        [("onsite", "At the Centre"), ("home", "At Home (mailed to the lab)")],
        default="onsite",
        required=True,
        tracking=True,
    )
    courier_tracking_ref = fields.Char(
        string="Sample Tracking No.",
        tracking=True,
        copy=False,
        help="Courier waybill of a home sample.",
    )
    sampled_date = fields.Datetime(readonly=True, copy=False)
    # LAB-5
    sample_received_date = fields.Datetime(readonly=True, copy=False)
    sample_received_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reject_reason = fields.Text(string="Last Rejection Reason", readonly=True, copy=False)
    resample_count = fields.Integer(readonly=True, copy=False)
    # LAB-6 / LAB-7
    report_ids = fields.One2many("lohi.lab.report", "order_id", string="Lab Reports", readonly=True)
    result_ids = fields.One2many("lohi.lab.result", "order_id", string="Results", readonly=True)
    report_count = fields.Integer(compute="_compute_report_count")
    reviewed_date = fields.Datetime(readonly=True, copy=False)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    # LAB-8
    summary_report = fields.Html(
        copy=False,
        groups="lohi_clients.group_clinical",
        help="The doctor's overall report (总检报告) on all the results.",
    )
    summary_date = fields.Datetime(readonly=True, copy=False)
    # LAB-9
    paper_delivery = fields.Selection(
        [("collected", "Collected at the Centre"), ("mailed", "Mailed")],
        string="Paper Report Delivery",
        tracking=True,
        copy=False,
    )
    paper_tracking_ref = fields.Char(string="Paper Report Tracking No.", tracking=True, copy=False)
    paper_issued_date = fields.Datetime(readonly=True, copy=False)
    # LAB-10
    interpreted_date = fields.Datetime(readonly=True, copy=False)
    # LAB-12
    log_ids = fields.One2many("lohi.lab.order.log", "order_id", string="Status Log", readonly=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "An order reference must be unique."),
    ]

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped("price_subtotal"))

    @api.depends("picking_ids")
    def _compute_kit_delivery(self):
        # Health managers hand out kits but hold no stock rights: read the deliveries of
        # orders they can see (record rules applied to self) as superuser, counts only.
        for order in self:
            pickings_sudo = order.sudo().picking_ids
            order.kit_delivery_count = len(pickings_sudo)
            order.kit_lot_names = ", ".join(pickings_sudo.move_line_ids.lot_id.mapped("name"))

    @api.depends(
        "date_order",
        "kit_shipped_date",
        "sample_received_date",
        "line_ids.test_id.turnaround_days",
    )
    def _compute_expected_report_date(self):
        for order in self:
            start = order.sample_received_date or order.kit_shipped_date or order.date_order
            if not start or not order.line_ids:
                order.expected_report_date = False
                continue
            days = max(order.line_ids.mapped("test_id.turnaround_days"))
            order.expected_report_date = add_working_days(fields.Date.to_date(start), days)

    @api.depends_context("uid")
    def _compute_report_count(self):
        # Counted as the user: before review (LAB-7) a doctor counts none.
        data = self.env["lohi.lab.report"]._read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in data}
        for order in self:
            order.report_count = counts.get(order.id, 0)

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in STATES if key != "cancel"]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                forbidden = self._LIFECYCLE_FIELDS.intersection(vals)
                if forbidden - {"state"} or vals.get("state", "ordered") != "ordered":
                    raise AccessError(
                        self.env._(
                            "A new test order starts as ordered; its status is set by its actions."
                        )
                    )
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("lohi.lab.order") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            forbidden = self._LIFECYCLE_FIELDS.intersection(vals)
            if forbidden:
                raise AccessError(
                    self.env._(
                        "The fields %(fields)s change only through the order's actions.",
                        fields=", ".join(sorted(forbidden)),
                    )
                )
            if "summary_report" in vals:
                self._check_role((DOCTOR,), self.env._("write the summary report"))
                if any(order.state != "reviewed" for order in self):
                    raise UserError(
                        self.env._("The summary report is written once the lab report is reviewed.")
                    )
            if {"partner_id", "centre_id", "doctor_id"}.intersection(vals) and any(
                order.state != "ordered" for order in self
            ):
                raise UserError(
                    self.env._("Client, centre and doctor can only change while the order is new.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_new(self):
        # A cancelled order keeps its status log (LAB-12): only untouched new orders go.
        if any(order.state != "ordered" or order.log_ids for order in self):
            raise UserError(self.env._("Only new test orders can be deleted; cancel the others."))

    # ------------------------------------------------------------------ lifecycle helpers
    def _check_role(self, groups, action):
        if self.env.su:
            return
        user = self.env.user
        if not any(user.has_group(group) for group in groups):
            names = ", ".join(self.env.ref(group).name for group in groups)
            raise AccessError(
                self.env._(
                    "Only %(roles)s may %(action)s (%(user)s may not).",
                    roles=names,
                    action=action,
                    user=user.name,
                )
            )

    def _check_state(self, states, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for order in self:
            if order.state not in states:
                raise UserError(
                    self.env._(
                        "%(order)s is %(state)s: cannot %(action)s now.",
                        order=order.name,
                        state=labels[order.state],
                        action=action,
                    )
                )

    def _transition(self, states, to_state, groups, action, vals=None, note=False):
        """Check role, state and record access, then move ``self`` and log it (LAB-12)."""
        self._check_role(groups, action)
        self._check_state(states, action)
        self.check_access("write")
        log_vals = [
            {
                "order_id": order.id,
                "from_state": order.state,
                "to_state": to_state,
                "user_id": self.env.uid,
                "note": note,
            }
            for order in self
        ]
        self.sudo().write(dict(vals or {}, state=to_state))
        self.env["lohi.lab.order.log"].sudo().create(log_vals)
        return True

    def _warehouse(self):
        """The centre's warehouse (lohi_stock adds one) or the company's first one."""
        self.ensure_one()
        return centre_warehouse(self.env, self.centre_id, self.company_id)

    def _create_kit_picking(self):
        """Issue one kit per test line out of the centre's stock, as a validated delivery
        (or one reserved for the keeper's checks): return (picking, pending reason)."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered("test_id.kit_product_id")
        if not lines:
            return self.env["stock.picking"], False
        warehouse = self._warehouse()
        if not warehouse:
            raise UserError(self.env._("No warehouse to issue the kits from."))
        picking_type = warehouse.out_type_id
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
                    "location_id": picking_type.default_location_src_id.id,
                    "location_dest_id": dest.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": line.test_id.name,
                                "product_id": line.test_id.kit_product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.test_id.kit_product_id.uom_id.id,
                                "location_id": picking_type.default_location_src_id.id,
                                "location_dest_id": dest.id,
                            }
                        )
                        for line in lines
                    ],
                }
            )
        )
        picking_sudo.action_confirm()
        picking_sudo.action_assign()
        missing = picking_sudo.move_ids.filtered(lambda move: move.state != "assigned")
        if missing:
            raise UserError(
                self.env._(
                    "Not enough kits in stock at %(location)s: %(products)s.",
                    location=picking_type.default_location_src_id.display_name,
                    products=", ".join(missing.product_id.mapped("display_name")),
                )
            )
        return picking_sudo, validate_delivery(picking_sudo)

    # ------------------------------------------------------------------ actions
    def action_ship_kit(self):
        """LAB-3: the health manager hands out (or sends) the kits: stock leaves the centre."""
        action = self.env._("issue the kits")
        self._check_role((HEALTH_MANAGER,), action)
        self._check_state(("ordered", "resampling"), action)
        self.check_access("write")
        for order in self:
            if not order.sudo().line_ids:
                raise UserError(self.env._("%(order)s has no test items.", order=order.name))
            picking_sudo, pending = order._create_kit_picking()
            resample = order.state == "resampling"
            order._transition(
                ("ordered", "resampling"),
                "sampling",
                (HEALTH_MANAGER,),
                action,
                vals={
                    "kit_shipped_date": fields.Datetime.now(),
                    "picking_ids": [fields.Command.link(picking_sudo.id)] if picking_sudo else [],
                },
                note=(
                    self.env._("New kit for resampling: %(picking)s", picking=picking_sudo.name)
                    if resample
                    else picking_sudo.name
                ),
            )
            if pending:
                order.message_post(
                    body=self.env._(
                        "Kit delivery %(picking)s is reserved and waits for the warehouse: "
                        "%(reason)s",
                        picking=picking_sudo.name,
                        reason=pending,
                    )
                )
        return True

    def action_mark_sampled(self):
        """LAB-4: the sample is taken; a home sample needs the courier tracking number."""
        action = self.env._("record the sampling")
        self._check_role((HEALTH_MANAGER,), action)
        self._check_state(("sampling",), action)
        for order in self:
            if order.sampling_mode == "home" and not order.courier_tracking_ref:
                raise UserError(
                    self.env._(
                        "%(order)s: a home sample needs the courier tracking number.",
                        order=order.name,
                    )
                )
        for order in self:
            order._transition(
                ("sampling",),
                "sampling",
                (HEALTH_MANAGER,),
                action,
                vals={"sampled_date": fields.Datetime.now()},
                note=self.env._(
                    "Sample mailed, tracking no. %(ref)s", ref=order.courier_tracking_ref
                )
                if order.sampling_mode == "home"
                else self.env._("Sample taken at the centre"),
            )
        return True

    def action_accept_sample(self, note=False):
        """LAB-5: the consulting dept accepts the sample → testing."""
        return self._transition(
            ("sampling",),
            "testing",
            (CONSULTING,),
            self.env._("accept the sample"),
            vals={
                "sample_received_date": fields.Datetime.now(),
                "sample_received_by_id": self.env.uid,
            },
            note=note,
        )

    def action_reject_sample(self, reason):
        """LAB-5: the sample is unusable → resampling with a new kit."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason why the sample is rejected."))
        action = self.env._("reject the sample")
        self._check_role((CONSULTING,), action)
        self._check_state(("sampling",), action)
        for order in self:
            order._transition(
                ("sampling",),
                "resampling",
                (CONSULTING,),
                action,
                vals={
                    "reject_reason": reason,
                    "resample_count": order.resample_count + 1,
                    "sampled_date": False,
                },
                note=reason,
            )
            if order.health_manager_id:
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=order.health_manager_id.id,
                    summary=self.env._("Resample: issue a new kit"),
                    note=reason,
                )
        return True

    def action_open_reject_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Sample"),
            "res_model": "lohi.lab.sample.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_report_received(self, pdf, results, report_ref=False, filename=False):
        """LAB-6: a report arrives from the lab system → report under review.

        ``pdf`` is the report's bytes, ``results`` a list of dicts (analyte, value, unit,
        reference_range, ref_low, ref_high, flag). Idempotent: a report reference already
        stored for the order returns that report and changes nothing.
        """
        self.ensure_one()
        action = self.env._("receive a lab report")
        self._check_role((CONSULTING,), action)
        report_ref = report_ref or self.name
        Report = self.env["lohi.lab.report"].sudo()
        existing = Report.search([("order_id", "=", self.id), ("report_ref", "=", report_ref)])
        if existing:
            return existing
        self._check_state(("testing", "review"), action)
        if not pdf or not pdf.startswith(b"%PDF-"):
            raise UserError(self.env._("The report file is not a PDF."))
        result_vals = self.env["lohi.lab.result"]._prepare_results(results)
        report = Report.create(
            {
                "order_id": self.id,
                "report_ref": report_ref,
                "pdf": base64.b64encode(pdf),
                "pdf_filename": filename or f"{report_ref}.pdf",
                "result_ids": [fields.Command.create(vals) for vals in result_vals],
            }
        )
        if self.state == "testing":
            self._transition(("testing",), "review", (CONSULTING,), action, note=report_ref)
        else:
            self.env["lohi.lab.order.log"].sudo().create(
                {
                    "order_id": self.id,
                    "from_state": "review",
                    "to_state": "review",
                    "user_id": self.env.uid,
                    "note": report_ref,
                }
            )
        partners = (self.doctor_id | self.health_manager_id).partner_id
        # Written for the doctor and health manager, in their language (the lab system's
        # requests run in English).
        order_lang = self.with_context(lang=self.doctor_id.lang or self.env.user.lang)
        order_lang.sudo().message_post(
            body=order_lang.env._(
                "Lab report %(ref)s received; the consulting dept reviews it before it opens.",
                ref=report_ref,
            ),
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_note",
        )
        return report

    def action_review(self):
        """LAB-7: the consulting dept approves the electronic report; it opens to the doctor
        and the health manager."""
        action = self.env._("approve the report")
        self._check_role((CONSULTING,), action)
        self._check_state(("review",), action)
        for order in self:
            if not order.sudo().report_ids:
                raise UserError(
                    self.env._("%(order)s has no lab report to approve.", order=order.name)
                )
        self._transition(
            ("review",),
            "reviewed",
            (CONSULTING,),
            action,
            vals={"reviewed_date": fields.Datetime.now(), "reviewed_by_id": self.env.uid},
        )
        for order in self.filtered("doctor_id"):
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=order.doctor_id.id,
                summary=self.env._("Write the summary report"),
            )
        return True

    def action_write_summary(self):
        """LAB-8: the doctor's summary report → paper report in production."""
        action = self.env._("complete the summary report")
        self._check_role((DOCTOR,), action)
        self._check_state(("reviewed",), action)
        for order in self:
            if not order.summary_report or not order.summary_report.striptags().strip():
                raise UserError(
                    self.env._("%(order)s: write the summary report first.", order=order.name)
                )
        return self._transition(
            ("reviewed",),
            "production",
            (DOCTOR,),
            action,
            vals={"summary_date": fields.Datetime.now()},
        )

    def action_issue_paper(self):
        """LAB-9: the paper report is collected or mailed; the health manager is told."""
        action = self.env._("issue the paper report")
        self._check_role((CONSULTING,), action)
        self._check_state(("production",), action)
        for order in self:
            if not order.paper_delivery:
                raise UserError(
                    self.env._("%(order)s: choose collected or mailed.", order=order.name)
                )
            if order.paper_delivery == "mailed" and not order.paper_tracking_ref:
                raise UserError(
                    self.env._(
                        "%(order)s: a mailed report needs its tracking number.", order=order.name
                    )
                )
        for order in self:
            order._transition(
                ("production",),
                "issued",
                (CONSULTING,),
                action,
                vals={"paper_issued_date": fields.Datetime.now()},
                note=order.paper_tracking_ref or False,
            )
            if order.health_manager_id:
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=order.health_manager_id.id,
                    summary=self.env._("Paper report issued: book the interpretation"),
                    note=order.paper_tracking_ref or False,
                )
        return True

    def action_interpret(self):
        """LAB-10: the doctor has explained the report to the client."""
        return self._transition(
            ("issued",),
            "interpreted",
            (DOCTOR,),
            self.env._("confirm the interpretation"),
            vals={"interpreted_date": fields.Datetime.now()},
        )

    def action_cancel(self):
        """Cancel an order before any kit left the centre (seed: before sampling)."""
        return self._transition(
            ("ordered",),
            "cancel",
            (DOCTOR, HEALTH_MANAGER),
            self.env._("cancel the order"),
        )

    def _lohi_followup_values(self):
        """APT-10, LAB-10: a reviewed report is interpreted by the ordering doctor at the
        order's centre; after the interpretation the client comes back for a revisit."""
        self.ensure_one()
        return {
            "partner": self.partner_id,
            "visit_type": "revisit" if self.state == "interpreted" else "interpretation",
            "doctor": self.doctor_id,
            "centre": self.centre_id,
            "note": self.env._("Follows up test order %(order)s", order=self.name),
        }

    def action_book_followup(self):
        self.ensure_one()
        self._check_state(
            ("reviewed", "production", "issued", "interpreted"),
            self.env._("book the report interpretation"),
        )
        return super().action_book_followup()

    def action_view_reports(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lab Reports"),
            "res_model": "lohi.lab.report",
            "view_mode": "list,form",
            "domain": [("order_id", "=", self.id)],
        }

    def action_view_kit_deliveries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Kit Deliveries"),
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("id", "in", self.picking_ids.ids)],
        }


class LohiLabOrderLine(models.Model):
    _name = "lohi.lab.order.line"
    _description = "Lab Test Order Item"
    _check_company_auto = True
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("lohi.lab.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    sequence = fields.Integer(default=10)
    test_id = fields.Many2one("lohi.lab.test", required=True, check_company=True)
    price_unit = fields.Monetary(
        string="Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    quantity = fields.Integer(default=1, required=True)
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )
    sample_type = fields.Selection(related="test_id.sample_type")
    turnaround_days = fields.Integer(related="test_id.turnaround_days")
    sampling_guide = fields.Html(related="test_id.sampling_guide")
    sampling_guide_attachment_ids = fields.Many2many(
        related="test_id.sampling_guide_attachment_ids"
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
        ("price_positive", "CHECK(price_unit >= 0)", "The price cannot be negative."),
    ]

    @api.depends("test_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.test_id.price

    @api.depends("price_unit", "quantity")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.price_unit * line.quantity

    def _check_order_open(self, orders):
        if not self.env.su and any(order.state != "ordered" for order in orders):
            raise UserError(self.env._("Test items can only change while the order is new."))

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["lohi.lab.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        self._check_order_open(orders)
        return super().create(vals_list)

    def write(self, vals):
        self._check_order_open(self.order_id)
        return super().write(vals)

    def unlink(self):
        self._check_order_open(self.order_id)
        return super().unlink()


class LohiLabOrderLog(models.Model):
    """An append-only status log line (LAB-12): who moved the order, when, from what to what."""

    _name = "lohi.lab.order.log"
    _description = "Lab Test Order Status Log"
    _order = "date desc, id desc"

    order_id = fields.Many2one("lohi.lab.order", required=True, ondelete="cascade", index=True)
    centre_id = fields.Many2one(related="order_id.centre_id", store=True)
    from_state = fields.Selection(STATES)
    to_state = fields.Selection(STATES, required=True)
    user_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Text()

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("The status log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("The status log cannot be deleted."))
        return super().unlink()
