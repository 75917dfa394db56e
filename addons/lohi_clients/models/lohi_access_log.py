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


def read_write(method):
    """Mark an ORM read method as needing a read/write cursor over RPC.

    Odoo 18 runs read methods (read, search_read, web_read, web_search_read) in a
    read-only transaction; a model whose reads write the access log (X-5) would fail
    there and be retried with a read/write cursor after an ERROR and a WARNING in the log.
    ``/web/dataset/call_kw`` asks the resolved method's ``_readonly`` flag, so the models
    that log their reads say False once, here."""
    method._readonly = False
    return method


class LohiAccessLoggedMixin(models.AbstractModel):
    """For models whose reads write the access log: their read methods run on a
    read/write cursor over RPC (see ``read_write``)."""

    _name = "lohi.access.logged.mixin"
    _description = "Reads Logged in the Access Log"

    @read_write
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    @api.model
    @read_write
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **kwargs
        )

    @read_write
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    @read_write
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Odoo checks the groups of the fields a domain names that have a column, not of
        # one2many or computed ones: ('lohi_consultation_ids', '!=', False) told a
        # non-clinical role which clients had a consultation. Every field the suite guards
        # with its groups is checked (Odoo's own fields keep Odoo's behaviour).
        if not self.env.su and domain:
            names = {
                leaf[0].split(".", 1)[0]
                for leaf in domain
                if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str)
            }
            guarded = [
                name
                for name in names
                if name in self._fields and "lohi_clients." in (self._fields[name].groups or "")
            ]
            if guarded:
                self.check_field_access_rights("read", guarded)
        return super()._search(domain, offset=offset, limit=limit, order=order)
