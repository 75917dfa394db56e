from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.constrains("location_dest_id", "product_id")
    def _check_lohi_storage_condition(self):
        """STK-1: nothing enters an internal location kept at another condition."""
        lines = self.filtered(
            lambda ml: (
                ml.location_dest_id.usage == "internal"
                and ml.product_id.product_tmpl_id.lohi_storage_condition_id
            )
        )
        if not lines:
            return
        conditions = lines.location_dest_id._lohi_effective_conditions()
        for line in lines:
            wanted = line.product_id.product_tmpl_id.lohi_storage_condition_id
            zone_condition = conditions.get(line.location_dest_id.id)
            if zone_condition and zone_condition != wanted:
                raise ValidationError(
                    self.env._(
                        "%(product)s must be stored at %(wanted)s, but %(location)s is "
                        "kept at %(condition)s. Put it into a zone of the right condition.",
                        product=line.product_id.display_name,
                        wanted=wanted.display_name,
                        location=line.location_dest_id.display_name,
                        condition=zone_condition.display_name,
                    )
                )

    def _lohi_is_outgoing(self):
        """True when the line takes goods out of a warehouse's stock to somebody else:
        a customer, transit, another warehouse. Moves inside the same warehouse (e.g. to
        the destruction area) and to inventory/scrap locations are not outgoing."""
        self.ensure_one()
        src, dest = self.location_id, self.location_dest_id
        if src.usage != "internal" or dest.usage == "inventory" or dest.scrap_location:
            return False
        if dest.usage == "internal":
            return src.warehouse_id != dest.warehouse_id
        return True

    def _lohi_check_expired_lots(self):
        """STK-2: an expired lot never leaves the warehouse, whatever was picked."""
        now = fields.Datetime.now()
        for line in self:
            lot = line.lot_id
            if (
                lot.expiration_date
                and lot.expiration_date <= now
                and line.quantity
                and line._lohi_is_outgoing()
            ):
                raise UserError(
                    self.env._(
                        "Lot %(lot)s of %(product)s expired on %(date)s and cannot be "
                        "shipped. Pick a valid lot and send the expired one to destruction.",
                        lot=lot.name,
                        product=line.product_id.display_name,
                        date=fields.Date.to_string(lot.expiration_date.date()),
                    )
                )

    def _action_done(self):
        self._lohi_check_expired_lots()
        return super()._action_done()
