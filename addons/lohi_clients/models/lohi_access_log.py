from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import SQL


class LohiAccessLog(models.Model):
    """Who opened which client's clinical data, when and from where (X-5, PIPL).

    Append-only: rows are written by ``_record_access`` in one INSERT per read; the ORM
    refuses every write and unlink, and a database trigger refuses UPDATE and DELETE from
    any client.
    """

    _name = "lohi.access.log"
    _description = "Clinical Data Access Log"
    _order = "id desc"
    _log_access = False  # its own create_date/uid columns below; no write_* columns

    create_date = fields.Datetime(string="When", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Who", readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", readonly=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(
        [
            ("read", "Archive Read"),
            ("consultation", "Consultation Read"),
            ("report", "Report Download"),
            ("export", "Export"),
            ("portal", "Portal View"),
        ],
        readonly=True,
        index=True,
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_ids = fields.Char(string="Document IDs", readonly=True)
    field_names = fields.Char(string="Fields", readonly=True)
    remote_addr = fields.Char(string="From", readonly=True)

    def init(self):
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION lohi_access_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'lohi_access_log is append-only';
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS lohi_access_log_append_only ON lohi_access_log;
            CREATE TRIGGER lohi_access_log_append_only
                BEFORE UPDATE OR DELETE ON lohi_access_log
                FOR EACH ROW EXECUTE FUNCTION lohi_access_log_append_only();
            """
        )

    # The ORM entry points refuse on purpose: no super() call.
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise AccessError(self.env._("The access log is written by the system only."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise AccessError(self.env._("The access log cannot be changed."))

    def unlink(self):  # pylint: disable=method-required-super
        raise AccessError(self.env._("The access log cannot be deleted."))

    @api.model
    def _record_access(self, partners, kind, field_names, records=None):
        """Append one row per client: a single INSERT for the whole batch."""
        if not partners:
            return
        remote = None
        try:
            remote = request.httprequest.remote_addr if request else None
        except RuntimeError:
            remote = None
        model = records._name if records is not None else "res.partner"
        ids = ",".join(str(i) for i in (records.ids if records is not None else partners.ids))
        fields_text = ",".join(sorted(set(field_names)))[:1000]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO lohi_access_log
                    (create_date, user_id, partner_id, kind, res_model, res_ids, field_names,
                     remote_addr)
                SELECT now() AT TIME ZONE 'UTC', %s, pid, %s, %s, %s, %s, %s
                  FROM unnest(%s::int[]) AS pid
                """,
                self.env.uid,
                kind,
                model,
                ids[:2000],
                fields_text,
                remote,
                list(set(partners.ids)),
            )
        )
