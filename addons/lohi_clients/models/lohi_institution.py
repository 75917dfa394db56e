from odoo import fields, models


class LohiInstitution(models.Model):
    """A partner institution (机构 / 合作单位 / 加盟机构) that refers clients (CLI-9).

    The institution is a company contact (``_inherits`` res.partner, as res.company
    does), so its portal users are that contact's children and record rules key on the
    user's commercial partner.
    """

    _name = "lohi.institution"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Partner Institution"
    _order = "name, id"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True, auto_join=True
    )
    person_in_charge = fields.Char(tracking=True)
    cooperation_mode = fields.Selection(
        [
            ("franchise", "Franchise"),
            ("cooperation", "Cooperation"),
            ("referral", "Referral"),
            ("other", "Other"),
        ],
        required=True,
        default="cooperation",
        tracking=True,
    )
    cooperation_projects = fields.Text(help="What the institution and Lohi do together.")
    agreement_date = fields.Date(tracking=True)
    agreement_attachment_ids = fields.Many2many(
        "ir.attachment",
        "lohi_institution_agreement_rel",
        "institution_id",
        "attachment_id",
        string="Agreement Documents",
    )
    state = fields.Selection(
        [
            ("prospect", "Prospect"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
        ],
        string="Cooperation Status",
        required=True,
        default="prospect",
        tracking=True,
        index=True,
    )
    centre_id = fields.Many2one("lohi.centre", string="Serving Centre", tracking=True, index=True)
