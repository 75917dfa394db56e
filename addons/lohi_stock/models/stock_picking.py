from odoo import models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

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
        return super().button_validate()
