from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

_INTERNAL = object()


class LohiSurveyImprovement(models.Model):
    """SUR-8: the customer-service supervisor analyses the satisfaction results and sets
    measures by problem level; the branch director supervises the fix; HQ tracks the
    result; not solved: find the cause again and redo; closed."""

    _name = "lohi.survey.improvement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Satisfaction Improvement"
    _order = "create_date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    centre_id = fields.Many2one("lohi.centre", required=True, index=True, tracking=True)
    summary_id = fields.Many2one(
        "lohi.survey.centre.month", string="Monthly Summary", index="btree_not_null"
    )
    problem_level = fields.Selection(
        [("minor", "Minor"), ("general", "General"), ("serious", "Serious")],
        required=True,
        default="general",
        tracking=True,
    )
    analysis = fields.Html(help="The satisfaction analysis report: findings and causes.")
    measure_ids = fields.One2many("lohi.survey.improvement.measure", "improvement_id")
    result = fields.Text(help="What the centre changed, reported by the director.")
    tracking_note = fields.Text(string="HQ Tracking", help="HQ's verdict on the result.")
    redo_count = fields.Integer(readonly=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Analysis"),
            ("fixing", "Director Supervises Fix"),
            ("tracking", "HQ Tracks Result"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    closed_by_id = fields.Many2one("res.users", readonly=True)

    def write(self, vals):
        if {"state", "redo_count", "closed_by_id"} & set(vals) and (
            self.env.context.get("lohi_improvement_internal") is not _INTERNAL
        ):
            raise UserError(self.env._("The state changes only through the buttons."))
        return super().write(vals)

    def _internal(self):
        return self.with_context(lohi_improvement_internal=_INTERNAL)

    def _check_state(self, states, action):
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s is not possible: %(name)s is in another stage.",
                    action=action,
                    name=wrong[0].name,
                )
            )

    def _check_groups(self, groups, action):
        if not any(self.env.user.has_group(g) for g in (*groups, "lohi_clients.group_admin")):
            raise AccessError(
                self.env._("You are not allowed to %(action)s an improvement.", action=action)
            )

    def action_submit(self):
        """Customer-service supervisor hands the analysis and measures to the centre."""
        self._check_groups(("lohi_clients.group_cs_supervisor",), self.env._("submit"))
        self._check_state(("draft",), self.env._("Submitting"))
        if self.filtered(lambda r: not r.measure_ids):
            raise UserError(self.env._("Set at least one improvement measure first."))
        self._internal().write({"state": "fixing"})
        for record in self:
            director = record.centre_id.director_id
            if director:
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=director.id,
                    summary=self.env._("Supervise the service improvement"),
                )
        return True

    def action_fixed(self):
        """The centre's director reports the fix done."""
        self._check_groups(("lohi_clients.group_branch_director",), self.env._("report"))
        self._check_state(("fixing",), self.env._("Reporting the fix"))
        user = self.env.user
        if not user.has_group("lohi_clients.group_admin"):
            foreign = self.filtered(
                lambda r: (
                    r.centre_id not in user.lohi_centre_ids and r.centre_id.director_id != user
                )
            )
            if foreign:
                raise AccessError(
                    self.env._(
                        "Only the director of %(centre)s reports its fix.",
                        centre=foreign[0].centre_id.name,
                    )
                )
        if self.filtered(lambda r: not r.result):
            raise UserError(self.env._("Describe the result of the fix first."))
        self._internal().write({"state": "tracking"})
        return True

    def action_close(self):
        """HQ confirms the problem is solved."""
        self._check_groups(("lohi_clients.group_hq_operations",), self.env._("close"))
        self._check_state(("tracking",), self.env._("Closing"))
        self._internal().write({"state": "closed", "closed_by_id": self.env.uid})
        return True

    def action_redo(self):
        """HQ finds it not solved: back to the analysis to find the cause again."""
        self._check_groups(("lohi_clients.group_hq_operations",), self.env._("send back"))
        self._check_state(("tracking",), self.env._("Sending back"))
        if self.filtered(lambda r: not r.tracking_note):
            raise UserError(self.env._("Say in the HQ tracking note why it is not solved."))
        for record in self:
            record._internal().write({"state": "draft", "redo_count": record.redo_count + 1})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda r: r.state != "draft" or r.redo_count):
            raise UserError(self.env._("Only a new analysis can be deleted."))


class LohiSurveyImprovementMeasure(models.Model):
    _name = "lohi.survey.improvement.measure"
    _description = "Improvement Measure"
    _order = "sequence, id"

    improvement_id = fields.Many2one(
        "lohi.survey.improvement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Measure", required=True)
    dimension = fields.Selection(
        selection=lambda self: self.env["survey.question"]._fields["lohi_dimension"].selection
    )
    responsible_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    deadline = fields.Date()
    done = fields.Boolean()
