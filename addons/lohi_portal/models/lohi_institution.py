from odoo import api, models


class LohiInstitution(models.Model):
    _inherit = "lohi.institution"

    @api.model
    def _lohi_portal_current(self):
        """The institution of the current portal user, read as that user: the record rule
        of lohi_clients (the user's commercial partner) decides, not this method (POR-2).
        Empty for anyone who is not an institution's portal user."""
        user = self.env.user
        if self.env.su or not user.has_group("lohi_clients.group_institution_portal"):
            return self.browse()
        return self.search(
            [
                ("partner_id", "=", user.partner_id.commercial_partner_id.id),
                ("state", "=", "active"),
            ],
            limit=1,
        )
