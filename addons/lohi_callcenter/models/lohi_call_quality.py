from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL


class LohiCallScoreSheet(models.Model):
    """A configurable score sheet supervisors score calls with (CC-5)."""

    _name = "lohi.call.score.sheet"
    _description = "Call Score Sheet"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    criterion_ids = fields.One2many(
        "lohi.call.score.criterion", "sheet_id", string="Criteria", copy=True
    )
    max_total = fields.Integer(compute="_compute_max_total")

    @api.depends("criterion_ids.max_points")
    def _compute_max_total(self):
        for sheet in self:
            sheet.max_total = sum(sheet.criterion_ids.mapped("max_points"))


class LohiCallScoreCriterion(models.Model):
    _name = "lohi.call.score.criterion"
    _description = "Call Score Criterion"
    _order = "sheet_id, sequence, id"

    sheet_id = fields.Many2one("lohi.call.score.sheet", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    max_points = fields.Integer(required=True, default=10)

    _sql_constraints = [
        ("max_positive", "CHECK(max_points > 0)", "A criterion is worth more than zero points."),
    ]


class LohiCallScore(models.Model):
    _name = "lohi.call.score"
    _description = "Call Quality Score"
    _order = "id desc"

    call_id = fields.Many2one("lohi.call", required=True, ondelete="cascade", index=True)
    agent_id = fields.Many2one(related="call_id.agent_id", store=True, index=True)
    sheet_id = fields.Many2one("lohi.call.score.sheet", required=True)
    supervisor_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    line_ids = fields.One2many("lohi.call.score.line", "score_id", string="Scores")
    total = fields.Integer(compute="_compute_total", store=True, aggregator="avg")
    percent = fields.Float(string="Score %", compute="_compute_total", store=True, aggregator="avg")
    comment = fields.Text()

    @api.depends("line_ids.points", "sheet_id.criterion_ids.max_points")
    def _compute_total(self):
        for score in self:
            score.total = sum(score.line_ids.mapped("points"))
            maximum = score.sheet_id.max_total
            score.percent = round(100.0 * score.total / maximum, 1) if maximum else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        if not self.env.su and not (
            user.has_group("lohi_clients.group_cc_supervisor")
            or user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(self.env._("Only a call-centre supervisor scores calls."))
        return super().create(vals_list)


class LohiCallScoreLine(models.Model):
    _name = "lohi.call.score.line"
    _description = "Call Score Line"

    score_id = fields.Many2one("lohi.call.score", required=True, ondelete="cascade")
    criterion_id = fields.Many2one("lohi.call.score.criterion", required=True)
    points = fields.Integer(required=True)

    @api.constrains("points", "criterion_id")
    def _check_points(self):
        for line in self:
            if not 0 <= line.points <= line.criterion_id.max_points:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is scored between 0 and %(max)s.",
                        criterion=line.criterion_id.name,
                        max=line.criterion_id.max_points,
                    )
                )


class LohiAgentKpi(models.Model):
    """Agent KPIs per month (CC-5): calls, answer speed, resolution rate, quality score
    and the satisfaction clients gave on follow-up calls."""

    _name = "lohi.agent.kpi"
    _description = "Agent KPI"
    _auto = False
    _order = "month desc, agent_id"

    agent_id = fields.Many2one("res.users", readonly=True)
    month = fields.Date(readonly=True)
    calls = fields.Integer(readonly=True, aggregator="sum")
    inbound = fields.Integer(readonly=True, aggregator="sum")
    avg_answer_seconds = fields.Float(string="Answer Speed (s)", readonly=True, aggregator="avg")
    resolution_rate = fields.Float(string="Resolution %", readonly=True, aggregator="avg")
    quality_score = fields.Float(string="Quality Score %", readonly=True, aggregator="avg")
    satisfaction = fields.Float(string="Client Satisfaction (1–5)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                    WITH c AS (
                        SELECT agent_id, date_trunc('month', start)::date AS month,
                               count(*) AS calls,
                               count(*) FILTER (WHERE direction = 'in') AS inbound,
                               avg(ring_seconds) FILTER (WHERE answer_time IS NOT NULL)
                                   AS avg_answer_seconds,
                               round(100.0 * count(*) FILTER (WHERE result = 'solved')
                                     / count(*), 1) AS resolution_rate
                          FROM lohi_call WHERE agent_id IS NOT NULL
                         GROUP BY agent_id, date_trunc('month', start)
                    ), q AS (
                        SELECT s.agent_id, date_trunc('month', c.start)::date AS month,
                               avg(s.percent) AS quality_score
                          FROM lohi_call_score s JOIN lohi_call c ON c.id = s.call_id
                         GROUP BY s.agent_id, date_trunc('month', c.start)
                    ), f AS (
                        SELECT agent_id, date_trunc('month', write_date)::date AS month,
                               avg(satisfaction::int) AS satisfaction
                          FROM lohi_call_task
                         WHERE state = 'done' AND satisfaction IS NOT NULL
                         GROUP BY agent_id, date_trunc('month', write_date)
                    )
                    SELECT row_number() OVER (ORDER BY c.agent_id, c.month) AS id,
                           c.agent_id, c.month, c.calls, c.inbound, c.avg_answer_seconds,
                           c.resolution_rate, q.quality_score, f.satisfaction
                      FROM c
                      LEFT JOIN q ON q.agent_id = c.agent_id AND q.month = c.month
                      LEFT JOIN f ON f.agent_id = c.agent_id AND f.month = c.month
                )""",
                SQL.identifier(self._table),
            )
        )
