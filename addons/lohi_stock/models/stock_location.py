from odoo import api, fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    lohi_storage_condition_id = fields.Many2one(
        "lohi.storage.condition",
        string="Storage Condition",
        help="Condition this zone keeps (temperature and humidity). Sub-locations inherit "
        "it; only products of the same condition may enter (STK-1).",
    )
    lohi_destruction_area = fields.Boolean(
        string="Destruction Area",
        help="Unfit goods (broken, discoloured, mouldy, insect-damaged, expired) wait here, "
        "apart from saleable stock, and leave only through an approved destruction "
        "application (STK-11).",
    )
    lohi_effective_condition_id = fields.Many2one(
        "lohi.storage.condition",
        string="Effective Storage Condition",
        compute="_compute_lohi_effective_condition_id",
        help="The location's own storage condition, or that of its nearest parent.",
    )

    @api.depends("lohi_storage_condition_id", "location_id")
    def _compute_lohi_effective_condition_id(self):
        conditions = self._lohi_effective_conditions()
        for location in self:
            location.lohi_effective_condition_id = conditions.get(location.id, False)

    def _lohi_in_destruction_area(self):
        """True when this location or one of its parents is flagged as destruction area."""
        self.ensure_one()
        ids = [int(p) for p in (self.parent_path or "").split("/") if p] or [self.id]
        return any(
            self.sudo().browse(ids).with_context(active_test=False).mapped("lohi_destruction_area")
        )

    def _lohi_effective_conditions(self):
        """Map location id -> nearest storage condition (own or ancestor), one query."""
        locations = self.filtered("id")
        if not locations:
            return {}
        ancestor_ids = {
            int(part) for loc in locations for part in (loc.parent_path or "").split("/") if part
        }
        ancestors = self.browse(ancestor_ids).with_context(active_test=False)
        own = {loc.id: loc.lohi_storage_condition_id for loc in ancestors}
        result = {}
        for loc in locations:
            path = [int(p) for p in (loc.parent_path or "").split("/") if p]
            condition = self.env["lohi.storage.condition"]
            for loc_id in reversed(path):
                if own.get(loc_id):
                    condition = own[loc_id]
                    break
            result[loc.id] = condition
        return result

    def _get_putaway_strategy(
        self, product, quantity=0, package=None, packaging=None, additional_qty=None
    ):
        """After Odoo's putaway rules, send a product with a storage condition to a zone
        of the same condition under the chosen location when that location does not
        match (STK-1)."""
        location = super()._get_putaway_strategy(
            product,
            quantity=quantity,
            package=package,
            packaging=packaging,
            additional_qty=additional_qty,
        )
        condition = product.product_tmpl_id.lohi_storage_condition_id
        if not condition or not location or location.usage != "internal":
            return location
        if location.lohi_effective_condition_id == condition:
            return location
        zone = self.env["stock.location"].search(
            [
                ("id", "child_of", location.id),
                ("usage", "=", "internal"),
                ("lohi_storage_condition_id", "=", condition.id),
            ],
            order="complete_name",
            limit=1,
        )
        return zone or location
