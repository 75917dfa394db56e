from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

# CC-3: the follow-up calls after a report is issued.
FOLLOWUP_STEPS = [
    ("d2", {"days": 2}),
    ("m3", {"months": 3}),
    ("m6", {"months": 6}),
    ("y1", {"years": 1}),
]
# Preferred call windows (seed: around 11:00 or 16:00, never at commute or lunch time).
PREFERRED_HOURS = (time(11, 0), time(16, 0))
# Lab orders per batch of the follow-up planning cron (4–6 calls each).
FOLLOWUP_BATCH = 200


class LohiCallCampaign(models.Model):
    """An outbound campaign (CC-2): a supervisor picks the targets, the purpose, the time
    window and the script; the tasks are spread over the agents."""

    _name = "lohi.call.campaign"
    _inherit = ["mail.thread"]
    _description = "Call Campaign"
    _order = "date_start desc, id desc"

    name = fields.Char(required=True)
    purpose = fields.Text(required=True)
    target_domain = fields.Char(
        string="Targets", default="[('lohi_is_client', '=', True)]", required=True
    )
    script_id = fields.Many2one("lohi.call.script")
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="To", required=True)
    supervisor_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    agent_ids = fields.Many2many("res.users", string="Agents", required=True)
    task_ids = fields.One2many("lohi.call.task", "campaign_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_stats")
    reached_count = fields.Integer(compute="_compute_task_stats")
    interested_count = fields.Integer(compute="_compute_task_stats")
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )

    _sql_constraints = [
        ("dates_ordered", "CHECK(date_end >= date_start)", "The campaign ends after it starts."),
    ]

    def _compute_task_stats(self):
        Task = self.env["lohi.call.task"]
        rows = Task._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "reached", "interested"], ["__count"]
        )
        stats = {}
        for campaign, reached, interested, count in rows:
            total, reached_n, interested_n = stats.get(campaign.id, (0, 0, 0))
            stats[campaign.id] = (
                total + count,
                reached_n + (count if reached == "yes" else 0),
                interested_n + (count if interested == "yes" else 0),
            )
        for campaign in self:
            campaign.task_count, campaign.reached_count, campaign.interested_count = stats.get(
                campaign.id, (0, 0, 0)
            )

    def _check_supervisor(self):
        if not (
            self.env.user.has_group("lohi_clients.group_cc_supervisor")
            or self.env.user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(self.env._("Only a call-centre supervisor runs campaigns."))

    def action_start(self):
        """Create one task per target, spread round-robin over the agents. Running it
        again adds only targets that have no task yet."""
        self._check_supervisor()
        Task = self.env["lohi.call.task"]
        for campaign in self:
            if campaign.state == "done":
                raise UserError(self.env._("Campaign %(name)s is finished.", name=campaign.name))
            targets = self.env["res.partner"].search(campaign._target_domain())
            existing = set(Task.search([("campaign_id", "=", campaign.id)]).partner_id.ids)
            agents = campaign.agent_ids.sorted("id")
            vals_list = []
            for index, partner in enumerate(p for p in targets if p.id not in existing):
                vals_list.append(
                    {
                        "campaign_id": campaign.id,
                        "task_type": "campaign",
                        "partner_id": partner.id,
                        "agent_id": agents[index % len(agents)].id,
                        "purpose": campaign.purpose,
                        "script_id": campaign.script_id.id,
                        "planned": datetime.combine(campaign.date_start, time(3, 0)),
                        "deadline": campaign.date_end,
                    }
                )
            Task.create(vals_list)
            campaign.state = "running"
        return True

    def _target_domain(self):
        domain = safe_eval(self.target_domain or "[]")
        if not isinstance(domain, list):
            raise UserError(
                self.env._("The target list of %(name)s is not a domain.", name=self.name)
            )
        return [("lohi_is_client", "=", True), *domain]

    def action_done(self):
        self._check_supervisor()
        self.state = "done"
        return True


class LohiCallTask(models.Model):
    """A call to make: a campaign target, a follow-up after a report (CC-3) or a call-back
    once an issue is solved. The outcome is recorded on the task."""

    _name = "lohi.call.task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Call Task"
    _order = "planned, id"

    task_type = fields.Selection(
        [("campaign", "Campaign"), ("followup", "Follow-up"), ("callback", "Call-back")],
        required=True,
        default="campaign",
        index=True,
    )
    campaign_id = fields.Many2one("lohi.call.campaign", index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    centre_id = fields.Many2one(related="partner_id.lohi_centre_id", store=True, index=True)
    agent_id = fields.Many2one("res.users", index=True, tracking=True)
    purpose = fields.Text()
    script_id = fields.Many2one("lohi.call.script")
    planned = fields.Datetime(string="Call at", index=True)
    deadline = fields.Date()
    lab_order_id = fields.Many2one("lohi.lab.order", index=True, ondelete="cascade")
    followup_key = fields.Char(help="Which follow-up of the plan: d2, m3, m6, y1 or a holiday.")
    state = fields.Selection(
        [("todo", "To Call"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        index=True,
        tracking=True,
    )
    call_ids = fields.One2many("lohi.call", "task_id", string="Calls")
    reached = fields.Selection([("yes", "Reached"), ("no", "Not Reached")])
    interested = fields.Selection([("yes", "Interested"), ("no", "Not Interested")])
    not_interested_reason = fields.Char()
    plan = fields.Text(string="Client's Plan")
    next_step = fields.Text()
    satisfaction = fields.Selection(
        [
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ]
    )
    new_issue = fields.Text()
    issue_department = fields.Selection(
        [
            ("doctor", "Functional Doctor"),
            ("health_manager", "Health Manager"),
            ("lab", "Lab / Consulting Dept"),
            ("warehouse", "Warehouse"),
            ("customer_service", "Customer Service"),
        ],
        string="Handed to",
    )
    issue_owner_id = fields.Many2one("res.users")
    issue_state = fields.Selection(
        [
            ("none", "No Issue"),
            ("open", "Open"),
            ("solved", "Solved"),
            ("called_back", "Client Called Back"),
        ],
        default="none",
        required=True,
        tracking=True,
    )
    callback_task_id = fields.Many2one("lohi.call.task", readonly=True, copy=False)

    _sql_constraints = [
        (
            "followup_uniq",
            "unique(lab_order_id, followup_key)",
            "This follow-up call is already planned.",
        ),
    ]

    @api.depends("partner_id", "task_type", "planned")
    def _compute_display_name(self):
        types = dict(self._fields["task_type"]._description_selection(self.env))
        for task in self:
            task.display_name = f"{types.get(task.task_type, '')} · {task.partner_id.name or ''}"

    def action_done(self):
        for task in self:
            if task.state != "todo":
                raise UserError(self.env._("This call task is no longer open."))
            if not task.reached:
                raise UserError(self.env._("Record whether the client was reached."))
            if task.interested == "no" and not task.not_interested_reason:
                raise UserError(self.env._("Record why the client is not interested."))
            if self.env.user != task.agent_id and not self.env.user.has_group(
                "lohi_clients.group_cc_supervisor"
            ):
                raise AccessError(
                    self.env._("This call is assigned to %(agent)s.", agent=task.agent_id.name)
                )
        for task in self:
            vals = {"state": "done"}
            if task.new_issue and task.issue_state == "none":
                vals["issue_state"] = "open"
                if task.issue_owner_id:
                    task.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=task.issue_owner_id.id,
                        summary=self.env._("Issue raised on a follow-up call"),
                        note=task.new_issue,
                    )
            task.write(vals)
        # a call-back made closes the loop of the issue it reported on (CC-3)
        self.sudo().search(
            [("callback_task_id", "in", self.ids), ("issue_state", "=", "solved")]
        ).write({"issue_state": "called_back"})
        return True

    def action_issue_solved(self):
        """The department solved the issue: the client is called back (CC-3)."""
        for task in self:
            if task.issue_state != "open":
                raise UserError(self.env._("There is no open issue on this call."))
            callback = self.create(
                {
                    "task_type": "callback",
                    "partner_id": task.partner_id.id,
                    "agent_id": task.agent_id.id,
                    "purpose": self.env._(
                        "Tell the client the issue is solved: %(issue)s", issue=task.new_issue
                    ),
                    "planned": fields.Datetime.now(),
                }
            )
            task.write({"issue_state": "solved", "callback_task_id": callback.id})
        return True

    # ------------------------------------------------------------------ CC-3 planning
    @api.model
    def _preferred_slot(self, day, tz_name, taken=0):
        """11:00 (or 16:00) local time on ``day`` in the centre's timezone, as naive UTC."""
        tz = pytz.timezone(tz_name or "Asia/Shanghai")
        local = tz.localize(datetime.combine(day, PREFERRED_HOURS[taken % 2]))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _plan_followups(self, orders):
        """Plan the follow-up calls of issued reports: +2 days, +3 months, +6 months,
        +1 year and the configured holidays within that year. One query finds what is
        already planned, so re-issuing or re-running plans nothing twice."""
        orders = orders.filtered(lambda o: o.paper_issued_date)
        if not orders:
            return self.browse()
        planned = set(
            self.search([("lab_order_id", "in", orders.ids)]).mapped(
                lambda t: (t.lab_order_id.id, t.followup_key)
            )
        )
        agents = self.env.ref("lohi_clients.group_cc_agent").users.filtered("active").sorted("id")
        admins = self.env.ref("lohi_clients.group_admin").users
        agents = (agents - admins) or agents
        holidays = self.env["lohi.holiday"].search([])
        vals_list = []
        for index, order in enumerate(orders):
            issued = order.paper_issued_date.date()
            tz_name = order.partner_id.lohi_centre_id.tz or "Asia/Shanghai"
            steps = [(key, issued + relativedelta(**delta)) for key, delta in FOLLOWUP_STEPS]
            horizon = issued + relativedelta(years=1)
            steps += [
                (f"holiday:{h.name}:{h.date}", h.date)
                for h in holidays
                if issued < h.date <= horizon
            ]
            for step_index, (key, day) in enumerate(steps):
                if (order.id, key) in planned:
                    continue
                vals_list.append(
                    {
                        "task_type": "followup",
                        "partner_id": order.partner_id.id,
                        "lab_order_id": order.id,
                        "followup_key": key,
                        "agent_id": agents[index % len(agents)].id if agents else False,
                        "planned": self._preferred_slot(day, tz_name, step_index),
                        "deadline": day + timedelta(days=3),
                        "purpose": self.env._(
                            "Follow-up after the report of %(order)s", order=order.name
                        ),
                    }
                )
        return self.create(vals_list)

    @api.model
    def _followup_todo_query(self):
        """Query of the issued lab orders that miss a follow-up task of their plan: one of
        FOLLOWUP_STEPS, or an active holiday within the year after the paper report
        (keys built as in ``_plan_followups``). Answered in SQL with the task's
        (lab_order_id, followup_key) unique index, so the planner never loads the
        orders already planned."""
        for model in ("lohi.call.task", "lohi.holiday", "lohi.lab.order"):
            self.env[model].flush_model()
        query = self.env["lohi.lab.order"]._search(
            [("state", "in", ("issued", "interpreted")), ("paper_issued_date", "!=", False)]
        )
        issued = SQL("%s::date", SQL.identifier(query.table, "paper_issued_date"))
        query.add_where(
            SQL(
                """EXISTS (
                    SELECT 1 FROM (
                        SELECT step.key FROM (VALUES %s) AS step(key)
                         UNION ALL
                        SELECT 'holiday:' || h.name || ':' || to_char(h.date, 'YYYY-MM-DD')
                          FROM lohi_holiday h
                         WHERE h.active AND h.date > %s
                           AND h.date <= (%s + interval '1 year')::date
                    ) AS expected(key)
                     WHERE NOT EXISTS (
                        SELECT 1 FROM lohi_call_task t
                         WHERE t.lab_order_id = %s AND t.followup_key = expected.key))""",
                SQL(", ").join(SQL("(%s)", key) for key, _delta in FOLLOWUP_STEPS),
                issued,
                issued,
                SQL.identifier(query.table, "id"),
            )
        )
        return query

    @api.model
    def _cron_plan_followups(self, batch=FOLLOWUP_BATCH):
        """Catch-up: plan follow-ups for issued reports that have none yet (idempotent).
        One call plans at most ``batch`` orders; the cron worker commits and calls again
        while orders remain."""
        query = self._followup_todo_query()
        query.order = SQL.identifier(query.table, "id")
        query.limit = batch
        orders = self.env["lohi.lab.order"].browse(
            row[0] for row in self.env.execute_query(query.select())
        )
        self._plan_followups(orders)
        remaining = 0
        if len(orders) >= batch:
            self.env.flush_all()
            query = self._followup_todo_query()
            [(remaining,)] = self.env.execute_query(query.select(SQL("count(*)")))
        self.env["ir.cron"]._notify_progress(done=len(orders), remaining=remaining)
