import calendar
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .ir_fields import CACHE_KEY as IMPORT_REFERENCE_CACHE
from .lohi_care import today_in_china

# The mandatory set of a client archive (CLI-1), checked on the server for every entry
# point (form, import, RPC) and backed by a CHECK constraint in the database.
CLIENT_REQUIRED = (
    "name",
    "lohi_birthdate",
    "mobile",
    "lohi_doctor_id",
    "lohi_health_manager_id",
    "lohi_centre_id",
    "lohi_source",
    "lohi_remark",
)
# Clinical content (SPEC §0): only clinical roles read it; storing it needs the client's
# separate consent (PIPL art. 29); reading it is logged.
CLINICAL_FIELDS = ("lohi_medical_history",)
CJK = re.compile(r"^[\u3400-\u9fff]+$")
# pg_trgm can use its index for a LIKE pattern with a run of three word characters
TRIGRAM_WORD = re.compile(r"\w{3}")
# Up to this many matching partners, a fuzzy search reads their ids first (see
# _lohi_fuzzy_domain).
FUZZY_MAX_IDS = 20_000
# Clients per batch of the care crons; the cron worker commits a batch and runs the next
# one at once. Birthdays and re-visits give each client an activity (created without the
# assignment e-mail, which cost ~9 queries, ~15 ms each); holiday greetings only queue SMS.
CARE_BATCH = 1000
HOLIDAY_BATCH = 1000
# The work left is counted up to this many clients.
CARE_COUNT_CAP = 100_000


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "lohi.access.logged.mixin"]
    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "lohi_archive_no",
        "lohi_card_no",
        "lohi_phone_digits",
    ]

    lohi_institution_ids = fields.One2many(
        "lohi.institution", "partner_id", string="Institution Records"
    )
    # ------------------------------------------------------------------ archive (CLI-1)
    lohi_is_client = fields.Boolean(
        string="Is a Client",
        index=True,
        copy=False,
        help="A client of the chain with a health archive.",
    )
    lohi_archive_no = fields.Char(
        string="Archive No.",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given automatically when the first consultation is saved; never reused.",
    )
    lohi_archive_date = fields.Date(
        string="Archive Date", default=fields.Date.context_today, copy=False, index=True
    )
    lohi_card_no = fields.Char(string="Member Card No.", copy=False, index="trigram")
    lohi_birthdate = fields.Date(string="Birth Date")
    lohi_age = fields.Integer(string="Age", compute="_compute_lohi_age")
    lohi_birthday_md = fields.Char(
        string="Birthday (MM-DD)",
        compute="_compute_lohi_birthday_md",
        store=True,
        index=True,
        help="Month and day of birth, for the daily birthday list.",
    )
    lohi_gender = fields.Selection([("male", "Male"), ("female", "Female")], string="Gender")
    lohi_doctor_id = fields.Many2one(
        "res.users",
        string="Functional Doctor",
        index=True,
        domain=[("share", "=", False)],
        tracking=True,
    )
    lohi_health_manager_id = fields.Many2one(
        "res.users",
        string="Health Manager",
        index=True,
        domain=[("share", "=", False)],
        tracking=True,
    )
    lohi_centre_id = fields.Many2one(
        "lohi.centre", string="Branch Centre", index=True, tracking=True
    )
    lohi_source = fields.Selection(
        [
            ("channel", "Channel"),
            ("institution", "Institution"),
            ("walk_in", "Walk-in"),
            ("hotline", "400 Hotline"),
        ],
        string="Client Source",
        tracking=True,
    )
    lohi_source_channel = fields.Char(
        string="Channel Name", help="Which channel brought the client."
    )
    lohi_institution_id = fields.Many2one(
        "lohi.institution",
        string="Referring Institution",
        index=True,
        tracking=True,
        help="The partner institution that referred the client; its portal users see them.",
    )
    lohi_remark = fields.Text(string="Remark")
    lohi_phone_digits = fields.Char(
        string="Phone Digits",
        compute="_compute_lohi_phone_digits",
        store=True,
        index="trigram",
        help="Digits of phone and mobile, for search.",
    )
    lohi_family_members = fields.Text(string="Family Members")
    lohi_personality = fields.Char(string="Personality")
    lohi_interests = fields.Char(string="Interests")
    lohi_hobbies = fields.Char(string="Hobbies")
    lohi_special_needs = fields.Text(string="Special Service Needs")
    lohi_tier = fields.Selection(
        [("regular", "Regular"), ("key", "Key Client"), ("vip", "VIP")],
        string="Tier",
        default="regular",
        tracking=True,
    )
    lohi_vip_consultant_id = fields.Many2one(
        "res.users",
        string="VIP Consultant",
        readonly=True,
        help="Assigned when the VIP screening is confirmed (CLI-14).",
    )
    lohi_accepts_messages = fields.Boolean(
        string="Accepts Messages",
        default=True,
        help="Birthday and holiday greetings and marketing messages are sent only to clients "
        "who accept them.",
    )
    # ------------------------------------------------------------------ clinical
    lohi_medical_history = fields.Text(
        string="Basic Medical History", groups="lohi_clients.group_clinical"
    )
    lohi_consent_ids = fields.One2many("lohi.consent", "partner_id", string="Consents")
    lohi_clinical_consent = fields.Boolean(
        string="Clinical Consent",
        compute="_compute_lohi_clinical_consent",
        help="The client has given, and not withdrawn, separate consent to the processing of "
        "their health data.",
    )
    lohi_consultation_ids = fields.One2many(
        "lohi.consultation",
        "partner_id",
        string="Consultations",
        groups="lohi_clients.group_clinical",
    )
    lohi_consultation_count = fields.Integer(
        string="Consultation Count",
        compute="_compute_lohi_consultation_count",
        groups="lohi_clients.group_clinical",
    )

    lohi_timeline_count = fields.Integer(string="Timeline", compute="_compute_lohi_spend")
    lohi_spend_total = fields.Float(
        string="Total Spend",
        compute="_compute_lohi_spend",
        help="Sum of every paid service and product sale on the client's timeline (CLI-15).",
    )

    _sql_constraints = [
        (
            "lohi_archive_no_uniq",
            "unique(lohi_archive_no)",
            "This archive number is already used by another client.",
        ),
        (
            "lohi_card_no_uniq",
            "unique(lohi_card_no)",
            "This member card number is already used by another client.",
        ),
        (
            "lohi_client_mandatory",
            (
                "CHECK(lohi_is_client IS NOT TRUE OR (lohi_birthdate IS NOT NULL AND "
                "mobile IS NOT NULL AND lohi_doctor_id IS NOT NULL AND "
                "lohi_health_manager_id IS NOT NULL AND lohi_centre_id IS NOT NULL AND "
                "lohi_source IS NOT NULL AND lohi_remark IS NOT NULL))"
            ),
            (
                "A client needs birth date, mobile, functional doctor, health manager, branch "
                "centre, client source and remark."
            ),
        ),
    ]

    def init(self):
        res = super().init()
        # complete_name only has Odoo's btree index; the fuzzy search (CLI-4) needs a
        # trigram index on it, and on the other columns name_search looks in.
        for column in ("complete_name", "email", "ref", "vat", "company_registry"):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON res_partner USING gin (%s gin_trgm_ops)",
                    SQL.identifier(f"res_partner__lohi_{column}_trgm"),
                    SQL.identifier(column),
                )
            )
        # A GIN index takes new rows into a pending list that every search reads in full
        # until it is merged (at 4 MB by default, or by autovacuum). At a million clients,
        # after 40,000 inserts the list made a 3-character search 10 ms instead of 2.5
        # (issue 10): the client search indexes merge theirs at 128 kB.
        self.env.cr.execute(
            """SELECT c.relname FROM pg_index i
                 JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_class t ON t.oid = i.indrelid
                 JOIN pg_am am ON am.oid = c.relam
                WHERE t.relname = 'res_partner' AND am.amname = 'gin'
                  AND pg_get_indexdef(i.indexrelid) LIKE '%%gin_trgm_ops%%'
                  AND NOT coalesce(c.reloptions, '{}') @> ARRAY['gin_pending_list_limit=128']"""
        )
        for (index,) in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL("ALTER INDEX %s SET (gin_pending_list_limit = 128)", SQL.identifier(index))
            )
        return res

    # ------------------------------------------------------------------ computes
    @api.depends("lohi_birthdate")
    def _compute_lohi_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            born = partner.lohi_birthdate
            partner.lohi_age = relativedelta(today, born).years if born else 0

    @api.depends("lohi_birthdate")
    def _compute_lohi_birthday_md(self):
        for partner in self:
            born = partner.lohi_birthdate
            partner.lohi_birthday_md = born.strftime("%m-%d") if born else False

    @api.depends("phone", "mobile")
    def _compute_lohi_phone_digits(self):
        for partner in self:
            digits = [re.sub(r"\D", "", n or "") for n in (partner.mobile, partner.phone)]
            partner.lohi_phone_digits = " ".join(d for d in digits if d) or False

    @api.depends("lohi_consent_ids.state", "lohi_consent_ids.scope")
    def _compute_lohi_clinical_consent(self):
        for partner in self:
            partner.lohi_clinical_consent = any(
                c.state == "given" and c.scope == "clinical" for c in partner.lohi_consent_ids
            )

    def _compute_lohi_spend(self):
        rows = self.env["lohi.timeline"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count", "amount:sum"]
        )
        totals = {partner: (count, amount) for partner, count, amount in rows}
        for partner in self:
            partner.lohi_timeline_count, partner.lohi_spend_total = totals.get(partner, (0, 0.0))

    def action_lohi_open_timeline(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("lohi_clients.lohi_timeline_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    def _compute_lohi_consultation_count(self):
        counts = dict(
            self.env["lohi.consultation"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lohi_consultation_count = counts.get(partner, 0)

    # ------------------------------------------------------------------ constraints
    @api.constrains(*CLIENT_REQUIRED, "lohi_is_client", "lohi_institution_id")
    def _check_lohi_client_mandatory(self):
        for partner in self.filtered("lohi_is_client"):
            self._lohi_check_client_values(
                {f: partner[f] for f in (*CLIENT_REQUIRED, "lohi_institution_id")}
            )

    def _lohi_check_client_values(self, values):
        """Raise a ValidationError naming what a client archive lacks (CLI-1)."""
        labels = self._fields
        name = values.get("name") or self.env._("(no name)")
        missing = [
            labels[f].get_description(self.env)["string"]
            for f in CLIENT_REQUIRED
            if not values.get(f) or (isinstance(values[f], str) and not values[f].strip())
        ]
        if missing:
            raise ValidationError(
                self.env._(
                    "The client archive of %(client)s is missing: %(fields)s.",
                    client=name,
                    fields=self.env._(", ").join(missing),
                )
            )
        if values.get("lohi_source") == "institution" and not values.get("lohi_institution_id"):
            raise ValidationError(
                self.env._(
                    "%(client)s came through an institution: choose the referring institution.",
                    client=name,
                )
            )
        birthdate = fields.Date.to_date(values.get("lohi_birthdate"))
        if birthdate and birthdate > date.today():
            raise ValidationError(
                self.env._("The birth date of %(client)s lies in the future.", client=name)
            )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("lohi_archive_no") and not self.env.su:
                raise UserError(self.env._("The archive number is given by the system."))
            self._lohi_check_vip_vals(vals)
            # Check before the INSERT, so the user gets the named fields rather than the
            # database's CHECK violation. Only clients need it: computing every default a
            # second time for each contact, company or user would double their cost.
            if vals.get("lohi_is_client") or (
                "lohi_is_client" not in vals and self.env.context.get("default_lohi_is_client")
            ):
                self._lohi_check_client_values(self._lohi_with_client_defaults(vals))
        partners = super().create(vals_list)
        partners._lohi_check_clinical_write(vals_list)
        return partners

    def _lohi_with_client_defaults(self, vals):
        """vals completed with the defaults of the fields the client check looks at only:
        computing every default of res.partner (account's invoice template default runs a
        search_count) cost a query per imported client (issue 10, import rate)."""
        checked = (*CLIENT_REQUIRED, "name", "lohi_institution_id")
        missing = [f for f in checked if f not in vals]
        return {**self.default_get(missing), **vals} if missing else vals

    def load(self, fields, data):
        # one lookup per referenced centre/doctor/health manager, not per row
        # (see ir_fields.py)
        return super(ResPartner, self.with_context(**{IMPORT_REFERENCE_CACHE: {}})).load(
            fields, data
        )

    def _lohi_check_vip_vals(self, vals):
        if self.env.su:
            return
        if vals.get("lohi_tier") == "vip" or "lohi_vip_consultant_id" in vals:
            raise UserError(
                self.env._("A client becomes a VIP only through the VIP screening flow.")
            )

    def write(self, vals):
        self._lohi_check_vip_vals(vals)
        if "lohi_archive_no" in vals and not self.env.su:
            raise UserError(
                self.env._("The archive number is given by the system and cannot be changed.")
            )
        self._lohi_check_clinical_write([vals])
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        # read(), search_read() and the web client's web_read/web_search_read all end here,
        # so every way of reading clinical fields through the ORM writes the log.
        result = super()._read_format(fnames, load=load)
        clinical = [f for f in fnames if f in CLINICAL_FIELDS]
        if clinical and not self.env.su:
            self.env["lohi.access.log"]._record_access(
                self.filtered("lohi_is_client"), "read", clinical
            )
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        clinical = [f for f in (p.split("/")[0] for p in fields_to_export) if f in CLINICAL_FIELDS]
        if clinical and not self.env.su:
            self.env["lohi.access.log"]._record_access(
                self.filtered("lohi_is_client"), "export", clinical
            )
        return result

    # ------------------------------------------------------------------ consent
    def _lohi_check_clinical_write(self, vals_list):
        """No clinical data without the client's separate consent (PIPL)."""
        if not any(vals.get(f) for vals in vals_list for f in CLINICAL_FIELDS):
            return
        self._lohi_check_clinical_consent()

    def _lohi_check_clinical_consent(self):
        for partner in self:
            if not partner.lohi_clinical_consent:
                raise UserError(
                    self.env._(
                        "%(client)s has not given separate consent to the processing of health "
                        "data (or has withdrawn it). Record the signed consent before entering "
                        "clinical data.",
                        client=partner.display_name,
                    )
                )

    # ------------------------------------------------------------------ archive number
    def _lohi_assign_archive_no(self):
        """Give clients without an archive number the next one of the sequence (CLI-2).

        The UPDATE only fills an empty number, so two consultations saved at the same
        instant for one client cannot give it two numbers (the second waits for the first
        one's row lock, then finds the number set). A number drawn and not used is a gap,
        never reused.
        """
        sequence = self.env["ir.sequence"].sudo()
        todo = self.filtered(lambda p: not p.lohi_archive_no).sorted("id")
        for partner in todo:
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET lohi_archive_no = %s WHERE id = %s "
                    "AND lohi_archive_no IS NULL",
                    sequence.next_by_code("lohi.client.archive"),
                    partner.id,
                )
            )
        todo.invalidate_recordset(["lohi_archive_no"])

    # ------------------------------------------------------------------ search (CLI-4)
    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "=ilike", "like") and isinstance(value, str):
            text = value.strip()
            if len(text) == 2 and CJK.match(text):
                # Trigrams need three characters: a two-character Chinese name is matched
                # as a prefix, which the btree index on name answers.
                return [("name", "=like", f"{text}%")]
            digits = re.sub(r"[\s\-()+]", "", text)
            if digits.isdigit() and len(digits) >= 3:
                # A phone typed with spaces or dashes: search the digits. Digits only: a
                # phone, an archive or card number, a QQ mail address or a reference;
                # never a name (five trigram columns instead of eight).
                fnames = (
                    ("lohi_phone_digits",)
                    if digits != text
                    else ("lohi_phone_digits", "lohi_archive_no", "lohi_card_no", "email", "ref")
                )
                if operator == "ilike":
                    return self._lohi_fuzzy_domain(fnames, digits)
                return expression.OR([(fname, operator, digits)] for fname in fnames)
            if operator == "ilike" and TRIGRAM_WORD.search(text):
                return self._lohi_fuzzy_domain(self._rec_names_search, value)
        return super()._search_display_name(operator, value)

    @api.model
    def _lohi_fuzzy_domain(self, fnames, text):
        """The partners whose columns contain ``text``, found through the trigram indexes
        first (issue 10).

        As a plain condition next to the record rules, PostgreSQL plans the search by the
        rules' estimate and walks the complete_name index in list order, filtering every
        partner until 80 match: the whole table for a rare name (0.1 s at 100,000
        clients, ~1 s at a million). So the matching ids are read first (the trigram
        indexes, OR-ed in a bitmap) and the rules and the order apply to those rows only.
        A term shared by more than FUZZY_MAX_IDS partners (a mail domain, say) keeps the
        plain condition: its matches are dense and the walk finds the first 80 at once,
        where reading every id took 1.7 s for 850,000 matches."""
        pattern = f"%{text}%"
        matches = SQL(" OR ").join(
            SQL("%s ILIKE %s", SQL.identifier(fname), pattern) for fname in fnames
        )
        self.flush_model(list(fnames))
        self.env.cr.execute(
            SQL("SELECT id FROM res_partner WHERE %s LIMIT %s", matches, FUZZY_MAX_IDS + 1)
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if len(ids) <= FUZZY_MAX_IDS:
            return [("id", "in", ids)]
        return expression.OR([(fname, "ilike", text)] for fname in fnames)

    # ------------------------------------------------------------------ actions
    def action_lohi_open_consultations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "lohi_clients.lohi_consultation_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------------ personal care (CLI-13)
    def _lohi_salutation(self):
        """王先生 / 李女士, as the seeds' messages address clients."""
        self.ensure_one()
        name = self.name or ""
        title = {"male": "先生", "female": "女士"}.get(self.lohi_gender, "")
        return f"{name[:1]}{title}" if title and name else name

    @api.model
    def _lohi_care_query(self, domain, kind, key, bound):
        """Query of the clients in ``domain`` without a care event ``kind``/``key`` yet
        (NOT EXISTS on the event's (kind, key, partner_id) index), whose id is above
        (``bound`` ``">"``) or at most (``"<="``) the highest id cared for so far.

        The crons take clients in id order, so the clients above that id are the work
        left and each batch starts where the last one stopped; those below are the rare
        clients that joined a group after the run passed them."""
        self.env["lohi.care.event"].flush_model(["partner_id", "kind", "key"])
        query = self._search(domain)
        partner_id = SQL.identifier(query.table, "id")
        last = SQL(
            "(SELECT coalesce(max(partner_id), 0) FROM lohi_care_event"
            " WHERE kind = %s AND key = %s)",
            kind,
            key,
        )
        query.add_where(
            SQL(
                "NOT EXISTS (SELECT 1 FROM lohi_care_event e"
                " WHERE e.kind = %s AND e.key = %s AND e.partner_id = %s)",
                kind,
                key,
                partner_id,
            )
        )
        query.add_where(SQL("%s %s %s", partner_id, SQL(bound), last))
        return query

    @api.model
    def _lohi_care_batch(self, todos, batch):
        """The next clients to care for: at most ``batch`` clients in id order over
        ``todos``, a list of ``(domain, kind, key)`` taken in turn; one recordset per
        item."""
        found, left = [], batch
        for domain, kind, key in todos:
            ids = []
            for bound in (">", "<="):
                if len(ids) >= left:
                    break
                query = self._lohi_care_query(domain, kind, key, bound)
                query.order = SQL.identifier(query.table, "id")
                query.limit = left - len(ids)
                ids += [row[0] for row in self.env.execute_query(query.select())]
            found.append(self.browse(ids))
            left -= len(ids)
        return found

    @api.model
    def _lohi_care_progress(self, todos, done, batch):
        """Tell the cron worker (``ir.cron._notify_progress``) how many clients this batch
        did and how many are left. A short batch took everything (0 left); after a full
        one the clients left are counted in SQL, at most CARE_COUNT_CAP of them so that
        counting stays cheap at a million clients (the worker only needs to know that
        work remains)."""
        remaining = 0
        if done >= batch:
            self.env.flush_all()
            for domain, kind, key in todos:
                for bound in (">", "<="):
                    query = self._lohi_care_query(domain, kind, key, bound)
                    query.limit = CARE_COUNT_CAP
                    [(count,)] = self.env.execute_query(
                        SQL("SELECT count(*) FROM (%s) AS todo", query.select(SQL("1")))
                    )
                    remaining += count
                    if remaining:
                        break
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    @api.model
    def _cron_lohi_birthdays(self, today=None, batch=CARE_BATCH):
        """Daily (CLI-13): remind each health manager of today's birthdays and greet the
        clients who accept messages. Idempotent through lohi.care.event. One call does
        at most ``batch`` clients; the cron worker commits and calls again while clients
        remain."""
        today = today or today_in_china()
        days = [today.strftime("%m-%d")]
        if today.month == 2 and today.day == 28 and not calendar.isleap(today.year):
            days.append("02-29")
        key = str(today.year)
        todos = [
            ([("lohi_is_client", "=", True), ("lohi_birthday_md", "in", days)], "birthday", key)
        ]
        [clients] = self._lohi_care_batch(todos, batch)
        if clients:
            clients._lohi_care_birthdays(key, today)
        self._lohi_care_progress(todos, len(clients), batch)

    def _lohi_care_birthdays(self, key, today):
        clients = self
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        # A daily batch of reminders: they show in the health manager's activities, not
        # as one assignment e-mail each (~9 queries and 15 ms per activity, issue 10).
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": client.id,
                    "activity_type_id": todo_type.id,
                    "summary": self.env._("Birthday today: %(client)s", client=client.name),
                    "user_id": client.lohi_health_manager_id.id,
                    "date_deadline": today,
                }
                for client in clients
                if client.lohi_health_manager_id
            ]
        )
        greet = clients.filtered(lambda c: c.lohi_accepts_messages and c.mobile)
        messages = self.env["lohi.sms.message"]._queue(
            [
                {
                    "partner_id": client.id,
                    "number": client.mobile,
                    "body": self.env._(
                        "Dear %(salutation)s, all of us at Lohi Health wish you a happy "
                        "birthday and good health!",
                        salutation=client._lohi_salutation(),
                    ),
                    "origin": self.env._("Birthday greeting"),
                    "dedupe_key": f"birthday:{key}:{client.id}",
                }
                for client in greet
            ]
        )
        sms_by_partner = {m.partner_id.id: m.id for m in messages}
        self.env["lohi.care.event"].create(
            [
                {
                    "partner_id": client.id,
                    "kind": "birthday",
                    "key": key,
                    "date": today,
                    "sms_id": sms_by_partner.get(client.id),
                }
                for client in clients
            ]
        )

    @api.model
    def _cron_lohi_holidays(self, today=None, batch=HOLIDAY_BATCH):
        """Daily (CLI-13): on a configured holiday, greet every client who accepts
        messages; at most ``batch`` clients per call, the cron worker calls again while
        clients remain."""
        today = today or today_in_china()
        holidays = self.env["lohi.holiday"].search([("date", "=", today)])
        keys = [f"{holiday.name}:{holiday.date}" for holiday in holidays]
        domain = [
            ("lohi_is_client", "=", True),
            ("lohi_accepts_messages", "=", True),
            ("mobile", "!=", False),
        ]
        todos = [(domain, "holiday", key) for key in keys]
        found = self._lohi_care_batch(todos, batch)
        Event = self.env["lohi.care.event"]
        for holiday, key, clients in zip(holidays, keys, found, strict=True):
            if not clients:
                continue
            messages = self.env["lohi.sms.message"]._queue(
                [
                    {
                        "partner_id": client.id,
                        "number": client.mobile,
                        "body": holiday.greeting.replace("{name}", client._lohi_salutation()),
                        "origin": holiday.name,
                        "dedupe_key": f"holiday:{key}:{client.id}",
                    }
                    for client in clients
                ]
            )
            sms_by_partner = {m.partner_id.id: m.id for m in messages}
            Event.create(
                [
                    {
                        "partner_id": client.id,
                        "kind": "holiday",
                        "key": key,
                        "date": today,
                        "sms_id": sms_by_partner.get(client.id),
                    }
                    for client in clients
                ]
            )
        self._lohi_care_progress(todos, sum(len(c) for c in found), batch)
