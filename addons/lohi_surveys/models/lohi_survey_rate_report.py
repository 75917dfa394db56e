from odoo import fields, models, tools
from odoo.tools import SQL

from .survey_survey import DIMENSIONS
from .survey_user_input import CHANNELS


class LohiSurveyRateReport(models.Model):
    """One row per rated answer of a completed survey (SUR-4).

    * ``satisfied`` is 100 for a level-4 or level-5 answer (satisfied, very satisfied)
      and 0 for levels 1–3: its average is the satisfaction rate in %.
    * ``level`` (1–5): its average is the mean score.
    * ``nps_point`` is +100 for a promoter (9–10), 0 for a passive (7–8) and −100 for a
      detractor (0–6): its average is the Net Promoter Score.
    """

    _name = "lohi.survey.rate.report"
    _description = "Satisfaction Rate Analysis"
    _auto = False
    _order = "date desc, id desc"

    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    dimension = fields.Selection(DIMENSIONS, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    centre_id = fields.Many2one("lohi.centre", readonly=True)
    doctor_id = fields.Many2one("res.users", readonly=True)
    institution_id = fields.Many2one("lohi.institution", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    kind = fields.Selection(
        [
            ("client", "Client Satisfaction"),
            ("institution", "Institution Satisfaction"),
            ("third_party", "Third-party Survey"),
        ],
        readonly=True,
    )
    date = fields.Date(readonly=True)
    level = fields.Float(string="Mean Score", readonly=True, aggregator="avg")
    satisfied = fields.Float(string="Satisfaction Rate (%)", readonly=True, aggregator="avg")
    nps_score = fields.Float(string="Mean Recommendation (0–10)", readonly=True, aggregator="avg")
    nps_point = fields.Float(string="NPS", readonly=True, aggregator="avg")
    rated_count = fields.Integer(string="Rated Answers", readonly=True, aggregator="sum")
    nps_count = fields.Integer(string="NPS Answers", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT l.id, ui.id AS user_input_id, ui.survey_id, l.question_id,
                       q.lohi_dimension AS dimension, ui.partner_id,
                       ui.lohi_centre_id AS centre_id, ui.lohi_doctor_id AS doctor_id,
                       ui.lohi_institution_id AS institution_id, ui.lohi_channel AS channel,
                       s.lohi_kind AS kind,
                       (COALESCE(ui.end_datetime, ui.create_date)
                            AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date AS date,
                       CASE WHEN a.lohi_level > 0 THEN a.lohi_level END AS level,
                       CASE WHEN a.lohi_level >= 4 THEN 100.0
                            WHEN a.lohi_level > 0 THEN 0.0 END AS satisfied,
                       CASE WHEN q.lohi_dimension = 'nps' THEN l.value_scale END AS nps_score,
                       CASE WHEN q.lohi_dimension <> 'nps' THEN NULL
                            WHEN l.value_scale >= 9 THEN 100.0
                            WHEN l.value_scale >= 7 THEN 0.0
                            ELSE -100.0 END AS nps_point,
                       CASE WHEN a.lohi_level > 0 THEN 1 ELSE 0 END AS rated_count,
                       CASE WHEN q.lohi_dimension = 'nps' THEN 1 ELSE 0 END AS nps_count
                  FROM survey_user_input_line l
                  JOIN survey_user_input ui ON ui.id = l.user_input_id
                  JOIN survey_survey s ON s.id = ui.survey_id
                  JOIN survey_question q ON q.id = l.question_id
             LEFT JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                 WHERE ui.state = 'done'
                   AND ui.test_entry IS NOT TRUE
                   AND l.skipped IS NOT TRUE
                   AND (a.lohi_level > 0
                        OR (q.lohi_dimension = 'nps' AND l.answer_type = 'scale'))
            )""",
                SQL.identifier(self._table),
            )
        )

    def _lohi_rates(self, domain, groupby=()):
        """Satisfaction rate, mean score and NPS over ``domain``, grouped by ``groupby``:
        ``{group key tuple: {"rate", "mean", "nps", "rated", "nps_count"}}`` (SUR-4).
        Rates are None where no answer counts."""
        self.env.flush_all()
        rows = self._read_group(
            domain,
            list(groupby),
            ["satisfied:avg", "level:avg", "nps_point:avg", "rated_count:sum", "nps_count:sum"],
        )
        result = {}
        for row in rows:
            key = tuple(row[: len(groupby)])
            rate, mean, nps, rated, nps_count = row[len(groupby) :]
            result[key] = {
                "rate": rate if rated else None,
                "mean": mean if rated else None,
                "nps": nps if nps_count else None,
                "rated": rated or 0,
                "nps_count": nps_count or 0,
            }
        return result
