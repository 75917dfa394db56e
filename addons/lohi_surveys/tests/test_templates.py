from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTemplates(TransactionCase):
    def test_client_survey_has_seven_rated_dimensions_and_nps(self):
        """SUR-1: the prepared client survey rates the seven dimensions on five levels
        (非常满意 … 非常不满意) and asks the 0–10 recommendation question."""
        survey = self.env.ref("lohi_surveys.survey_client_satisfaction")
        self.assertEqual(survey.lohi_kind, "client")
        rated = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        self.assertEqual(
            set(rated.mapped("lohi_dimension")),
            {"attitude", "speed", "problem", "result", "doctor", "environment", "product"},
        )
        for question in rated:
            self.assertEqual(
                sorted(question.suggested_answer_ids.mapped("lohi_level")), [1, 2, 3, 4, 5]
            )
        nps = survey.question_ids.filtered(lambda q: q.lohi_dimension == "nps")
        self.assertEqual((nps.question_type, nps.scale_min, nps.scale_max), ("scale", 0, 10))

    def test_institution_survey_modules(self):
        """SUR-7: service quality, follow-up and problem solving."""
        survey = self.env.ref("lohi_surveys.survey_institution_quarterly")
        self.assertEqual(survey.lohi_kind, "institution")
        self.assertLessEqual(
            {"quality", "follow_up", "problem", "nps"},
            set(survey.question_ids.mapped("lohi_dimension")),
        )
