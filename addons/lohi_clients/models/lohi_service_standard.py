from datetime import date

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .lohi_care import today_in_china
from .res_partner import CARE_BATCH


class LohiRevisitRule(models.Model):
    """A re-visit plan for a client group (SVC-3), e.g. monthly for VIPs and long-term
    product users, within a week for new members."""

    _name = "lohi.revisit.rule"
    _description = "Re-visit Plan"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    tier = fields.Selection(
        [("regular", "Regular"), ("key", "Key Client"), ("vip", "VIP")],
        help="Only clients of this tier; empty: all tiers.",
    )
    new_member_days = fields.Integer(
        help="Only clients whose archive was opened in the last N days; 0: any client."
    )
    interval_days = fields.Integer(required=True, default=30)

    _sql_constraints = [
        ("interval_positive", "CHECK(interval_days > 0)", "The interval must be positive."),
        ("new_member_positive", "CHECK(new_member_days >= 0)", "Days cannot be negative."),
    ]

    def _client_domain(self, today):
        self.ensure_one()
        domain = [("lohi_is_client", "=", True), ("lohi_health_manager_id", "!=", False)]
        if self.tier:
            domain.append(("lohi_tier", "=", self.tier))
        if self.new_member_days:
            domain.append(
                ("lohi_archive_date", ">=", fields.Date.subtract(today, days=self.new_member_days))
            )
        return domain

    @api.model
    def _cron_plan_revisits(self, today=None, batch=CARE_BATCH):
        """Give each health manager a re-visit activity per client and period of each plan;
        the period key makes a second run in the same period do nothing. One call plans
        at most ``batch`` clients over all plans; the cron worker commits and calls again
        while clients without this period's event remain."""
        today = today or today_in_china()
        Partner = self.env["res.partner"]
        Event = self.env["lohi.care.event"]
        rules = self.search([])
        keys = [
            f"{rule.id}:{(today - date(2000, 1, 1)).days // rule.interval_days}" for rule in rules
        ]
        todos = [
            (rule._client_domain(today), "revisit", key)
            for rule, key in zip(rules, keys, strict=True)
        ]
        found = Partner._lohi_care_batch(todos, batch)
        todo_type = self.env.ref(
            "mail.mail_activity_data_call", raise_if_not_found=False
        ) or self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        done = 0
        for rule, key, clients in zip(rules, keys, found, strict=True):
            if not clients:
                continue
            # one create per plan: a client of two plans is followed once per create; the
            # reminders show in the health manager's activities, without an assignment
            # e-mail each (issue 10: ~9 queries per activity)
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": client.id,
                        "activity_type_id": todo_type.id,
                        "summary": self.env._("Re-visit: %(plan)s", plan=rule.name),
                        "user_id": client.lohi_health_manager_id.id,
                        "date_deadline": today,
                    }
                    for client in clients
                ]
            )
            Event.create(
                [
                    {"partner_id": c.id, "kind": "revisit", "key": key, "date": today}
                    for c in clients
                ]
            )
            done += len(clients)
        Partner._lohi_care_progress(todos, done, batch)


class LohiStaffKpi(models.Model):
    """Monthly service figures per staff member (SVC-2), computed from the complaints they
    owned: on-time first answers, resolution and client satisfaction. A SQL view: always
    current, grouped in pivot and graph views."""

    _name = "lohi.staff.kpi"
    _description = "Staff Service KPI"
    _auto = False
    _order = "month desc, user_id"

    user_id = fields.Many2one("res.users", string="Staff", readonly=True)
    month = fields.Date(readonly=True)
    handled = fields.Integer(readonly=True, aggregator="sum")
    answered_on_time = fields.Integer(readonly=True, aggregator="sum")
    resolved = fields.Integer(readonly=True, aggregator="sum")
    satisfied = fields.Integer(readonly=True, aggregator="sum")
    on_time_rate = fields.Float(string="On-time Answer %", readonly=True, aggregator="avg")
    resolution_rate = fields.Float(string="Resolution %", readonly=True, aggregator="avg")
    satisfaction_rate = fields.Float(string="Satisfaction %", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                    SELECT row_number() OVER (ORDER BY owner_id, month) AS id, owner_id AS user_id,
                           month, handled, answered_on_time, resolved, satisfied,
                           round(100.0 * answered_on_time / handled, 1) AS on_time_rate,
                           round(100.0 * resolved / handled, 1) AS resolution_rate,
                           CASE WHEN resolved > 0 THEN round(100.0 * satisfied / resolved, 1) END
                               AS satisfaction_rate
                      FROM (
                        SELECT owner_id, date_trunc('month', create_date)::date AS month,
                               count(*) AS handled,
                               count(*) FILTER (WHERE first_answer_at <= deadline_first_answer)
                                   AS answered_on_time,
                               count(*) FILTER (WHERE state = 'closed') AS resolved,
                               count(*) FILTER (WHERE state = 'closed' AND satisfaction >= '4')
                                   AS satisfied
                          FROM lohi_complaint
                         WHERE state != 'cancelled'
                         GROUP BY owner_id, date_trunc('month', create_date)
                      ) AS m
                )""",
                SQL.identifier(self._table),
            )
        )


class LohiStaffEvaluation(models.Model):
    """The monthly self, supervisor and client evaluation of a staff member (SVC-2)."""

    _name = "lohi.staff.evaluation"
    _description = "Monthly Staff Evaluation"
    _order = "month desc, user_id, kind"

    user_id = fields.Many2one("res.users", string="Staff", required=True, index=True)
    month = fields.Date(required=True, help="Any day of the evaluated month.")
    kind = fields.Selection(
        [("self", "Self"), ("supervisor", "Supervisor"), ("client", "Client")], required=True
    )
    evaluator_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    record_accuracy = fields.Float(string="Record Accuracy %")
    score = fields.Integer(required=True, help="0–100")
    comment = fields.Text()

    _sql_constraints = [
        ("score_range", "CHECK(score BETWEEN 0 AND 100)", "A score is between 0 and 100."),
        (
            "accuracy_range",
            "CHECK(record_accuracy BETWEEN 0 AND 100)",
            "Record accuracy is a percentage.",
        ),
        (
            "one_per_month",
            "unique(user_id, month, kind, evaluator_id)",
            "This evaluation already exists for the month.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        records = super().create(vals_list)
        for record in records:
            record._check_evaluator()
        return records

    def _check_evaluator(self):
        user = self.env.user
        if self.env.su:
            return
        if self.kind == "self" and self.user_id != user:
            raise ValidationError(self.env._("A self-evaluation is written by the staff member."))
        if self.kind == "supervisor" and not (
            user.has_group("lohi_clients.group_cs_supervisor")
            or user.has_group("lohi_clients.group_cc_supervisor")
            or user.has_group("lohi_clients.group_branch_director")
        ):
            raise ValidationError(self.env._("Only a supervisor writes a supervisor evaluation."))
