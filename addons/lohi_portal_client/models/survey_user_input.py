from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _lohi_feed_staff_ratings(self):
        """One rating per visit: a visit the client already rated on the portal gives
        no second rating through its satisfaction survey (SUR-10, CLI-7)."""
        rated = self.sudo().filtered(
            lambda a: not a.lohi_rating_done and a.lohi_appointment_id.lohi_rating_ids
        )
        if rated:
            rated.write({"lohi_rating_done": True})
        return super()._lohi_feed_staff_ratings()
