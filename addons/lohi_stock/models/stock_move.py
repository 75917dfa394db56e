from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _lohi_excludes_expired(self):
        """Reservations for anything but scrap / inventory losses skip expired lots."""
        self.ensure_one()
        dest = self.location_dest_id
        return not (dest.usage == "inventory" or dest.scrap_location)

    def _lohi_expiry_context(self):
        if self._lohi_excludes_expired():
            return self.with_context(with_expiration=fields.Datetime.now())
        return self

    def _update_reserved_quantity(
        self, need, location_id, lot_id=None, package_id=None, owner_id=None, strict=True
    ):
        """STK-2: an expired lot is never reserved (Odoo's ``with_expiration`` key keeps
        expired quants out of the gather domain)."""
        return super(StockMove, self._lohi_expiry_context())._update_reserved_quantity(
            need,
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
        )

    def _get_available_quantity(
        self,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        allow_negative=False,
    ):
        return super(StockMove, self._lohi_expiry_context())._get_available_quantity(
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
            allow_negative=allow_negative,
        )
