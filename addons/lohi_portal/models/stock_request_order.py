from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class StockRequestOrder(models.Model):
    """Requisitions a partner institution files on its portal (POR-1): the same order, the
    same approval tiers (STK-8); the institution follows them and confirms receipt."""

    _inherit = "stock.request.order"

    lohi_institution_id = fields.Many2one(
        "lohi.institution",
        string="Requesting Institution",
        readonly=True,
        index=True,
        copy=False,
        help="The partner institution that filed the requisition on its portal.",
    )

    def write(self, vals):
        if "lohi_institution_id" in vals and not self.env.su:
            raise UserError(self.env._("The institution that filed a requisition cannot change."))
        return super().write(vals)

    def _lohi_portal_confirm_receipt(self, institution, received=None, note=None):
        """The institution's portal user counts the goods and confirms receipt (STK-8).

        The caller has already checked with the record rule that the user may read these
        requisitions; the institution is checked again here, then the state, then the
        counted quantities (``received``: {request line id: quantity}); nothing is written
        before every check passed."""
        received = received or {}
        note = (note or "").strip()
        if any(qty < 0 for qty in received.values()):
            raise UserError(self.env._("A counted quantity cannot be negative."))
        for order in self:
            if order.lohi_institution_id != institution or not institution:
                raise AccessError(
                    self.env._("%(order)s was not filed by your institution.", order=order.name)
                )
            if order.lohi_received:
                raise UserError(
                    self.env._("Receipt of %(order)s is already confirmed.", order=order.name)
                )
            if order.state not in ("open", "done"):
                raise UserError(
                    self.env._(
                        "%(order)s has not been shipped yet; receipt can only be confirmed "
                        "for released requisitions.",
                        order=order.name,
                    )
                )
            lines_sudo = order.sudo().stock_request_ids
            discrepant = lines_sudo.filtered(
                lambda line: received.get(line.id, line.product_uom_qty) != line.product_uom_qty
            )
            if discrepant and not (note or order.sudo().lohi_discrepancy_note or "").strip():
                raise UserError(
                    self.env._(
                        "The counted quantities of %(order)s differ from the request "
                        "(%(products)s): describe the discrepancy before confirming.",
                        order=order.name,
                        products=", ".join(discrepant.product_id.mapped("display_name")),
                    )
                )
        user = self.env.user
        for line_sudo in self.sudo().stock_request_ids:
            line_sudo.lohi_received_qty = received.get(line_sudo.id, line_sudo.product_uom_qty)
        if note:
            self.sudo().lohi_discrepancy_note = note[:2000]
        self.sudo().write(
            {
                "lohi_received": True,
                "lohi_received_date": fields.Datetime.now(),
                "lohi_received_by_id": user.id,
            }
        )
        for order in self:
            order.sudo().message_post(
                body=self.env._(
                    "Receipt confirmed on the portal by %(user)s (%(institution)s).",
                    user=user.name,
                    institution=institution.name,
                )
            )
        return True
