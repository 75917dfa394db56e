from odoo import api, fields, models
from odoo.exceptions import UserError


class StockScrap(models.Model):
    """STK-11: nothing leaves the destruction area except by an approved destruction."""

    _inherit = "stock.scrap"

    lohi_destruction_id = fields.Many2one(
        "lohi.stock.destruction", string="Destruction Application", readonly=True, index=True
    )

    def _lohi_check_destruction_area(self, location, destruction_id):
        if not location._lohi_in_destruction_area():
            return
        destruction = self.env["lohi.stock.destruction"].sudo().browse(destruction_id or [])
        if (
            not destruction.exists()
            or destruction.state != "approved"
            or destruction.location_id != location
            or self.env.context.get("lohi_destruction_id") != destruction.id
        ):
            raise UserError(
                self.env._(
                    "%(location)s is a destruction area: its goods are destroyed only "
                    "through an approved destruction application.",
                    location=location.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        scraps = super().create(vals_list)
        for scrap in scraps:
            self._lohi_check_destruction_area(scrap.location_id, scrap.lohi_destruction_id.id)
        return scraps

    def do_scrap(self):
        for scrap in self:
            self._lohi_check_destruction_area(scrap.location_id, scrap.lohi_destruction_id.id)
        return super().do_scrap()
