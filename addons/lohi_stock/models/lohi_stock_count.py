import base64
import calendar
import io
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_is_zero

from .tier_guard import all_reviews_approved, check_review_turn

_logger = logging.getLogger(__name__)

COUNT_DAYS = 2  # seed 000 库房盘点制度: 每月最后两天进行库房盘点
HEADER_FIELDS = {"note"}
LINE_ENTRY_FIELDS = {"counted_qty", "is_counted", "reason"}
LINE_NEW_FIELDS = {"count_id", "product_id", "lot_id", "location_id"} | LINE_ENTRY_FIELDS


def _has_any(user, *xmlids):
    return any(user.has_group(xmlid) for xmlid in xmlids)


class LohiStockCount(models.Model):
    """库房盘点 (STK-10): in the last two days of each month the count of every warehouse
    opens with the system quantities; the keeper counts (on the xlsx count sheet or on
    screen), gives the reason of every difference, and submits on the count day; finance
    then leadership approve the count report; the keeper applies it as inventory
    adjustments and the near-expiry lots are marked."""

    _name = "lohi.stock.count"
    _description = "Monthly Stock Count"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date desc, id desc"

    _tier_validation_manual_config = False
    _state_from = ["counting", "to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    period = fields.Char(
        required=True, readonly=True, index=True, help="Counted month, as YYYY-MM."
    )
    date = fields.Date(string="Count Date", required=True, readonly=True)
    state = fields.Selection(
        [
            ("counting", "Counting"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Applied"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="counting",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("lohi.stock.count.line", "count_id", string="Count Lines")
    note = fields.Text(
        string="Notes",
        help="What the keeper and the product department found about the differences.",
    )
    submitted_date = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True)
    finished_same_day = fields.Boolean(
        string="Finished on the Count Day",
        readonly=True,
        copy=False,
        help="The seed asks for the count to be finished on the day it is taken.",
    )
    applied_date = fields.Datetime(string="Applied on", readonly=True, copy=False)
    line_count = fields.Integer(compute="_compute_totals", string="Lines")
    counted_count = fields.Integer(compute="_compute_totals", string="Counted")
    difference_count = fields.Integer(compute="_compute_totals", string="Differences")
    near_expiry_count = fields.Integer(compute="_compute_totals", string="Near Expiry")

    _sql_constraints = [
        (
            "warehouse_period_uniq",
            "unique(warehouse_id, period)",
            "A warehouse has one stock count per month.",
        )
    ]

    @api.depends("line_ids.is_counted", "line_ids.difference_qty", "line_ids.expiry_state")
    def _compute_totals(self):
        for count in self:
            lines = count.line_ids
            count.line_count = len(lines)
            count.counted_count = len(lines.filtered("is_counted"))
            count.difference_count = len(lines.filtered("difference_qty"))
            count.near_expiry_count = len(
                lines.filtered(lambda line: line.expiry_state in ("near", "expired"))
            )

    # ---------------------------------------------------------------- guards
    @api.model
    def _lohi_is_keeper(self):
        return _has_any(
            self.env.user, "lohi_clients.group_warehouse_keeper", "lohi_clients.group_admin"
        )

    @api.model
    def _lohi_check_keeper(self):
        if not self.env.su and not self._lohi_is_keeper():
            raise AccessError(
                self.env._("Only the warehouse keeper opens, submits and applies counts.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._lohi_check_keeper()
        for vals in vals_list:
            if not self.env.su and vals.get("state", "counting") != "counting":
                raise AccessError(self.env._("A stock count starts in counting."))
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_context(ir_sequence_date=vals.get("date"))
                    .next_by_code("lohi.stock.count")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # count lines edited in the form check themselves (role and state)
            keys = {
                k for k in vals if not k.startswith(("message_", "activity_")) and k != "line_ids"
            }
            if keys - HEADER_FIELDS:
                raise AccessError(
                    self.env._("A stock count moves only through its buttons and approvals.")
                )
            if keys:
                self._lohi_check_keeper()
                if any(count.state not in ("counting", "rejected") for count in self):
                    raise UserError(self.env._("This count is no longer open for changes."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(self.env._("Stock counts are kept; cancel one instead."))
        return super().unlink()

    def _lohi_transition(self, vals):
        self.sudo().with_context(skip_validation_check=True).write(vals)

    # ---------------------------------------------------------------- opening
    @api.model
    def _lohi_today(self):
        tz = self.env.user.tz or self.env.company.partner_id.tz or "Asia/Shanghai"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.model
    def _lohi_is_count_day(self, day):
        last = calendar.monthrange(day.year, day.month)[1]
        return day.day > last - COUNT_DAYS

    @api.model
    def _lohi_open_counts(self, warehouses, day):
        """Open one count per warehouse for the month of ``day``, skipping warehouses
        that already have one (idempotent). One search for existing counts, one
        grouped read of the stock, one create."""
        period = f"{day.year:04d}-{day.month:02d}"
        existing = self.sudo().search(
            [("warehouse_id", "in", warehouses.ids), ("period", "=", period)]
        )
        todo = warehouses - existing.warehouse_id
        if not todo:
            return self.browse()
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("location_id", "child_of", todo.view_location_id.ids),
                    ("location_id.usage", "=", "internal"),
                    ("product_id.is_storable", "=", True),
                ],
                ["location_id", "product_id", "lot_id"],
                ["quantity:sum"],
            )
        )
        lines_by_warehouse = {}
        for location, product, lot, qty in groups:
            if float_is_zero(qty, precision_rounding=product.uom_id.rounding):
                continue
            lines_by_warehouse.setdefault(location.warehouse_id.id, []).append(
                {
                    "location_id": location.id,
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "theoretical_qty": qty,
                }
            )
        counts = self.sudo().create(
            [
                {
                    "warehouse_id": warehouse.id,
                    "company_id": warehouse.company_id.id,
                    "period": period,
                    "date": day,
                    "line_ids": [(0, 0, vals) for vals in lines_by_warehouse.get(warehouse.id, [])],
                }
                for warehouse in todo
            ]
        )
        counts._lohi_notify_keepers()
        return counts

    def _lohi_notify_keepers(self):
        default_keeper = self.env["stock.lot"]._lohi_default_keeper()
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for count in self:
            keeper = count.warehouse_id.lohi_keeper_id or default_keeper
            if not keeper:
                continue
            keeper_env = self.with_context(lang=keeper.lang or self.env.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": count.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "user_id": keeper.id,
                    "date_deadline": count.date,
                    "summary": keeper_env._(
                        "Month-end count %(name)s: count today and submit", name=count.name
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _cron_lohi_open_month_end_counts(self):
        """STK-10: on the last two days of the month, open the count of every warehouse
        that has none for the month. Runs daily; does nothing on other days."""
        today = self._lohi_today()
        if not self._lohi_is_count_day(today):
            _logger.info("Month-end count: %s is not one of the last two days", today)
            return self.browse()
        warehouses = self.env["stock.warehouse"].sudo().search([])
        counts = self._lohi_open_counts(warehouses, today)
        self.env["ir.cron"]._notify_progress(done=len(counts), remaining=0)
        _logger.info(
            "Month-end count: opened %s count(s) for %s, %s warehouse(s) already open",
            len(counts),
            today,
            len(warehouses) - len(counts),
        )
        return counts

    @api.model
    def action_lohi_open_now(self, warehouse_ids=None):
        """The keeper opens the month's counts by hand (e.g. after a cron outage)."""
        self._lohi_check_keeper()
        today = self._lohi_today()
        if not self._lohi_is_count_day(today):
            raise UserError(
                self.env._(
                    "The monthly count is taken in the last two days of the month; "
                    "%(day)s is not one of them.",
                    day=fields.Date.to_string(today),
                )
            )
        warehouses = self.env["stock.warehouse"].browse(warehouse_ids or []) or self.env[
            "stock.warehouse"
        ].search([])
        counts = self._lohi_open_counts(warehouses, today)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "name": self.env._("Stock Counts"),
            "view_mode": "list,form",
            "domain": [("period", "=", f"{today.year:04d}-{today.month:02d}")],
            "context": {"create": False, "lohi_opened": counts.ids},
        }

    # ---------------------------------------------------------------- flow
    def action_submit(self):
        """The keeper hands in the finished count: every line counted, every difference
        explained."""
        self._lohi_check_keeper()
        now = fields.Datetime.now()
        today = self._lohi_today()
        for count in self:
            if count.state != "counting":
                raise UserError(self.env._("%(name)s is not being counted.", name=count.name))
            if not count.line_ids:
                raise UserError(self.env._("%(name)s has no lines to count.", name=count.name))
            uncounted = count.line_ids.filtered(lambda line: not line.is_counted)
            if uncounted:
                raise UserError(
                    self.env._(
                        "%(name)s: %(number)s line(s) are not counted yet, e.g. %(line)s.",
                        name=count.name,
                        number=len(uncounted),
                        line=uncounted[:1].display_name,
                    )
                )
            unexplained = count.line_ids.filtered(
                lambda line: line.difference_qty and not (line.reason or "").strip()
            )
            if unexplained:
                raise UserError(
                    self.env._(
                        "%(name)s: give the reason of every difference with the system "
                        "(%(lines)s).",
                        name=count.name,
                        lines=", ".join(unexplained.mapped("display_name")),
                    )
                )
            count._lohi_transition(
                {
                    "state": "to_approve",
                    "submitted_date": now,
                    "submitted_by_id": self.env.user.id,
                    "finished_same_day": today == count.date,
                }
            )
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
                    "Count report rejected by %(user)s: the warehouse keeper and the product "
                    "department recheck the differences and resubmit.",
                    user=self.env.user.name,
                ),
                partner_ids=self.submitted_by_id.partner_id.ids,
            )
        return res

    def action_recount(self):
        """A rejected count goes back to counting (its reviews are dropped)."""
        self._lohi_check_keeper()
        for count in self:
            if count.state != "rejected":
                raise UserError(self.env._("Only a rejected count goes back to counting."))
        self._lohi_transition({"state": "counting"})
        self.invalidate_recordset(["review_ids", "need_validation", "validation_status"])
        return True

    def action_cancel(self):
        self._lohi_check_keeper()
        for count in self:
            if count.state in ("done", "approved"):
                raise UserError(
                    self.env._(
                        "%(name)s is approved or applied; it cannot be cancelled.", name=count.name
                    )
                )
        self._lohi_transition({"state": "cancel"})
        return True

    def action_apply(self):
        """Apply the approved differences through Odoo's inventory mode: each quant is
        set to its current quantity plus the counted difference, so moves made since
        the count are kept."""
        self._lohi_check_keeper()
        for count in self:
            if count.state != "approved" or not count._lohi_is_fully_approved():
                raise UserError(
                    self.env._(
                        "%(name)s is not approved by finance and leadership; its differences "
                        "cannot be applied.",
                        name=count.name,
                    )
                )
        Quant = self.env["stock.quant"].sudo()
        for count in self:
            lines = count.line_ids.filtered("difference_qty")
            if lines:
                current = {
                    (q.product_id.id, q.location_id.id, q.lot_id.id): q
                    for q in Quant.search(
                        [
                            ("product_id", "in", lines.product_id.ids),
                            ("location_id", "in", lines.location_id.ids),
                            ("package_id", "=", False),
                            ("owner_id", "=", False),
                        ]
                    )
                }
                missing = lines.filtered(
                    lambda line, current=current: (
                        (line.product_id.id, line.location_id.id, line.lot_id.id) not in current
                    )
                )
                # goods found where the system has no quant: an empty quant to adjust
                for quant in Quant.create(
                    [
                        {
                            "product_id": line.product_id.id,
                            "location_id": line.location_id.id,
                            "lot_id": line.lot_id.id,
                        }
                        for line in missing
                    ]
                ):
                    current[(quant.product_id.id, quant.location_id.id, quant.lot_id.id)] = quant
                quants = Quant.browse()
                for line in lines:
                    quant = current[(line.product_id.id, line.location_id.id, line.lot_id.id)]
                    quant.write(
                        {
                            "inventory_quantity": quant.quantity + line.difference_qty,
                            "user_id": self.env.user.id,
                        }
                    )
                    quants |= quant
                quants.with_context(inventory_name=count.name)._apply_inventory()
            count._lohi_transition({"state": "done", "applied_date": fields.Datetime.now()})
            marked = count._lohi_mark_expiry()
            count.message_post(
                body=self.env._(
                    "Applied by %(user)s: %(number)s difference(s) adjusted, %(lots)s "
                    "near-expiry or expired lot(s) marked.",
                    user=self.env.user.name,
                    number=len(lines),
                    lots=len(marked),
                )
            )
        return True

    def _lohi_mark_expiry(self):
        """After the count, mark the near-expiry and expired lots (seed: 盘点完毕后...
        将有效期的产品进行标注)."""
        self.ensure_one()
        lots = self.line_ids.filtered(
            lambda line: line.expiry_state in ("near", "expired") and line.counted_qty > 0
        ).lot_id
        lots.sudo().write({"lohi_expiry_marked_date": self.date})
        return lots

    # ---------------------------------------------------------------- sheets
    def action_export_sheet(self):
        return self.env.ref("lohi_stock.action_report_count_sheet_xlsx").report_action(self)

    def action_import_sheet(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Count Sheet"),
            "res_model": "lohi.stock.count.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_count_id": self.id},
        }

    # ---------------------------------------------------------------- demo
    @api.model
    def _lohi_demo_open_count(self, warehouse_xmlid):
        """Demo: open last month's count of a warehouse as if on its last day, with a
        few differences counted, and submit it for approval."""
        warehouse = self.env.ref(warehouse_xmlid)
        today = fields.Date.today().replace(day=1) - timedelta(days=1)
        count = self._lohi_open_counts(warehouse, today)
        keeper = self.env.ref("lohi_clients.user_warehouse_demo")
        for index, line in enumerate(count.line_ids.sorted("id")):
            vals = {"counted_qty": line.theoretical_qty, "is_counted": True}
            if index == 1:
                vals.update(
                    counted_qty=max(line.theoretical_qty - 2, 0),
                    reason="两盒外包装破损未入账，已转待销毁区",
                )
            line.with_user(keeper).write(vals)
        count.with_user(keeper).action_submit()
        return count


class LohiStockCountLine(models.Model):
    _name = "lohi.stock.count.line"
    _description = "Stock Count Line"
    _order = "location_id, product_id, lot_id, id"

    count_id = fields.Many2one("lohi.stock.count", required=True, ondelete="cascade", index=True)
    state = fields.Selection(related="count_id.state")
    location_id = fields.Many2one(
        "stock.location", required=True, domain="[('usage', '=', 'internal')]"
    )
    product_id = fields.Many2one(
        "product.product", required=True, domain="[('is_storable', '=', True)]"
    )
    default_code = fields.Char(related="product_id.default_code", string="Spec / Code")
    lot_id = fields.Many2one("stock.lot", domain="[('product_id', '=', product_id)]")
    expiration_date = fields.Datetime(related="lot_id.expiration_date", string="Expiry")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    theoretical_qty = fields.Float(
        string="System Quantity", digits="Product Unit of Measure", readonly=True
    )
    counted_qty = fields.Float(string="Counted Quantity", digits="Product Unit of Measure")
    is_counted = fields.Boolean(string="Counted")
    difference_qty = fields.Float(
        string="Difference",
        digits="Product Unit of Measure",
        compute="_compute_difference_qty",
        store=True,
        help="Counted minus system quantity.",
    )
    reason = fields.Char(help="Why the counted quantity differs from the system.")
    expiry_state = fields.Selection(
        [("expired", "Expired"), ("near", "Near Expiry"), ("ok", "Fresh")],
        compute="_compute_expiry_state",
        store=True,
        string="Expiry Status",
    )

    _sql_constraints = [
        ("counted_positive", "CHECK(counted_qty >= 0)", "A counted quantity cannot be negative.")
    ]

    @api.depends("counted_qty", "theoretical_qty", "is_counted")
    def _compute_difference_qty(self):
        for line in self:
            line.difference_qty = (
                line.counted_qty - line.theoretical_qty if line.is_counted else 0.0
            )

    @api.depends("lot_id.expiration_date", "count_id.date")
    def _compute_expiry_state(self):
        window = self.env["stock.lot"]._lohi_expiry_window()
        for line in self:
            expiry = line.lot_id.expiration_date
            day = line.count_id.date or fields.Date.today()
            if not expiry:
                line.expiry_state = False
            elif expiry.date() <= day:
                line.expiry_state = "expired"
            elif expiry.date() <= day + timedelta(days=window):
                line.expiry_state = "near"
            else:
                line.expiry_state = "ok"

    @api.depends("product_id", "lot_id", "location_id")
    def _compute_display_name(self):
        for line in self:
            parts = [line.product_id.display_name or "", line.lot_id.name or ""]
            line.display_name = " / ".join(p for p in parts if p)

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

    def _lohi_check_entry(self, counts, keys):
        if self.env.su:
            return
        user = self.env.user
        if not _has_any(
            user,
            "lohi_clients.group_warehouse_keeper",
            "lohi_clients.group_product_manager",
            "lohi_clients.group_admin",
        ):
            raise AccessError(
                self.env._("Only the warehouse keeper and the product department enter counts.")
            )
        if any(count.state != "counting" for count in counts):
            raise UserError(self.env._("Counted quantities are entered only while counting."))
        if keys - LINE_ENTRY_FIELDS:
            raise AccessError(
                self.env._(
                    "The product, lot, location and system quantity of a count line are fixed."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if set(vals) - LINE_NEW_FIELDS:
                    raise AccessError(self.env._("The system quantity is taken by the system."))
                if "counted_qty" in vals:
                    vals.setdefault("is_counted", True)
            counts = self.env["lohi.stock.count"].browse(
                [vals["count_id"] for vals in vals_list if vals.get("count_id")]
            )
            self._lohi_check_entry(counts, set())
            self.env["lohi.stock.count"]._lohi_check_keeper()
        lines = super().create(vals_list)
        if not self.env.su:
            # goods found during the count: their system quantity is what the system holds
            Quant = self.env["stock.quant"].sudo()
            for line in lines:
                line.sudo().theoretical_qty = sum(
                    Quant._gather(
                        line.product_id, line.location_id, lot_id=line.lot_id, strict=True
                    ).mapped("quantity")
                )
        return lines

    def write(self, vals):
        keys = {k for k in vals}
        self._lohi_check_entry(self.count_id, keys)
        if "counted_qty" in vals and "is_counted" not in vals and not self.env.su:
            vals = dict(vals, is_counted=True)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.env["lohi.stock.count"]._lohi_check_keeper()
            if any(line.state != "counting" or line.theoretical_qty for line in self):
                raise UserError(
                    self.env._(
                        "Only lines added during counting, with no system stock, can be removed."
                    )
                )
        return super().unlink()


class LohiStockCountImport(models.TransientModel):
    """Enter the counted quantities back from the filled xlsx count sheet."""

    _name = "lohi.stock.count.import"
    _description = "Import Count Sheet"

    count_id = fields.Many2one("lohi.stock.count", required=True)
    file = fields.Binary(string="Count Sheet (xlsx)", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        self.env["lohi.stock.count.line"]._lohi_check_entry(self.count_id, set())
        try:
            import openpyxl
        except ImportError as exc:  # pragma: no cover
            raise UserError(self.env._("Reading xlsx needs the openpyxl library.")) from exc
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True
            )
        except Exception as exc:
            raise UserError(self.env._("This file is not an xlsx count sheet.")) from exc
        sheet = book.worksheets[0]
        lines = self.count_id.line_ids
        by_id = {line.id: line for line in lines}
        updates = {}
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if not row or not isinstance(row[0], int | float):
                continue
            line = by_id.get(int(row[0]))
            if not line:
                raise UserError(
                    self.env._(
                        "Line %(id)s of the sheet is not part of this count.", id=int(row[0])
                    )
                )
            counted = row[COUNTED_COLUMN] if len(row) > COUNTED_COLUMN else None
            reason = row[REASON_COLUMN] if len(row) > REASON_COLUMN else None
            if counted in (None, ""):
                continue
            try:
                counted = float(counted)
            except (TypeError, ValueError) as exc:
                raise UserError(
                    self.env._(
                        "Counted quantity “%(value)s” of %(line)s is not a number.",
                        value=counted,
                        line=line.display_name,
                    )
                ) from exc
            updates[line] = {"counted_qty": counted, "is_counted": True, "reason": reason or False}
        if not updates:
            raise UserError(self.env._("The sheet has no counted quantity."))
        for line, vals in updates.items():
            line.write(vals)
        self.count_id.message_post(
            body=self.env._(
                "%(number)s counted quantities entered from %(file)s.",
                number=len(updates),
                file=self.filename or "xlsx",
            )
        )
        return {"type": "ir.actions.act_window_close"}


# columns of the count sheet (see report/count_sheet_xlsx.py)
SHEET_COLUMNS = [
    "Line ID",
    "Location",
    "Product",
    "Spec / Code",
    "Lot",
    "Expiry",
    "Unit",
    "System Quantity",
    "Counted Quantity",
    "Reason",
]
COUNTED_COLUMN = SHEET_COLUMNS.index("Counted Quantity")
REASON_COLUMN = SHEET_COLUMNS.index("Reason")
