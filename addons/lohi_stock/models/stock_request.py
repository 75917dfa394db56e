from odoo import api, fields, models
from odoo.exceptions import UserError

LOCKED_FIELDS = {"product_id", "product_uom_qty", "product_uom_id", "order_id"}


class StockRequest(models.Model):
    _inherit = "stock.request"

    lohi_received_qty = fields.Float(
        string="Received Quantity",
        digits="Product Unit of Measure",
        copy=False,
        help="Quantity the centre counted on arrival.",
    )
    lohi_discrepancy_qty = fields.Float(
        string="Difference",
        digits="Product Unit of Measure",
        compute="_compute_lohi_discrepancy_qty",
        store=True,
        help="Received minus requested quantity.",
    )

    @api.depends("lohi_received_qty", "product_uom_qty")
    def _compute_lohi_discrepancy_qty(self):
        for line in self:
            line.lohi_discrepancy_qty = line.lohi_received_qty - line.product_uom_qty

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = [vals["order_id"] for vals in vals_list if vals.get("order_id")]
        if order_ids:
            self.env["stock.request.order"].browse(order_ids)._lohi_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        if LOCKED_FIELDS & set(vals):
            self.order_id._lohi_check_lines_editable()
        return super().write(vals)

    def _action_confirm(self):
        """Nothing leaves for a centre outside the requisition flow (STK-8)."""
        if not self.env.su:
            orders = self.order_id
            orders._lohi_check_release()
            loose = self.filtered(lambda r: not r.order_id)
            if loose:
                centre_count = (
                    self.env["lohi.centre"]
                    .sudo()
                    .search_count([("warehouse_id", "in", loose.warehouse_id.ids)])
                )
                if centre_count:
                    raise UserError(
                        self.env._(
                            "Centres and offices receive stock only through an approved "
                            "requisition (stock request order)."
                        )
                    )
        return super()._action_confirm()
