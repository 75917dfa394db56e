from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Direct-run centres per batch of the top-spender cron: one ranking query each batch.
TOP_SPENDER_BATCH = 5


def _previous_month(today):
    first = today.replace(day=1)
    return first - relativedelta(months=1), first


class LohiSurveyCentreMonth(models.Model):
    """A direct-run centre's satisfaction summary of one month, for HQ (SUR-5)."""

    _name = "lohi.survey.centre.month"
    _description = "Monthly Centre Satisfaction Summary"
    _order = "month desc, centre_id"
    _rec_name = "period"

    centre_id = fields.Many2one("lohi.centre", required=True, index=True)
    month = fields.Date(required=True, index=True, help="First day of the month.")
    period = fields.Char(required=True)
    invited_count = fields.Integer(string="Invited")
    answered_count = fields.Integer(string="Answered")
    rated_count = fields.Integer(string="Rated Answers")
    satisfaction_rate = fields.Float(string="Satisfaction Rate (%)", digits=(5, 1))
    mean_score = fields.Float(digits=(3, 2))
    nps = fields.Float(string="NPS", digits=(5, 1))
    response_rate = fields.Float(string="Response Rate (%)", digits=(5, 1))

    _sql_constraints = [
        ("centre_month_uniq", "unique(centre_id, month)", "One summary per centre and month."),
    ]

    @api.model
    def _cron_monthly_summary(self, today=None):
        """Build (or refresh) last month's summary of every direct-run centre (SUR-5,
        X-4): running it twice updates the same records."""
        date_from, date_to = _previous_month(today or fields.Date.context_today(self))
        return self._build_summaries(date_from, date_to)

    @api.model
    def _build_summaries(self, date_from, date_to):
        centres = self.env["lohi.centre"].sudo().search([("centre_type", "=", "direct")])
        rates = (
            self.env["lohi.survey.rate.report"]
            .sudo()
            ._lohi_rates(
                [
                    ("kind", "=", "client"),
                    ("centre_id", "in", centres.ids),
                    ("date", ">=", date_from),
                    ("date", "<", date_to),
                ],
                ["centre_id"],
            )
        )
        Answer = self.env["survey.user_input"].sudo()
        answer_domain = [
            ("lohi_kind", "=", "client"),
            ("lohi_centre_id", "in", centres.ids),
            ("test_entry", "=", False),
            ("create_date", ">=", date_from),
            ("create_date", "<", date_to),
        ]
        invited = dict(Answer._read_group(answer_domain, ["lohi_centre_id"], ["__count"]))
        answered = dict(
            Answer._read_group(
                [*answer_domain, ("state", "=", "done")], ["lohi_centre_id"], ["__count"]
            )
        )
        existing = {
            s.centre_id: s
            for s in self.sudo().search(
                [("centre_id", "in", centres.ids), ("month", "=", date_from)]
            )
        }
        summaries = self.sudo().browse()
        to_create = []
        for centre in centres:
            stats = rates.get((centre,), {})
            n_invited = invited.get(centre, 0)
            n_answered = answered.get(centre, 0)
            vals = {
                "centre_id": centre.id,
                "month": date_from,
                "period": date_from.strftime("%Y-%m"),
                "invited_count": n_invited,
                "answered_count": n_answered,
                "rated_count": stats.get("rated", 0),
                "satisfaction_rate": stats.get("rate") or 0.0,
                "mean_score": stats.get("mean") or 0.0,
                "nps": stats.get("nps") or 0.0,
                "response_rate": 100.0 * n_answered / n_invited if n_invited else 0.0,
            }
            if centre in existing:
                existing[centre].write(vals)
                summaries |= existing[centre]
            else:
                to_create.append(vals)
        return summaries | self.sudo().create(to_create)


class LohiSurveyCallback(models.Model):
    """HQ's monthly call to a direct-run centre's top spender (SUR-6)."""

    _name = "lohi.survey.callback"
    _description = "Top Spender Call-back"
    _order = "month desc, centre_id, rank"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    centre_id = fields.Many2one("lohi.centre", required=True, index=True)
    month = fields.Date(required=True, index=True)
    period = fields.Char(required=True)
    rank = fields.Integer()
    amount = fields.Float(string="Spent in the Month")
    user_id = fields.Many2one("res.users", string="Agent")
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    user_input_id = fields.Many2one("survey.user_input", string="Survey Answer", readonly=True)
    state = fields.Selection(
        [("todo", "To Call"), ("done", "Surveyed")], default="todo", required=True, index=True
    )

    _sql_constraints = [
        (
            "partner_centre_month_uniq",
            "unique(partner_id, centre_id, month)",
            "The client is already on this month's call-back list.",
        ),
    ]

    @api.model
    def _cron_top_spenders(self, today=None, batch=TOP_SPENDER_BATCH):
        """Last month's top 10 spenders of every direct-run centre get an HQ call-back
        task (SUR-6, X-4). At most ``batch`` centres per call (the ranking query is the
        cost); a centre is marked with the month it was done for, so the cron worker
        calls again while centres remain and a second run of the month does nothing."""
        date_from, date_to = _previous_month(today or fields.Date.context_today(self))
        Centre = self.env["lohi.centre"].sudo()
        domain = [("centre_type", "=", "direct"), ("lohi_top_spender_month", "!=", date_from)]
        centres = Centre.search(domain, order="id", limit=batch)
        callbacks = self.browse()
        if centres:
            ranking = (
                self.env["lohi.timeline"]
                .sudo()
                ._top_spenders(date_from, date_to, limit=10, centre_ids=centres.ids)
            )
            callbacks = self._create_top_spender_tasks(ranking, date_from)
            centres.lohi_top_spender_month = date_from
        remaining = Centre.search_count(domain) if len(centres) >= batch else 0
        self.env["ir.cron"]._notify_progress(done=len(centres), remaining=remaining)
        return callbacks

    @api.model
    def _lohi_agents(self):
        group = self.env.ref("lohi_clients.group_cc_agent")
        return (
            self.env["res.users"]
            .sudo()
            .search([("groups_id", "in", group.ids), ("share", "=", False)], order="id")
        )

    @api.model
    def _create_top_spender_tasks(self, ranking, month):
        """``ranking`` is ``{centre_id: [(partner_id, total), …]}``; ``month`` the
        first day of the month. Creates one call-back and one call-centre activity per
        client and month, nothing for those already listed."""
        month = fields.Date.to_date(month).replace(day=1)
        direct = set(
            self.env["lohi.centre"]
            .sudo()
            .search([("id", "in", list(ranking)), ("centre_type", "=", "direct")])
            .ids
        )
        existing = {
            (c.partner_id.id, c.centre_id.id)
            for c in self.sudo().search([("month", "=", month), ("centre_id", "in", list(direct))])
        }
        agents = self._lohi_agents()
        activity_type = self.env.ref("lohi_surveys.mail_activity_type_satisfaction_call")
        partner_model = self.env["ir.model"]._get_id("res.partner")
        to_create = []
        for centre_id, rows in ranking.items():
            if centre_id not in direct:
                continue
            for rank, (partner_id, total) in enumerate(rows[:10], start=1):
                if (partner_id, centre_id) in existing:
                    continue
                existing.add((partner_id, centre_id))
                to_create.append(
                    {
                        "partner_id": partner_id,
                        "centre_id": centre_id,
                        "month": month,
                        "period": month.strftime("%Y-%m"),
                        "rank": rank,
                        "amount": total,
                        "user_id": agents[len(to_create) % len(agents)].id if agents else False,
                    }
                )
        callbacks = self.sudo().create(to_create)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": partner_model,
                        "res_id": callback.partner_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": callback.user_id.id or self.env.ref("base.user_admin").id,
                        "date_deadline": date.today() + relativedelta(days=7),
                        "summary": self.env._(
                            "Satisfaction call-back: top %(rank)s spender of %(centre)s "
                            "in %(period)s",
                            rank=callback.rank,
                            centre=callback.centre_id.name,
                            period=callback.period,
                        ),
                    }
                    for callback in callbacks
                ]
            )
        )
        for callback, activity in zip(callbacks, activities, strict=True):
            callback.activity_id = activity
        return callbacks

    def action_enter_answers(self):
        """Open the phone-mode entry for this client (SUR-3)."""
        self.ensure_one()
        return self.env["lohi.survey.phone"]._action_open(
            partner=self.partner_id,
            centre=self.centre_id,
            origin="top_spender",
            callback=self,
        )
