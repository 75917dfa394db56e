from odoo import fields, models
from odoo.exceptions import UserError


class LohiReturnRequest(models.Model):
    """CLI-12 in the warehouse: returned goods come back through a real receipt into the
    quarantine location; an exchange leaves through a real delivery (FEFO, expiry checks
    of STK-2 apply)."""

    _inherit = "lohi.return.request"

    return_picking_id = fields.Many2one(
        "stock.picking", string="Return Receipt", readonly=True, copy=False
    )
    exchange_picking_id = fields.Many2one(
        "stock.picking", string="Exchange Delivery", readonly=True, copy=False
    )

    def _lohi_warehouse(self):
        self.ensure_one()
        warehouse = self.partner_id.lohi_centre_id.warehouse_id
        return warehouse or self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    def _lohi_picking(self, picking_type, source, dest, product, quantity, origin):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "origin": origin,
                "move_ids": [
                    fields.Command.create(
                        {
                            "name": product.display_name,
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def _lohi_receive_goods(self):
        result = super()._lohi_receive_goods()
        quarantine = self.env.ref("lohi_stock.stock_location_quarantine")
        customers = self.env.ref("stock.stock_location_customers")
        for request in self.sudo():
            warehouse = request._lohi_warehouse()
            if not warehouse:
                raise UserError(self.env._("No warehouse receives the returned goods."))
            request.return_picking_id = request._lohi_picking(
                warehouse.in_type_id,
                customers,
                quarantine,
                request.product_id,
                request.quantity,
                request.name,
            )
        return result

    def _lohi_send_exchange(self):
        result = super()._lohi_send_exchange()
        customers = self.env.ref("stock.stock_location_customers")
        for request in self.sudo().filtered(lambda r: r.request_type == "exchange"):
            warehouse = request._lohi_warehouse()
            request.exchange_picking_id = request._lohi_picking(
                warehouse.out_type_id,
                warehouse.lot_stock_id,
                customers,
                request.exchange_product_id,
                request.exchange_quantity,
                request.name,
            )
        return result
