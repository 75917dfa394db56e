from odoo import api, fields, models

DIMENSIONS = [
    ("attitude", "Service Attitude"),
    ("speed", "Response Speed"),
    ("problem", "Problem Solving"),
    ("result", "Result"),
    ("doctor", "Doctor"),
    ("environment", "Environment"),
    ("product", "Product"),
    ("quality", "Service Quality"),
    ("follow_up", "Follow-up Service"),
    ("nps", "Recommendation (NPS)"),
    ("suggestion", "Suggestions"),
]

# The five levels of a rated question (SUR-1): 5 = very satisfied … 1 = very dissatisfied.
LEVELS = [
    ("5", "Very Satisfied"),
    ("4", "Satisfied"),
    ("3", "Neutral"),
    ("2", "Dissatisfied"),
    ("1", "Very Dissatisfied"),
]


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    lohi_kind = fields.Selection(
        [
            ("client", "Client Satisfaction"),
            ("institution", "Institution Satisfaction"),
            ("third_party", "Third-party Survey"),
        ],
        string="Lohi Survey Kind",
        index=True,
        help="Client satisfaction surveys feed the satisfaction rate (SUR-4); institution "
        "surveys are answered in the portal every quarter (SUR-7).",
    )


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    lohi_dimension = fields.Selection(
        DIMENSIONS,
        string="Satisfaction Dimension",
        index=True,
        help="What the question rates. Rated questions offer the five levels (very "
        "satisfied … very dissatisfied); the NPS question is a 0–10 scale.",
    )

    @api.model
    def _lohi_level_answers(self):
        """Suggested answers of a five-level question, best first."""
        return [
            {"value": label, "lohi_level": int(level), "sequence": 6 - int(level)}
            for level, label in LEVELS
        ]


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    lohi_level = fields.Integer(
        string="Satisfaction Level",
        help="5 very satisfied, 4 satisfied, 3 neutral, 2 dissatisfied, 1 very "
        "dissatisfied; empty for answers that are not a satisfaction level.",
    )

    _sql_constraints = [
        (
            "lohi_level_range",
            "CHECK(lohi_level IS NULL OR lohi_level BETWEEN 0 AND 5)",
            "A satisfaction level is between 1 and 5.",
        ),
    ]
