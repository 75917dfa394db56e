from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class LohiConsent(models.Model):
    """A consent to share reports names the institution it is given to (POR-1): a client
    referred later by another institution has not consented to that one."""

    _inherit = "lohi.consent"

    institution_id = fields.Many2one(
        "lohi.institution",
        string="Shared with Institution",
        compute="_compute_institution_id",
        store=True,
        readonly=False,
        index=True,
        help="For a consent to share reports: the partner institution that may download the "
        "client's reviewed reports on its portal.",
    )

    @api.depends("scope", "partner_id")
    def _compute_institution_id(self):
        for consent in self:
            if consent.scope != "institution":
                consent.institution_id = False
            elif not consent.institution_id:
                consent.institution_id = consent.partner_id.lohi_institution_id

    @api.constrains("scope", "institution_id")
    def _check_institution_id(self):
        for consent in self:
            if consent.scope == "institution" and not consent.institution_id:
                raise ValidationError(
                    self.env._(
                        "A consent to share reports names the institution: %(consent)s.",
                        consent=consent.display_name,
                    )
                )

    def write(self, vals):
        if "institution_id" in vals and not self.env.su:
            for consent in self:
                if consent.institution_id and consent.institution_id.id != vals["institution_id"]:
                    raise UserError(
                        self.env._(
                            "A recorded consent cannot be altered. Withdraw it and record a "
                            "new one."
                        )
                    )
        return super().write(vals)
