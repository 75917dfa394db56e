from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Portal users per batch of the quarterly institution survey (one e-mail each).
INVITE_BATCH = 100

CHANNELS = [
    ("onsite", "On Site"),
    ("phone", "Phone"),
    ("link", "SMS / E-mail Link"),
    ("online", "Online"),
    ("third_party", "Third Party"),
]
ORIGINS = [
    ("appointment", "Appointment"),
    ("lab_order", "Lab Order"),
    ("call", "Call"),
    ("sale", "Sale"),
    ("top_spender", "Top Spender Call-back"),
    ("institution", "Institution Quarterly Survey"),
    ("other", "Other"),
]


class SurveyUserInput(models.Model):
    """A client's (or institution's) answers, tied to who, where and why (SUR-1)."""

    _inherit = "survey.user_input"

    lohi_kind = fields.Selection(related="survey_id.lohi_kind", store=True, index=True)
    lohi_centre_id = fields.Many2one("lohi.centre", string="Centre", index=True)
    lohi_doctor_id = fields.Many2one(
        "res.users", string="Doctor", index=True, domain=[("share", "=", False)]
    )
    lohi_origin = fields.Selection(ORIGINS, string="Origin", default="other", index=True)
    lohi_appointment_id = fields.Many2one(
        "lohi.appointment", string="Appointment", index="btree_not_null", ondelete="set null"
    )
    lohi_lab_order_id = fields.Many2one(
        "lohi.lab.order", string="Lab Order", index="btree_not_null", ondelete="set null"
    )
    lohi_channel = fields.Selection(CHANNELS, string="Channel", default="link", index=True)
    lohi_entered_by_id = fields.Many2one(
        "res.users",
        string="Entered By",
        readonly=True,
        help="The agent or health manager who entered the client's answers (SUR-3).",
    )
    lohi_suggestion = fields.Text(
        string="Suggestions", help="The client's free suggestions and opinions (SUR-3)."
    )
    lohi_institution_id = fields.Many2one(
        "lohi.institution", string="Institution", index="btree_not_null"
    )
    lohi_period = fields.Char(
        string="Period", index=True, help="Month (2026-11) or quarter (2026-Q4) surveyed."
    )
    lohi_dedupe_key = fields.Char(
        readonly=True, copy=False, help="Makes scheduled invitations idempotent."
    )
    lohi_rating_done = fields.Boolean(readonly=True, copy=False)
    lohi_complaint_id = fields.Many2one(
        "lohi.complaint",
        string="Complaint",
        readonly=True,
        copy=False,
        help="Opened for a detractor: a recommendation of 0–6 or a dimension rated "
        "dissatisfied or worse.",
    )

    _sql_constraints = [
        ("lohi_dedupe_key_uniq", "unique(lohi_dedupe_key)", "This invitation already exists."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        appointments = (
            self.env["lohi.appointment"]
            .sudo()
            .browse([v["lohi_appointment_id"] for v in vals_list if v.get("lohi_appointment_id")])
        )
        orders = (
            self.env["lohi.lab.order"]
            .sudo()
            .browse([v["lohi_lab_order_id"] for v in vals_list if v.get("lohi_lab_order_id")])
        )
        by_appointment = {a.id: a for a in appointments}
        by_order = {o.id: o for o in orders}
        for vals in vals_list:
            source = by_appointment.get(vals.get("lohi_appointment_id")) or by_order.get(
                vals.get("lohi_lab_order_id")
            )
            if source:
                vals.setdefault("partner_id", source.partner_id.id)
                vals.setdefault("lohi_centre_id", source.centre_id.id)
                vals.setdefault("lohi_doctor_id", source.doctor_id.id)
                vals.setdefault(
                    "lohi_origin",
                    "appointment" if vals.get("lohi_appointment_id") else "lab_order",
                )
            if vals.get("partner_id") and not vals.get("lohi_centre_id"):
                partner = self.env["res.partner"].sudo().browse(vals["partner_id"])
                vals["lohi_centre_id"] = partner.lohi_centre_id.id
                vals.setdefault("lohi_doctor_id", partner.lohi_doctor_id.id)
        return super().create(vals_list)

    def _mark_done(self):
        res = super()._mark_done()
        self._lohi_feed_staff_ratings()
        self._lohi_open_detractor_complaints()
        return res

    def _lohi_complaint_owner(self):
        """Who first receives a detractor's complaint: the agent who took the answers by
        phone, else the client's health manager, else the user at hand if staff."""
        self.ensure_one()
        if self.lohi_entered_by_id:
            return self.lohi_entered_by_id
        if self.partner_id.lohi_health_manager_id:
            return self.partner_id.lohi_health_manager_id
        return self.env.user if not self.env.user.share else self.env.ref("base.user_admin")

    def _lohi_open_detractor_complaints(self):
        """A detractor (recommendation 0–6, or any dimension at level 1–2) becomes a
        complaint for customer service, once per answer, so the problem is followed up
        with the complaint flow (CLI-11, SUR-8)."""
        todo = self.sudo().filtered(
            lambda a: a.partner_id and not a.lohi_complaint_id and a.lohi_kind != "institution"
        )
        vals_by_answer = {}
        for answer in todo:
            low = answer.user_input_line_ids.filtered(
                lambda line: 1 <= (line.suggested_answer_id.lohi_level or 0) <= 2
            )
            nps = answer.user_input_line_ids.filtered(
                lambda line: (
                    line.question_id.lohi_dimension == "nps"
                    and line.answer_type == "scale"
                    and line.value_scale <= 6
                )
            )
            if not low and not nps:
                continue
            problems = [
                f"{line.question_id.title}: {line.suggested_answer_id.value}" for line in low
            ] + [f"{line.question_id.title}: {line.value_scale}" for line in nps]
            vals_by_answer[answer] = {
                "partner_id": answer.partner_id.id,
                "centre_id": answer.lohi_centre_id.id or answer.partner_id.lohi_centre_id.id,
                "channel": "phone" if answer.lohi_channel == "phone" else "online",
                "category": "service",
                "severity": "high"
                if any(line.suggested_answer_id.lohi_level == 1 for line in low)
                else "medium",
                "owner_id": answer._lohi_complaint_owner().id,
                "responsible_id": answer._lohi_complaint_owner().id,
                "description": self.env._(
                    "Satisfaction survey %(survey)s: %(problems)s. %(suggestion)s",
                    survey=answer.survey_id.title,
                    problems="; ".join(problems),
                    suggestion=answer.lohi_suggestion or "",
                ),
            }
        if not vals_by_answer:
            return
        complaints = self.env["lohi.complaint"].sudo().create(list(vals_by_answer.values()))
        for answer, complaint in zip(vals_by_answer, complaints, strict=True):
            answer.lohi_complaint_id = complaint

    def _lohi_feed_staff_ratings(self):
        """SUR-10: the answer to the doctor question becomes a rating on the doctor's
        staff record (CLI-7), once per answer."""
        todo = self.sudo().filtered(
            lambda a: not a.lohi_rating_done and a.lohi_doctor_id and a.partner_id
        )
        if not todo:
            return
        staff_by_user = {
            s.user_id.id: s
            for s in self.env["lohi.staff"]
            .sudo()
            .search([("user_id", "in", todo.lohi_doctor_id.ids)])
        }
        ratings = []
        for answer in todo:
            staff = staff_by_user.get(answer.lohi_doctor_id.id)
            line = answer.user_input_line_ids.filtered(
                lambda line: (
                    line.question_id.lohi_dimension == "doctor"
                    and line.suggested_answer_id.lohi_level
                )
            )[:1]
            if not staff or not line:
                continue
            ratings.append(
                {
                    "staff_id": staff.id,
                    "partner_id": answer.partner_id.id,
                    "score": line.suggested_answer_id.lohi_level,
                    "comment": answer.lohi_suggestion,
                    "origin": self.env._(
                        "Satisfaction survey %(survey)s", survey=answer.survey_id.title
                    ),
                }
            )
        if ratings:
            self.env["lohi.staff.rating"].sudo().create(ratings)
        todo.write({"lohi_rating_done": True})

    @api.model
    def _lohi_invite(self, survey, vals_list):
        """Create invitations (answers in state new) for ``vals_list``, skipping
        dedupe keys that already exist; return the new ones."""
        keys = [v["lohi_dedupe_key"] for v in vals_list if v.get("lohi_dedupe_key")]
        existing = set(
            self.sudo().search([("lohi_dedupe_key", "in", keys)]).mapped("lohi_dedupe_key")
        )
        answers = self.sudo().browse()
        survey = survey.sudo()
        if not survey.active:
            raise UserError(self.env._("The survey %(survey)s is archived.", survey=survey.title))
        for vals in vals_list:
            key = vals.get("lohi_dedupe_key")
            if key and key in existing:
                continue
            existing.add(key)
            vals = dict(vals)
            partner = self.env["res.partner"].sudo().browse(vals.pop("partner_id"))
            answers |= survey._create_answer(partner=partner, check_attempts=False, **vals)
        return answers

    def _lohi_link(self):
        self.ensure_one()
        return f"{self.survey_id.get_base_url()}{self.get_start_url()}"

    @api.model
    def _cron_institution_quarterly(self, today=None, batch=INVITE_BATCH):
        """SUR-7: at the start of a quarter, every active partner institution's portal
        users are invited to rate the past quarter (service quality, follow-up, problem
        solving); run twice, nothing twice. At most ``batch`` users per call: those
        without this quarter's invitation are found in SQL (the dedupe key), the cron
        worker calls again while some remain."""
        today = today or fields.Date.context_today(self)
        quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
        previous = quarter_start.replace(year=quarter_start.year - 1, month=10)
        if quarter_start.month > 1:
            previous = quarter_start.replace(month=quarter_start.month - 3)
        period = f"{previous.year}-Q{(previous.month - 1) // 3 + 1}"
        survey = self.env.ref("lohi_surveys.survey_institution_quarterly")
        institutions = self.env["lohi.institution"].sudo().search([("state", "=", "active")])
        group = self.env.ref("lohi_clients.group_institution_portal")
        Users = self.env["res.users"].sudo()

        def todo_query():
            self.flush_model(["lohi_dedupe_key"])
            query = Users._search(
                [
                    ("groups_id", "in", group.ids),
                    ("partner_id.commercial_partner_id", "in", institutions.partner_id.ids),
                ]
            )
            query.add_where(
                SQL(
                    "NOT EXISTS (SELECT 1 FROM survey_user_input i"
                    " WHERE i.lohi_dedupe_key = %s || %s)",
                    f"institution:{period}:",
                    SQL("%s::varchar", SQL.identifier(query.table, "id")),
                )
            )
            return query

        query = todo_query()
        query.order = SQL.identifier(query.table, "id")
        query.limit = batch
        users = Users.browse(row[0] for row in self.env.execute_query(query.select()))
        by_partner = {i.partner_id.id: i for i in institutions}
        deadline = fields.Datetime.to_datetime(quarter_start) + relativedelta(months=1)
        answers = self._lohi_invite(
            survey,
            [
                {
                    "partner_id": user.partner_id.id,
                    "lohi_institution_id": by_partner[user.partner_id.commercial_partner_id.id].id,
                    "lohi_centre_id": by_partner[
                        user.partner_id.commercial_partner_id.id
                    ].centre_id.id,
                    "lohi_origin": "institution",
                    "lohi_channel": "online",
                    "lohi_period": period,
                    "lohi_dedupe_key": f"institution:{period}:{user.id}",
                    "deadline": deadline,
                }
                for user in users
            ],
        )
        template = self.env.ref("survey.mail_template_user_input_invite")
        for answer in answers.filtered(lambda a: a.partner_id.email):
            template.sudo().send_mail(answer.id, email_layout_xmlid="mail.mail_notification_light")
        remaining = 0
        if len(users) >= batch:
            [(remaining,)] = self.env.execute_query(todo_query().select(SQL("count(*)")))
        self.env["ir.cron"]._notify_progress(done=len(users), remaining=remaining)
        return answers
