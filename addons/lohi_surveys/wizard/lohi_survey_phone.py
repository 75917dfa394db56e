from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.survey_user_input import CHANNELS, ORIGINS

ENTRY_GROUPS = (
    "lohi_clients.group_cc_agent",
    "lohi_clients.group_customer_service",
    "lohi_clients.group_health_manager",
    "lohi_clients.group_admin",
)
HQ_ENTRY_GROUPS = (
    "lohi_clients.group_cc_agent",
    "lohi_clients.group_customer_service",
    "lohi_clients.group_admin",
)


class LohiSurveyPhone(models.TransientModel):
    """Phone mode (SUR-3): the agent reads the questions to the client and enters the
    answers question by question, plus the client's free suggestions."""

    _name = "lohi.survey.phone"
    _description = "Enter Survey Answers by Phone"

    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain=[("lohi_kind", "=", "client")],
        default=lambda self: self.env.ref(
            "lohi_surveys.survey_client_satisfaction", raise_if_not_found=False
        ),
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, domain=[("lohi_is_client", "=", True)]
    )
    centre_id = fields.Many2one("lohi.centre")
    doctor_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    origin = fields.Selection(ORIGINS, required=True, default="call")
    appointment_id = fields.Many2one("lohi.appointment")
    lab_order_id = fields.Many2one("lohi.lab.order")
    callback_id = fields.Many2one("lohi.survey.callback")
    suggestion = fields.Text(string="Suggestions")
    line_ids = fields.One2many("lohi.survey.phone.line", "wizard_id", string="Answers")

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.centre_id = self.partner_id.lohi_centre_id
            self.doctor_id = self.partner_id.lohi_doctor_id

    @api.onchange("survey_id")
    def _onchange_survey_id(self):
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._line_values(self.survey_id)
        ]

    @api.model
    def _line_values(self, survey):
        return [
            {"question_id": question.id, "sequence": question.sequence}
            for question in survey.question_ids
            if question.question_type in ("simple_choice", "scale", "text_box", "char_box")
        ]

    @api.model_create_multi
    def create(self, vals_list):
        default_survey = self.default_get(["survey_id"]).get("survey_id")
        for vals in vals_list:
            survey_id = vals.get("survey_id", default_survey)
            if survey_id and not vals.get("line_ids"):
                survey = self.env["survey.survey"].browse(survey_id)
                vals["line_ids"] = [Command.create(v) for v in self._line_values(survey)]
        return super().create(vals_list)

    @api.model
    def _action_open(self, partner, centre=False, origin="call", callback=False):
        wizard = self.create(
            {
                "partner_id": partner.id,
                "centre_id": (centre or partner.lohi_centre_id).id,
                "doctor_id": partner.lohi_doctor_id.id,
                "origin": origin,
                "callback_id": callback and callback.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enter Survey Answers"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_entry_rights(self):
        user = self.env.user
        if not any(user.has_group(g) for g in ENTRY_GROUPS):
            raise AccessError(
                self.env._(
                    "Only call-centre agents, customer service and health managers enter "
                    "survey answers."
                )
            )
        if not any(user.has_group(g) for g in HQ_ENTRY_GROUPS):
            centre = self.centre_id or self.partner_id.sudo().lohi_centre_id
            if centre not in user.lohi_centre_ids:
                raise AccessError(
                    self.env._(
                        "You can only enter answers of clients of your centres "
                        "(%(centre)s is not one of them).",
                        centre=centre.name or "-",
                    )
                )

    def action_save(self):
        """Store the answers as one completed survey answer, entered by the current user."""
        self.ensure_one()
        self._check_entry_rights()
        answered = self.line_ids.filtered(
            lambda line: line.answer_id or line.text_value or line.nps_value >= 0
        )
        if not answered and not self.suggestion:
            raise UserError(self.env._("Enter at least one answer or a suggestion."))
        for line in self.line_ids.filtered(lambda line: line.question_type == "scale"):
            question = line.question_id
            if line.nps_value >= 0 and not (
                question.scale_min <= line.nps_value <= question.scale_max
            ):
                raise UserError(
                    self.env._(
                        "%(question)s takes a value from %(min)s to %(max)s.",
                        question=question.title,
                        min=question.scale_min,
                        max=question.scale_max,
                    )
                )
        Answer = self.env["survey.user_input"]
        answer = Answer.sudo().create(
            {
                "survey_id": self.survey_id.id,
                "partner_id": self.partner_id.id,
                "email": self.partner_id.email,
                "nickname": self.partner_id.name,
                "lohi_centre_id": self.centre_id.id,
                "lohi_doctor_id": self.doctor_id.id,
                "lohi_channel": self.channel,
                "lohi_origin": self.origin,
                "lohi_appointment_id": self.appointment_id.id,
                "lohi_lab_order_id": self.lab_order_id.id,
                "lohi_entered_by_id": self.env.user.id,
                "lohi_suggestion": self.suggestion,
                "start_datetime": fields.Datetime.now(),
                "state": "in_progress",
            }
        )
        lines = []
        for line in self.line_ids:
            vals = {"user_input_id": answer.id, "question_id": line.question_id.id}
            if line.question_type == "simple_choice" and line.answer_id:
                vals.update(answer_type="suggestion", suggested_answer_id=line.answer_id.id)
            elif line.question_type == "scale" and line.nps_value >= 0:
                vals.update(answer_type="scale", value_scale=line.nps_value)
            elif line.question_type == "text_box" and line.text_value:
                vals.update(answer_type="text_box", value_text_box=line.text_value)
            elif line.question_type == "char_box" and line.text_value:
                vals.update(answer_type="char_box", value_char_box=line.text_value)
            else:
                vals.update(skipped=True)
            lines.append(vals)
        self.env["survey.user_input.line"].sudo().create(lines)
        answer._mark_done()
        if self.callback_id:
            self.callback_id.sudo().write({"state": "done", "user_input_id": answer.id})
            self.callback_id.sudo().activity_id.action_feedback(
                feedback=self.env._("Survey entered by phone.")
            )
        return {"type": "ir.actions.act_window_close"}


class LohiSurveyPhoneLine(models.TransientModel):
    _name = "lohi.survey.phone.line"
    _description = "Survey Answer Entered by Phone"
    _order = "sequence, id"

    wizard_id = fields.Many2one("lohi.survey.phone", required=True, ondelete="cascade")
    sequence = fields.Integer()
    question_id = fields.Many2one("survey.question", required=True, readonly=True)
    question_type = fields.Selection(related="question_id.question_type")
    answer_id = fields.Many2one(
        "survey.question.answer",
        domain="[('question_id', '=', question_id)]",
    )
    nps_value = fields.Integer(string="Score (0–10)", default=-1, help="-1: not answered.")
    text_value = fields.Text(string="Text")

    @api.constrains("answer_id", "question_id")
    def _check_answer_question(self):
        for line in self:
            if line.answer_id and line.answer_id.question_id != line.question_id:
                raise UserError(self.env._("The answer does not belong to the question."))
