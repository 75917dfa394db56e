from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

WINDOW_PARAM = "lohi_stock.expiry_window_days"
SUMMARY_PARAM = "lohi_stock.expiry_summary_date"
DEFAULT_WINDOW = 90
# Lots per batch of the expiry inspection cron: one to-do each (created without the
# assignment e-mail, which cost ~10 queries, ~16 ms per lot).
EXPIRY_BATCH = 500


class StockLot(models.Model):
    _inherit = "stock.lot"

    lohi_recipient_partner_ids = fields.Many2many(
        "res.partner",
        string="Received by",
        compute="_compute_lohi_recipients",
        help="Clients and partners this lot was delivered to (recall, STK-13).",
    )
    lohi_recipient_centre_ids = fields.Many2many(
        "lohi.centre",
        string="Centres Supplied",
        compute="_compute_lohi_recipients",
        help="Centres and offices whose warehouse received this lot.",
    )

    lohi_expiry_marked_date = fields.Date(
        string="Expiry Marked on",
        readonly=True,
        copy=False,
        help="Day of the monthly count after which this near-expiry lot was marked (STK-10).",
    )

    def _lohi_shipped_lines_domain(self):
        return [
            ("lot_id", "in", self.ids),
            ("state", "=", "done"),
            ("location_id.usage", "=", "internal"),
            ("location_dest_id.usage", "in", ("customer", "transit", "internal")),
        ]

    def _compute_lohi_recipients(self):
        lines = self.env["stock.move.line"].sudo().search(self._lohi_shipped_lines_domain())
        lines = lines.filtered(
            lambda ml: ml._lohi_is_outgoing() or ml.location_dest_id.usage == "internal"
        )
        dest_warehouses = {}
        for line in lines:
            final = line.move_id.move_dest_ids.location_dest_id | line.location_dest_id
            dest_warehouses.setdefault(line.lot_id.id, self.env["stock.warehouse"])
            dest_warehouses[line.lot_id.id] |= final.warehouse_id - line.location_id.warehouse_id
        all_warehouses = self.env["stock.warehouse"].union(*dest_warehouses.values())
        centres = (
            self.env["lohi.centre"].sudo().search([("warehouse_id", "in", all_warehouses.ids)])
        )
        for lot in self:
            lot_lines = lines.filtered(
                lambda ml, lot=lot: ml.lot_id == lot and ml._lohi_is_outgoing()
            )
            lot.lohi_recipient_partner_ids = lot_lines.picking_id.partner_id
            warehouses = dest_warehouses.get(lot.id, self.env["stock.warehouse"])
            lot.lohi_recipient_centre_ids = centres.filtered(
                lambda c, w=warehouses: c.warehouse_id in w
            )

    def action_lohi_recipients(self):
        """Recall: every shipment of the lot, with who received it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Shipments of %(lot)s", lot=self.name),
            "res_model": "stock.move.line",
            "view_mode": "list",
            "domain": [
                ("lot_id", "=", self.id),
                ("state", "=", "done"),
                ("location_id.usage", "=", "internal"),
                ("location_dest_id.usage", "in", ("customer", "transit")),
            ],
            "context": {"create": False},
        }

    @api.model
    def _lohi_expiry_window(self):
        value = self.env["ir.config_parameter"].sudo().get_param(WINDOW_PARAM)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_WINDOW

    @api.model
    def _lohi_near_expiry_lots(self, window=None):
        """Lots in stock (internal locations) expiring within the window, or expired:
        one grouped query over quants, no loop over the stock."""
        window = self._lohi_expiry_window() if window is None else window
        limit = fields.Datetime.now() + timedelta(days=window)
        groups = self._lohi_lot_stock(
            [("lot_id.expiration_date", "!=", False), ("lot_id.expiration_date", "<=", limit)]
        )
        lots = self.browse()
        warehouse_by_lot = {}
        for lot, location, _qty in groups:
            lots |= lot
            warehouse_by_lot.setdefault(lot.id, location.warehouse_id)
        return lots.sorted("expiration_date"), warehouse_by_lot

    @api.model
    def _lohi_lot_stock(self, domain):
        """(lot, location, quantity) of the lots in stock in internal locations: one
        grouped query over the quants."""
        return (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [("location_id.usage", "=", "internal"), ("quantity", ">", 0), *domain],
                ["lot_id", "location_id"],
                ["quantity:sum"],
            )
        )

    @api.model
    def _lohi_default_keeper(self):
        group = self.env.ref("lohi_clients.group_warehouse_keeper")
        admin_group = self.env.ref("lohi_clients.group_admin")
        users = group.users.filtered(lambda u: u.active and not u.share).sorted("id")
        return (users - admin_group.users)[:1] or users[:1]

    @api.model
    def _lohi_expiry_todo_query(self, with_keeper=False):
        """Query of the near-expiry lots in stock without an open inspection to-do (NOT
        EXISTS in SQL, so the work left is never loaded). ``with_keeper``: only lots in
        a warehouse with a keeper (when no default keeper exists, the others would
        never get a to-do)."""
        window = self._lohi_expiry_window()
        in_stock = [("location_id.usage", "=", "internal"), ("quantity", ">", 0)]
        if with_keeper:
            in_stock.append(("location_id.warehouse_id.lohi_keeper_id", "!=", False))
        self.env["mail.activity"].flush_model(["res_model", "res_id", "activity_type_id", "active"])
        query = self.sudo()._search(
            [
                ("expiration_date", "!=", False),
                ("expiration_date", "<=", fields.Datetime.now() + timedelta(days=window)),
                ("quant_ids", "any", in_stock),
            ]
        )
        query.add_where(
            SQL(
                """NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.res_model = 'stock.lot' AND a.res_id = %s
                                  AND a.activity_type_id = %s AND a.active)""",
                SQL.identifier(query.table, "id"),
                self.env.ref("lohi_stock.mail_activity_type_expiry_check").id,
            )
        )
        return query

    @api.model
    def _cron_lohi_expiry_inspection(self, batch=EXPIRY_BATCH):
        """STK-9, every two weeks: one to-do per near-expiry lot for the warehouse
        keeper, a summary to leadership. Idempotent: a lot with an open inspection
        to-do gets no second one; the summary goes out once a day at most. One call
        writes at most ``batch`` to-dos; the cron worker commits and calls again while
        lots remain, and the last batch sends the summary."""
        activity_type = self.env.ref("lohi_stock.mail_activity_type_expiry_check")
        default_keeper = self._lohi_default_keeper()
        query = self._lohi_expiry_todo_query(with_keeper=not default_keeper)
        query.order = SQL(
            "%s, %s",
            SQL.identifier(query.table, "expiration_date"),
            SQL.identifier(query.table, "id"),
        )
        query.limit = batch
        lots = self.browse(row[0] for row in self.env.execute_query(query.select()))
        warehouse_by_lot = {}
        if lots:
            groups = self._lohi_lot_stock([("lot_id", "in", lots.ids)])
            for lot, location, _qty in groups:
                warehouse = location.warehouse_id
                if lot.id not in warehouse_by_lot or (
                    not default_keeper and not warehouse_by_lot[lot.id].lohi_keeper_id
                ):
                    warehouse_by_lot[lot.id] = warehouse
        model_id = self.env["ir.model"]._get_id("stock.lot")
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        # the to-do is written in the keeper's language: one environment per language
        envs = {}
        vals_list = []
        for lot in lots:
            keeper = warehouse_by_lot[lot.id].lohi_keeper_id or default_keeper
            lang = keeper.lang or self.env.lang
            if lang not in envs:
                envs[lang] = self.with_context(lang=lang).env
            date = fields.Date.to_string(lot.expiration_date.date())
            if lot.expiration_date <= now:
                summary = envs[lang]._(
                    "Expiry check: %(lot)s expired on %(date)s", lot=lot.display_name, date=date
                )
            else:
                summary = envs[lang]._(
                    "Expiry check: %(lot)s expires on %(date)s", lot=lot.display_name, date=date
                )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": lot.id,
                    "activity_type_id": activity_type.id,
                    "user_id": keeper.id,
                    "date_deadline": today + timedelta(days=7),
                    "summary": summary,
                }
            )
        # the keeper finds the to-dos in his activities (no assignment e-mail per lot); the
        # leadership summary below is the message of the run
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        remaining = 0
        if len(lots) >= batch:
            query = self._lohi_expiry_todo_query(with_keeper=not default_keeper)
            [(remaining,)] = self.env.execute_query(query.select(SQL("count(*)")))
        self.env["ir.cron"]._notify_progress(done=len(lots), remaining=remaining)
        if not remaining:
            near, _warehouses = self._lohi_near_expiry_lots()
            if near:
                self._lohi_send_expiry_summary(near, today)

    @api.model
    def _lohi_send_expiry_summary(self, lots, today):
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(SUMMARY_PARAM) == fields.Date.to_string(today):
            return
        leaders = self.env.ref("lohi_clients.group_leadership").users.filtered(
            lambda u: u.active and not u.share
        )
        if not leaders:
            return
        now = fields.Datetime.now()
        leader_env = self.with_context(lang=leaders[:1].lang or self.env.lang).env
        rows = Markup("").join(
            Markup("<li>%s — %s — %s%s</li>")
            % (
                lot.product_id.display_name,
                lot.name,
                fields.Date.to_string(lot.expiration_date.date()),
                leader_env._(" (expired)") if lot.expiration_date <= now else "",
            )
            for lot in lots
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            leader_env._(
                "Near-expiry summary: %(count)s lots expire within %(days)s days or have expired.",
                count=len(lots),
                days=self._lohi_expiry_window(),
            ),
            rows,
        )
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=leaders.partner_id.ids,
            subject=leader_env._("Near-expiry summary"),
            body=body,
        )
        params.set_param(SUMMARY_PARAM, fields.Date.to_string(today))
