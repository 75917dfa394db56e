import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CALL_TYPES = [
    ("inquiry", "Inquiry"),
    ("complaint", "Complaint"),
    ("booking", "Booking"),
    ("report_query", "Report Query"),
    ("followup", "Follow-up"),
    ("campaign", "Campaign"),
    ("other", "Other"),
]


def normalize_number(number):
    """Digits of a phone number without the Chinese country code: '+86 139-1234-5678'
    → '13912345678'."""
    digits = re.sub(r"\D", "", number or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


class LohiCall(models.Model):
    """One telephone call, inbound or outbound (CC-1, CC-2): who called, about what, how
    it ended, how long it took."""

    _name = "lohi.call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Call"
    _order = "start desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    direction = fields.Selection(
        [("in", "Inbound"), ("out", "Outbound")], required=True, default="in", index=True
    )
    number = fields.Char(required=True, help="The client's number as the exchange gave it.")
    number_normalized = fields.Char(
        compute="_compute_number_normalized", store=True, index=True, string="Number (digits)"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    centre_id = fields.Many2one(related="partner_id.lohi_centre_id", store=True, index=True)
    agent_id = fields.Many2one(
        "res.users", index=True, default=lambda self: self.env.user, tracking=True
    )
    call_type = fields.Selection(CALL_TYPES, string="Type", default="inquiry", index=True)
    content = fields.Text()
    solution = fields.Text()
    result = fields.Selection(
        [("open", "Open"), ("solved", "Solved"), ("escalated", "Escalated")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    escalate_to_id = fields.Many2one("res.users", string="Escalated to", tracking=True)
    promised_time = fields.Datetime(string="Promised Answer", tracking=True)
    escalation_overdue = fields.Boolean(
        compute="_compute_escalation_overdue", search="_search_escalation_overdue"
    )
    start = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    answer_time = fields.Datetime(string="Answered")
    end_time = fields.Datetime(string="Ended")
    ring_seconds = fields.Integer(
        string="Answer Speed (s)", compute="_compute_durations", store=True, aggregator="avg"
    )
    duration = fields.Integer(
        string="Duration (s)", compute="_compute_durations", store=True, aggregator="sum"
    )
    recording_url = fields.Char(string="Recording")
    external_id = fields.Char(
        string="Exchange Call ID", readonly=True, copy=False, help="The PBX's id of the call."
    )
    task_id = fields.Many2one("lohi.call.task", string="Call Task", index=True, ondelete="set null")
    complaint_id = fields.Many2one("lohi.complaint", readonly=True, copy=False)
    script_ids = fields.Many2many(
        "lohi.call.script", compute="_compute_script_ids", string="Scripts for this Call"
    )

    _sql_constraints = [
        ("external_id_uniq", "unique(external_id)", "This exchange call is already recorded."),
        (
            "times_ordered",
            "CHECK(end_time IS NULL OR end_time >= start)",
            "A call cannot end before it starts.",
        ),
    ]

    @api.depends("number")
    def _compute_number_normalized(self):
        for call in self:
            call.number_normalized = normalize_number(call.number) or False

    @api.depends("number_normalized")
    def _compute_partner_id(self):
        numbers = {c.number_normalized for c in self if c.number_normalized and not c.partner_id}
        found = self._find_clients(numbers)
        for call in self:
            if not call.partner_id and call.number_normalized:
                call.partner_id = found.get(call.number_normalized, False)

    @api.model
    def _find_clients(self, numbers):
        """{digits: partner} for the clients with these numbers, in one query (the
        trigram index on lohi_phone_digits answers it)."""
        numbers = {n for n in numbers if len(n) >= 7}
        if not numbers:
            return {}
        domain = ["|"] * (len(numbers) - 1)
        for number in numbers:
            domain.append(("lohi_phone_digits", "ilike", number))
        # Number lookup across centres for routing only: the call records which client
        # rang; reading the archive still goes through the agent's own rights.
        partners_sudo = (
            self.env["res.partner"]
            .sudo()
            .search([("lohi_is_client", "=", True)] + domain, order="id")
        )
        found = {}
        for partner in partners_sudo:
            for number in numbers:
                if number in (partner.lohi_phone_digits or "") and number not in found:
                    found[number] = partner.id
        return found

    @api.depends("start", "answer_time", "end_time")
    def _compute_durations(self):
        for call in self:
            call.ring_seconds = (
                int((call.answer_time - call.start).total_seconds()) if call.answer_time else 0
            )
            began = call.answer_time or call.start
            call.duration = (
                int((call.end_time - began).total_seconds()) if call.end_time and began else 0
            )

    @api.depends("result", "promised_time")
    def _compute_escalation_overdue(self):
        now = fields.Datetime.now()
        for call in self:
            call.escalation_overdue = bool(
                call.result == "escalated" and call.promised_time and call.promised_time < now
            )

    def _search_escalation_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue escalations."))
        domain = [("result", "=", "escalated"), ("promised_time", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("call_type")
    def _compute_script_ids(self):
        Script = self.env["lohi.call.script"]
        scripts = Script.search([])
        for call in self:
            call.script_ids = scripts.filtered(
                lambda s, t=call.call_type: not s.call_type or s.call_type == t
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.call") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------ actions
    def action_solve(self):
        for call in self:
            if call.result != "open":
                raise UserError(
                    self.env._(
                        "Call %(ref)s is already %(result)s.", ref=call.name, result=call.result
                    )
                )
            if not (call.solution or "").strip():
                raise UserError(
                    self.env._("Write the solution given on call %(ref)s.", ref=call.name)
                )
        self.write({"result": "solved"})
        return True

    def action_escalate(self):
        """Hand the call's issue to a supervisor or department with a promised time; the
        activity on the call keeps it visible and overdue-tracked."""
        for call in self:
            if call.result != "open":
                raise UserError(self.env._("Only an open call can be escalated."))
            if not call.escalate_to_id or not call.promised_time:
                raise ValidationError(
                    self.env._(
                        "Choose whom to escalate %(ref)s to and the promised time.", ref=call.name
                    )
                )
            call.write({"result": "escalated"})
            call.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=call.escalate_to_id.id,
                date_deadline=fields.Date.to_date(call.promised_time),
                summary=self.env._("Escalated call %(ref)s", ref=call.name),
                note=call.content or "",
            )
        return True

    def action_escalation_solved(self):
        for call in self:
            if call.result != "escalated":
                raise UserError(self.env._("Call %(ref)s is not escalated.", ref=call.name))
            if self.env.user not in (
                call.escalate_to_id | call.agent_id
            ) and not self.env.user.has_group("lohi_clients.group_cc_supervisor"):
                raise UserError(self.env._("Only the person it was escalated to closes it."))
        self.write({"result": "solved"})
        self.activity_ids.action_feedback(feedback=self.env._("Solved"))
        return True

    def action_create_complaint(self):
        """A complaint call becomes a complaint owned by the agent (first receiver)."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(self.env._("Link the call to the client first."))
        if not self.complaint_id:
            complaint = self.env["lohi.complaint"].create(
                {
                    "partner_id": self.partner_id.id,
                    "channel": "hotline",
                    "description": self.content or self.env._("Complaint by phone"),
                }
            )
            self.complaint_id = complaint
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.complaint",
            "res_id": self.complaint_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_client(self):
        """Open the client's archive, or a new client form prefilled with the number."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [(self.env.ref("lohi_clients.res_partner_view_form_lohi_client").id, "form")],
            "target": "current",
        }
        if self.partner_id:
            action["res_id"] = self.partner_id.id
        else:
            action["context"] = {
                "default_lohi_is_client": True,
                "default_mobile": self.number,
                "default_lohi_source": "hotline",
                # the client saved from this form becomes the call's client
                "lohi_incoming_call_id": self.id,
            }
        return action

    def action_open_call(self):
        """The call's own form, where the agent logs what was said and the result."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.call",
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }
