from odoo import api, models
from odoo.tools import SQL

from odoo.addons.lohi_clients.models.lohi_timeline import ID_SPAN


class LohiTimeline(models.Model):
    _inherit = "lohi.timeline"

    @api.model
    def _selection_kind(self):
        return super()._selection_kind() + [("survey", self.env._("Satisfaction Survey"))]

    @api.model
    def _timeline_queries(self):
        """Completed satisfaction surveys land on the client's record with their mean
        level and the client's suggestion (seed: 满意度调查内容自动记录客户档案中)."""
        return super()._timeline_queries() + [
            SQL(
                """SELECT 61 * %(span)s + u.id, u.partner_id, u.end_datetime, 'survey',
                          coalesce(s.title->>'zh_CN', s.title->>'en_US')
                          || coalesce(' · ' || (
                                 SELECT round(avg(a.lohi_level), 1)::text
                                   FROM survey_user_input_line l
                                   JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                                  WHERE l.user_input_id = u.id AND a.lohi_level > 0), '')
                          || coalesce(' · ' || left(u.lohi_suggestion, 80), ''),
                          0.0, 'survey.user_input', u.id, u.lohi_entered_by_id, FALSE
                     FROM survey_user_input u
                     JOIN survey_survey s ON s.id = u.survey_id
                    WHERE u.state = 'done' AND u.lohi_kind = 'client'
                      AND u.partner_id IS NOT NULL AND u.test_entry IS NOT TRUE""",
                span=ID_SPAN,
            )
        ]
