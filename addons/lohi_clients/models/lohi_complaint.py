from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
# Escalation chain of the seed (权限外 → 客服主管 → 分中心主任 → 总部).
LEVELS = [
    ("0", "First Receiver"),
    ("1", "Customer-Service Supervisor"),
    ("2", "Branch Director"),
    ("3", "Headquarters"),
]


# Fields that change only through the action methods (state machine, escalation,
# evaluation, first-receiver ownership).
PROTECTED = {
    "state",
    "escalation_level",
    "owner_id",
    "first_answer_at",
    "deadline_first_answer",
    "deadline",
    "closed_at",
    "satisfaction",
    "evaluation",
    "qc_state",
    "qc_findings",
    "negotiation_count",
}


# Overdue complaints escalated per call of the cron (a write and an activity each).
ESCALATE_BATCH = 100


class LohiComplaintSla(models.Model):
    """Configurable time limits per severity (CLI-11, SVC-1)."""

    _name = "lohi.complaint.sla"
    _description = "Complaint Time Limit"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    severity = fields.Selection(SEVERITIES, required=True)
    first_answer_hours = fields.Float(required=True, default=2.0)
    resolution_hours = fields.Float(
        required=True, default=48.0, help="Hours each level has to resolve before it escalates."
    )

    _sql_constraints = [
        ("severity_uniq", "unique(severity)", "One time limit per severity."),
        (
            "hours_positive",
            "CHECK(first_answer_hours > 0 AND resolution_hours > 0)",
            "Time limits must be positive.",
        ),
    ]


class LohiComplaint(models.Model):
    """A client complaint, the seed's flow 礼貌接待 → 受理 → 分析 → 解决 → 传达 → 礼送 →
    总结评价 (CLI-11). The first person who receives it owns it (首问负责制)."""

    _name = "lohi.complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Complaint"
    _order = "id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        domain=[("lohi_is_client", "=", True)],
        tracking=True,
    )
    centre_id = fields.Many2one(
        "lohi.centre",
        index=True,
        compute="_compute_centre_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("onsite", "On Site"),
            ("phone", "Phone"),
            ("hotline", "400 Hotline"),
            ("online", "Online / App"),
            ("portal", "Partner Portal"),
            ("letter", "Letter / E-mail"),
        ],
        required=True,
        default="phone",
    )
    category = fields.Selection(
        [
            ("service", "Service"),
            ("product_quality", "Product Quality"),
            ("billing", "Billing"),
            ("other", "Other"),
        ],
        required=True,
        default="service",
        index=True,
        tracking=True,
    )
    severity = fields.Selection(SEVERITIES, required=True, default="medium", tracking=True)
    description = fields.Text(required=True)
    product_id = fields.Many2one("product.product", index=True, tracking=True)
    lot_name = fields.Char(string="Lot", help="The product lot the client names.")
    owner_id = fields.Many2one(
        "res.users",
        string="Owner (First Receiver)",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
        help="The first person who received the complaint owns it (首问负责制).",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Now Handled by",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    escalation_level = fields.Selection(
        LEVELS, default="0", required=True, readonly=True, tracking=True
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("in_progress", "Analysing"),
            ("answered", "Solution Told"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="received",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    analysis = fields.Text(help="Cause of the problem.")
    solution = fields.Text(tracking=True)
    negotiation_count = fields.Integer(readonly=True, help="Times the client was not satisfied.")
    first_answer_at = fields.Datetime(readonly=True)
    deadline_first_answer = fields.Datetime(readonly=True)
    deadline = fields.Datetime(string="Resolve by", readonly=True, index=True, tracking=True)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    closed_at = fields.Datetime(readonly=True)
    satisfaction = fields.Selection(
        [
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ],
        readonly=True,
    )
    evaluation = fields.Text(help="Summary and evaluation when closing (总结评价).", readonly=True)
    qc_state = fields.Selection(
        [("none", "Not Needed"), ("open", "Investigating"), ("done", "Concluded")],
        string="Quality Investigation",
        default="none",
        readonly=True,
        tracking=True,
    )
    qc_findings = fields.Text(string="Quality Findings", readonly=True)

    @api.depends("partner_id")
    def _compute_centre_id(self):
        for complaint in self:
            complaint.centre_id = complaint.partner_id.lohi_centre_id

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.overdue = bool(
                complaint.state not in ("closed", "cancelled")
                and complaint.deadline
                and complaint.deadline < now
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        domain = [
            ("state", "not in", ("closed", "cancelled")),
            ("deadline", "<", fields.Datetime.now()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.constrains("category", "product_id")
    def _check_product(self):
        for complaint in self:
            if complaint.category == "product_quality" and not complaint.product_id:
                raise ValidationError(
                    self.env._("A product-quality complaint names the product (and its lot).")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("lohi.complaint") or "/"
        complaints = super().create(vals_list)
        complaints._set_deadlines()
        complaints.filtered(lambda c: c.category == "product_quality")._open_qc_investigation()
        return complaints

    def write(self, vals):
        protected = set(vals) & PROTECTED
        if protected and not self.env.su:
            raise UserError(
                self.env._(
                    "%(fields)s change only through the complaint's buttons.",
                    fields=", ".join(sorted(protected)),
                )
            )
        if not self.env.su and self.filtered(lambda c: c.state in ("closed", "cancelled")):
            raise UserError(self.env._("A closed or cancelled complaint cannot be changed."))
        return super().write(vals)

    def _hours_by_severity(self):
        """{severity: (first answer hours, resolution hours)}, read once per batch."""
        return {
            sla.severity: (sla.first_answer_hours, sla.resolution_hours)
            for sla in self.env["lohi.complaint.sla"].sudo().search([])
        }

    def _set_deadlines(self):
        now = fields.Datetime.now()
        hours = self._hours_by_severity()
        for complaint in self:
            first, resolve = hours.get(complaint.severity, (2.0, 48.0))
            complaint.sudo().write(
                {
                    "deadline_first_answer": now + timedelta(hours=first),
                    "deadline": now + timedelta(hours=resolve),
                }
            )

    def _open_qc_investigation(self):
        qc_users = self.env.ref("lohi_clients.group_quality_control").sudo().users
        for complaint in self:
            complaint.sudo().qc_state = "open"
            for user in qc_users[:5]:
                complaint.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Quality investigation: %(ref)s", ref=complaint.name),
                    note=self.env._(
                        "Product %(product)s, lot %(lot)s",
                        product=complaint.product_id.display_name,
                        lot=complaint.lot_name or "-",
                    ),
                )

    # ------------------------------------------------------------------ rights
    def _check_handler(self):
        """Only the people the complaint is with act on it: owner, current handler,
        customer-service supervisors, and from level 2 the branch director, from level 3
        HQ operations."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("lohi_clients.group_cs_supervisor")
            or user.has_group("lohi_clients.group_admin")
        ):
            return
        for complaint in self:
            allowed = user in (complaint.owner_id | complaint.responsible_id)
            allowed |= complaint.escalation_level >= "2" and user == complaint.centre_id.director_id
            allowed |= complaint.escalation_level == "3" and user.has_group(
                "lohi_clients.group_hq_operations"
            )
            if not allowed:
                raise AccessError(
                    self.env._(
                        "Complaint %(ref)s is handled by %(user)s; you cannot act on it.",
                        ref=complaint.name,
                        user=complaint.responsible_id.name,
                    )
                )

    def _check_state(self, states, action):
        for complaint in self:
            if complaint.state not in states:
                raise UserError(
                    self.env._(
                        "Complaint %(ref)s is %(state)s: it cannot be %(action)s.",
                        ref=complaint.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            complaint.state
                        ],
                        action=action,
                    )
                )

    # ------------------------------------------------------------------ flow
    def action_accept(self):
        """受理: the owner accepts the complaint and starts the analysis."""
        self._check_state(("received",), self.env._("accepted"))
        self._check_handler()
        self.sudo().write({"state": "in_progress", "first_answer_at": fields.Datetime.now()})
        return True

    def action_propose_solution(self):
        """传达: a solution within the handler's authority is told to the client."""
        self._check_state(("in_progress",), self.env._("answered"))
        self._check_handler()
        for complaint in self:
            if not (complaint.solution or "").strip():
                raise UserError(
                    self.env._(
                        "Write the solution of %(ref)s before telling the client.",
                        ref=complaint.name,
                    )
                )
        self.sudo().write({"state": "answered"})
        return True

    def action_client_not_satisfied(self):
        """Not satisfied: back to negotiation (the loop of the seed's flow)."""
        self._check_state(("answered",), self.env._("reopened"))
        self._check_handler()
        for complaint in self:
            complaint.sudo().write(
                {"state": "in_progress", "negotiation_count": complaint.negotiation_count + 1}
            )
        return True

    def action_close(self, satisfaction="4", evaluation=None):
        """礼送 and 总结评价: the client is satisfied; close with an evaluation."""
        self._check_state(("answered",), self.env._("closed"))
        self._check_handler()
        if not (evaluation or "").strip():
            raise UserError(self.env._("Closing a complaint needs its summary and evaluation."))
        if self.filtered(lambda c: c.qc_state == "open"):
            raise UserError(self.env._("The quality investigation is still open."))
        self.sudo().write(
            {
                "state": "closed",
                "closed_at": fields.Datetime.now(),
                "satisfaction": satisfaction,
                "evaluation": evaluation,
            }
        )
        self.sudo().activity_ids.action_feedback(feedback=self.env._("Complaint closed"))
        return True

    def action_cancel(self):
        self._check_state(("received", "in_progress"), self.env._("cancelled"))
        if not self.env.user.has_group("lohi_clients.group_cs_supervisor") and not self.env.su:
            raise AccessError(self.env._("Only a customer-service supervisor cancels a complaint."))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_escalate(self):
        """Outside the handler's authority: hand the complaint one level up."""
        self._check_state(("received", "in_progress", "answered"), self.env._("escalated"))
        self._check_handler()
        self._escalate()
        return True

    def action_qc_conclude(self, findings):
        if not self.env.user.has_group("lohi_clients.group_quality_control") and not self.env.su:
            raise AccessError(self.env._("Only quality control concludes an investigation."))
        if not (findings or "").strip():
            raise UserError(self.env._("Write the findings of the investigation."))
        for complaint in self:
            if complaint.qc_state != "open":
                raise UserError(self.env._("No open investigation on %(ref)s.", ref=complaint.name))
        self.sudo().write({"qc_state": "done", "qc_findings": findings})
        return True

    def _escalation_target(self, level):
        self.ensure_one()
        if level == "1":
            group = self.env.ref("lohi_clients.group_cs_supervisor")
        elif level == "2":
            if self.centre_id.director_id:
                return self.centre_id.director_id
            group = self.env.ref("lohi_clients.group_branch_director")
        else:
            group = self.env.ref("lohi_clients.group_hq_operations")
        users = group.sudo().users.filtered("active").sorted("id")
        # Administrators hold every role; hand the complaint to a real holder of the role.
        admins = self.env.ref("lohi_clients.group_admin").sudo().users
        return (users - admins)[:1] or users[:1]

    def _escalate(self):
        now = fields.Datetime.now()
        hours_by_severity = self._hours_by_severity()
        targets = {}  # (level, centre) → user: one look-up per level and centre
        for complaint in self:
            if complaint.escalation_level == "3":
                complaint.message_post(
                    body=self.env._("Overdue at headquarters level: please resolve.")
                )
                continue
            level = str(int(complaint.escalation_level) + 1)
            key = (level, complaint.centre_id.id)
            if key not in targets:
                targets[key] = complaint._escalation_target(level)
            target = targets[key]
            hours = hours_by_severity.get(complaint.severity, (2.0, 48.0))[1]
            complaint.sudo().write(
                {
                    "escalation_level": level,
                    "responsible_id": target.id or complaint.responsible_id.id,
                    "deadline": now + timedelta(hours=hours),
                }
            )
            if target:
                complaint.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=target.id,
                    summary=self.env._("Escalated complaint %(ref)s", ref=complaint.name),
                    date_deadline=fields.Date.context_today(complaint),
                )

    def _open_step(self, step):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.complaint.step",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id, "default_step": step},
        }

    def action_open_close(self):
        self._check_state(("answered",), self.env._("closed"))
        self._check_handler()
        return self._open_step("close")

    def action_open_qc(self):
        return self._open_step("qc")

    @api.model
    def _cron_escalate_overdue(self, batch=ESCALATE_BATCH):
        """Escalate complaints past their deadline one level; each escalation sets a new
        deadline, so a second run on the same overdue state does nothing twice. At most
        ``batch`` complaints per call; the cron worker calls again while some remain."""
        domain = [("overdue", "=", True), ("escalation_level", "!=", "3")]
        overdue = self.search(domain, order="id", limit=batch)
        overdue._escalate()
        remaining = self.search_count(domain) if len(overdue) >= batch else 0
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=remaining)
