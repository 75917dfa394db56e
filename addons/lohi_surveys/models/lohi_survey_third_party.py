from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

_INTERNAL = object()
MANAGE_GROUPS = ("lohi_clients.group_hq_operations", "lohi_clients.group_admin")


class LohiSurveyThirdParty(models.Model):
    """SUR-9: a satisfaction survey run by an outside agency for HQ operations: project,
    questionnaire, scoring standard, imported results, review of the report."""

    _name = "lohi.survey.third.party"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Third-party Satisfaction Survey"
    _order = "create_date desc, id desc"

    name = fields.Char(string="Project", required=True, tracking=True)
    agency_id = fields.Many2one("res.partner", string="Survey Agency", required=True, tracking=True)
    centre_ids = fields.Many2many("lohi.centre", string="Centres Surveyed")
    team = fields.Text(string="Project Team and Roles")
    plan = fields.Html(string="Implementation Plan")
    questionnaire_id = fields.Many2one("survey.survey", domain=[("lohi_kind", "=", "third_party")])
    scoring_standard = fields.Html()
    result_ids = fields.One2many("lohi.survey.third.party.result", "project_id", string="Results")
    report_attachment_ids = fields.Many2many(
        "ir.attachment",
        "lohi_survey_third_party_report_rel",
        "project_id",
        "attachment_id",
        string="Report",
    )
    average_score = fields.Float(compute="_compute_average_score", store=True, digits=(5, 1))
    review_note = fields.Text(string="Review")
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Requested"),
            ("approved", "Plan Approved"),
            ("surveying", "Surveying"),
            ("reported", "Report Submitted"),
            ("reviewed", "Reviewed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )

    @api.depends("result_ids.score", "result_ids.sample_size")
    def _compute_average_score(self):
        for project in self:
            results = project.result_ids
            weight = sum(results.mapped("sample_size"))
            project.average_score = (
                sum(r.score * r.sample_size for r in results) / weight if weight else 0.0
            )

    def write(self, vals):
        if {"state", "reviewed_by_id"} & set(vals) and (
            self.env.context.get("lohi_third_party_internal") is not _INTERNAL
        ):
            raise UserError(self.env._("The state changes only through the buttons."))
        return super().write(vals)

    def _move(self, states, new_state, **extra):
        if not any(self.env.user.has_group(g) for g in MANAGE_GROUPS):
            raise AccessError(self.env._("Only HQ operations manages third-party surveys."))
        if self.filtered(lambda p: p.state not in states):
            raise UserError(self.env._("This step is not possible in the project's stage."))
        self.with_context(lohi_third_party_internal=_INTERNAL).write({"state": new_state, **extra})
        return True

    def action_approve_plan(self):
        if self.filtered(lambda p: not p.questionnaire_id and not p.scoring_standard):
            raise UserError(self.env._("Set the questionnaire or the scoring standard first."))
        return self._move(("draft",), "approved")

    def action_start(self):
        return self._move(("approved",), "surveying")

    def action_report(self):
        if self.filtered(lambda p: not p.result_ids):
            raise UserError(self.env._("Import the survey results first."))
        return self._move(("surveying",), "reported")

    def action_review(self):
        if self.filtered(lambda p: not p.review_note):
            raise UserError(self.env._("Write the review of the report first."))
        return self._move(("reported",), "reviewed", reviewed_by_id=self.env.uid)


class LohiSurveyThirdPartyResult(models.Model):
    """One imported result row: a centre's score on a dimension (import from the
    agency's spreadsheet with the list view's Import)."""

    _name = "lohi.survey.third.party.result"
    _description = "Third-party Survey Result"
    _order = "project_id, centre_id, dimension"

    project_id = fields.Many2one(
        "lohi.survey.third.party", required=True, ondelete="cascade", index=True
    )
    centre_id = fields.Many2one("lohi.centre", required=True)
    dimension = fields.Selection(
        selection=lambda self: self.env["survey.question"]._fields["lohi_dimension"].selection,
        required=True,
    )
    score = fields.Float(required=True, help="Score on the agency's 0–100 standard.")
    sample_size = fields.Integer(default=1)
    comment = fields.Text()

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score is between 0 and 100."),
        ("sample_positive", "CHECK(sample_size > 0)", "The sample size must be positive."),
    ]
