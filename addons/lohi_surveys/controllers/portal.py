from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal


class LohiSurveyPortal(CustomerPortal):
    """SUR-7, POR-1: institution users find their satisfaction surveys in the portal.
    Record rules limit them to their own institution's answers (POR-2)."""

    def _lohi_survey_domain(self):
        return [
            ("lohi_kind", "=", "institution"),
            ("partner_id", "=", request.env.user.partner_id.id),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "lohi_survey_count" in counters:
            Answer = request.env["survey.user_input"]
            values["lohi_survey_count"] = (
                Answer.search_count([*self._lohi_survey_domain(), ("state", "!=", "done")])
                if Answer.has_access("read")
                else 0
            )
        return values

    @route(["/my/lohi_surveys"], type="http", auth="user", website=True)
    def portal_my_lohi_surveys(self, **kw):
        Answer = request.env["survey.user_input"]
        answers = (
            Answer.search(self._lohi_survey_domain(), order="create_date desc")
            if Answer.has_access("read")
            else Answer
        )
        values = self._prepare_portal_layout_values()
        values.update({"answers": answers, "page_name": "lohi_surveys"})
        return request.render("lohi_surveys.portal_my_lohi_surveys", values)
