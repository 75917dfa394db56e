from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ANSWER_TYPES = [
    ("text", "Text"),
    ("number", "Number"),
    ("yes_no", "Yes / No"),
    ("choice", "Single Choice"),
    ("scale", "Scale 0–10"),
]


class LohiConsultationSet(models.Model):
    """A configurable question set, e.g. the "matrix consultation" (矩阵问诊, CLI-3)."""

    _name = "lohi.consultation.set"
    _description = "Consultation Question Set"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    section_ids = fields.One2many(
        "lohi.consultation.section", "set_id", string="Sections", copy=True
    )
    question_count = fields.Integer(compute="_compute_question_count")

    def _compute_question_count(self):
        counts = dict(
            self.env["lohi.consultation.question"]._read_group(
                [("section_id.set_id", "in", self.ids)], ["set_id"], ["__count"]
            )
        )
        for qset in self:
            qset.question_count = counts.get(qset, 0)


class LohiConsultationSection(models.Model):
    _name = "lohi.consultation.section"
    _description = "Consultation Section"
    _order = "set_id, sequence, id"

    set_id = fields.Many2one(
        "lohi.consultation.set",
        string="Question Set",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    question_ids = fields.One2many(
        "lohi.consultation.question", "section_id", string="Questions", copy=True
    )


class LohiConsultationQuestion(models.Model):
    _name = "lohi.consultation.question"
    _description = "Consultation Question"
    _order = "section_id, sequence, id"

    section_id = fields.Many2one(
        "lohi.consultation.section", required=True, ondelete="cascade", index=True
    )
    set_id = fields.Many2one(related="section_id.set_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    answer_type = fields.Selection(ANSWER_TYPES, required=True, default="text")
    option_ids = fields.One2many(
        "lohi.consultation.option", "question_id", string="Options", copy=True
    )
    required = fields.Boolean(help="The consultation cannot be finished without an answer.")
    unit = fields.Char(help="Unit of a numeric answer, e.g. kg, cm, hours.")


class LohiConsultationOption(models.Model):
    _name = "lohi.consultation.option"
    _description = "Consultation Answer Option"
    _order = "question_id, sequence, id"

    question_id = fields.Many2one(
        "lohi.consultation.question", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)


class LohiConsultation(models.Model):
    """One interview of a client by a functional doctor (问诊, CLI-3). Saving the first
    consultation of a client gives the client an archive number (CLI-2)."""

    _name = "lohi.consultation"
    _inherit = ["mail.thread", "mail.activity.mixin", "lohi.access.logged.mixin"]
    _description = "Consultation"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("lohi_is_client", "=", True)],
        tracking=True,
    )
    archive_no = fields.Char(related="partner_id.lohi_archive_no", string="Archive No.")
    centre_id = fields.Many2one(
        "lohi.centre",
        index=True,
        compute="_compute_centre_id",
        store=True,
        readonly=False,
    )
    doctor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    set_id = fields.Many2one("lohi.consultation.set", string="Question Set", required=True)
    answer_ids = fields.One2many(
        "lohi.consultation.answer", "consultation_id", string="Answers", copy=True
    )
    summary = fields.Text(string="Doctor's Summary")
    state = fields.Selection(
        [("draft", "In Progress"), ("done", "Finished")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )

    @api.depends("partner_id.name", "date")
    def _compute_name(self):
        for consultation in self:
            day = fields.Date.to_string(consultation.date.date()) if consultation.date else ""
            consultation.name = f"{consultation.partner_id.name or ''} {day}".strip()

    @api.depends("partner_id")
    def _compute_centre_id(self):
        for consultation in self:
            consultation.centre_id = consultation.partner_id.lohi_centre_id

    @api.onchange("set_id")
    def _onchange_set_id(self):
        if self.set_id and not self.answer_ids:
            self.answer_ids = [
                fields.Command.create({"question_id": q.id})
                for q in self.set_id.section_ids.question_ids
            ]

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse({v.get("partner_id") for v in vals_list} - {None})
        partners._lohi_check_clinical_consent()
        consultations = super().create(vals_list)
        consultations._fill_missing_answers()
        # CLI-2: the first consultation saved gives the client the archive number.
        consultations.partner_id._lohi_assign_archive_no()
        return consultations

    def write(self, vals):
        locked = self.filtered(lambda c: c.state == "done")
        if locked and set(vals) - {"summary", "state"} and not self.env.su:
            raise UserError(self.env._("A finished consultation cannot be changed."))
        self.partner_id._lohi_check_clinical_consent()
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        # read(), search_read() and web_read all end here.
        result = super()._read_format(fnames, load=load)
        if not self.env.su and self:
            self.env["lohi.access.log"]._record_access(
                self.partner_id, "consultation", fnames or ["all"], records=self
            )
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        if not self.env.su and self:
            self.env["lohi.access.log"]._record_access(
                self.partner_id,
                "export",
                [p.split("/")[0] for p in fields_to_export],
                records=self,
            )
        return result

    def _fill_missing_answers(self):
        Answer = self.env["lohi.consultation.answer"]
        vals_list = []
        for consultation in self:
            answered = consultation.answer_ids.question_id
            for question in consultation.set_id.section_ids.question_ids - answered:
                vals_list.append({"consultation_id": consultation.id, "question_id": question.id})
        if vals_list:
            Answer.create(vals_list)

    def action_done(self):
        for consultation in self:
            if consultation.state != "draft":
                raise UserError(self.env._("Only a consultation in progress can be finished."))
            missing = consultation.answer_ids.filtered(
                lambda a: a.question_id.required and not a.has_answer
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Answer the required questions first: %(questions)s",
                        questions=", ".join(missing.question_id.mapped("name")),
                    )
                )
        self.write({"state": "done"})
        return True


class LohiConsultationAnswer(models.Model):
    _name = "lohi.consultation.answer"
    _description = "Consultation Answer"
    _order = "consultation_id, section_sequence, question_sequence, id"

    consultation_id = fields.Many2one(
        "lohi.consultation", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="consultation_id.partner_id", store=True, index=True)
    question_id = fields.Many2one("lohi.consultation.question", required=True, ondelete="restrict")
    section_id = fields.Many2one(related="question_id.section_id", store=True)
    section_sequence = fields.Integer(
        string="Section Sequence", related="section_id.sequence", store=True
    )
    question_sequence = fields.Integer(
        string="Question Sequence", related="question_id.sequence", store=True
    )
    answer_type = fields.Selection(related="question_id.answer_type")
    value_text = fields.Text(string="Answer")
    value_number = fields.Float(string="Number")
    value_bool = fields.Selection([("yes", "Yes"), ("no", "No")], string="Yes / No")
    value_option_id = fields.Many2one(
        "lohi.consultation.option", string="Choice", domain="[('question_id', '=', question_id)]"
    )
    value_scale = fields.Integer(string="Scale")
    has_answer = fields.Boolean(compute="_compute_has_answer")
    value_display = fields.Char(string="Answer Given", compute="_compute_value_display")

    _sql_constraints = [
        (
            "question_uniq",
            "unique(consultation_id, question_id)",
            "A question is answered once per consultation.",
        ),
        (
            "scale_range",
            "CHECK(value_scale BETWEEN 0 AND 10)",
            "A scale answer lies between 0 and 10.",
        ),
    ]

    @api.depends(
        "answer_type", "value_text", "value_number", "value_bool", "value_option_id", "value_scale"
    )
    def _compute_has_answer(self):
        for answer in self:
            kind = answer.answer_type
            answer.has_answer = bool(
                (kind == "text" and (answer.value_text or "").strip())
                or (kind == "number" and answer.value_number)
                or (kind == "yes_no" and answer.value_bool)
                or (kind == "choice" and answer.value_option_id)
                or (kind == "scale" and answer.value_scale)
            )

    @api.depends(
        "answer_type", "value_text", "value_number", "value_bool", "value_option_id", "value_scale"
    )
    def _compute_value_display(self):
        yes_no = dict(self._fields["value_bool"]._description_selection(self.env))
        for answer in self:
            kind = answer.answer_type
            if not answer.has_answer:
                answer.value_display = ""
            elif kind == "text":
                answer.value_display = answer.value_text
            elif kind == "number":
                unit = answer.question_id.unit or ""
                answer.value_display = f"{answer.value_number:g} {unit}".strip()
            elif kind == "yes_no":
                answer.value_display = yes_no.get(answer.value_bool)
            elif kind == "choice":
                answer.value_display = answer.value_option_id.name
            else:
                answer.value_display = f"{answer.value_scale} / 10"

    @api.constrains("value_option_id", "question_id")
    def _check_option(self):
        for answer in self:
            if answer.value_option_id and answer.value_option_id.question_id != answer.question_id:
                raise ValidationError(
                    self.env._(
                        "The choice %(option)s does not belong to the question %(question)s.",
                        option=answer.value_option_id.name,
                        question=answer.question_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su and self.consultation_id.filtered(lambda c: c.state == "done"):
            raise UserError(self.env._("A finished consultation cannot be changed."))
        self.consultation_id.partner_id._lohi_check_clinical_consent()
        return super().write(vals)
