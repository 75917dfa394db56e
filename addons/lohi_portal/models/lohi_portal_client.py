from odoo import fields, models, tools
from odoo.tools import SQL


class LohiPortalClient(models.Model):
    """What a partner institution may see of a client it referred (POR-1): a read-only
    projection of the client archive with a few fields and no clinical content.

    Portal users never read ``res.partner`` clients themselves (lohi_clients' global rule);
    they read this view, filtered by the record rule on the institution (POR-2).
    """

    _name = "lohi.portal.client"
    _description = "Referred Client (Portal)"
    _auto = False
    _order = "name, id"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    name = fields.Char(readonly=True)
    archive_no = fields.Char(string="Archive No.", readonly=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], readonly=True)
    age = fields.Integer(readonly=True)
    mobile_masked = fields.Char(string="Mobile", readonly=True)
    archive_date = fields.Date(readonly=True)
    centre_id = fields.Many2one("lohi.centre", string="Branch Centre", readonly=True)
    institution_id = fields.Many2one(
        "lohi.institution", string="Referring Institution", readonly=True
    )
    institution_partner_id = fields.Many2one("res.partner", readonly=True)
    report_sharing = fields.Boolean(
        string="Reports Shared",
        readonly=True,
        help="The client consented to share reviewed reports with this institution.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT p.id AS id,
                           p.id AS partner_id,
                           p.name AS name,
                           p.lohi_archive_no AS archive_no,
                           p.lohi_gender AS gender,
                           COALESCE(date_part('year', age(p.lohi_birthdate)), 0)::int AS age,
                           CASE WHEN length(p.mobile) >= 7
                                THEN left(regexp_replace(p.mobile, '\\D', '', 'g'), 3)
                                     || '****'
                                     || right(regexp_replace(p.mobile, '\\D', '', 'g'), 4)
                           END AS mobile_masked,
                           p.lohi_archive_date AS archive_date,
                           p.lohi_centre_id AS centre_id,
                           p.lohi_institution_id AS institution_id,
                           i.partner_id AS institution_partner_id,
                           EXISTS (
                               SELECT 1 FROM lohi_consent c
                                WHERE c.partner_id = p.id
                                  AND c.scope = 'institution'
                                  AND c.state = 'given'
                                  AND c.institution_id = p.lohi_institution_id
                           ) AS report_sharing
                      FROM res_partner p
                      JOIN lohi_institution i ON i.id = p.lohi_institution_id
                     WHERE p.lohi_is_client AND p.active
                )
                """,
                SQL.identifier(self._table),
            )
        )
