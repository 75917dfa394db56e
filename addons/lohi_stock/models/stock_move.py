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

    def _action_assign(self, force_qty=False):
        """STK-2, STK-5: reservations of one product wait for each other. Odoo gathers
        quants with SKIP LOCKED, so two transactions reserving the last units at once
        would each miss the other's lock and over-reserve. A transaction-scoped advisory
        lock per product (taken in product order, so no deadlock) serialises them; the
        later one then meets the earlier one's committed update as a serialization
        failure, which Odoo retries with a fresh view of the stock."""
        product_ids = sorted(set(self.product_id.ids))
        if product_ids:
            self.env.cr.execute(
                """
                SELECT pg_advisory_xact_lock(hashtext('lohi.stock.reserve:' || k))
                  FROM (SELECT unnest(%s::int[]) AS k ORDER BY 1) AS products
                """,
                [product_ids],
            )
        return super()._action_assign(force_qty=force_qty)

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
