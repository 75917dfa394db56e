from odoo.tests import tagged

from .common import SurveyCase


@tagged("post_install", "-at_install")
class TestRates(SurveyCase):
    """SUR-4 on a small known data set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Centre A: four answers; centre B: one.
        cls.answers = []
        data = [
            (cls.client_a, {"attitude": 5, "doctor": 5}, 10),
            (cls.client_a, {"attitude": 4, "doctor": 3}, 9),
            (cls.client_a2, {"attitude": 3, "doctor": 4}, 7),
            (cls.client_a2, {"attitude": 1, "doctor": 2}, 3),
            (cls.client_b, {"attitude": 2}, 6),
        ]
        for partner, levels, nps in data:
            cls.answers.append(cls.enter(cls.agent, partner, levels, nps))

    def rates(self, groupby, domain=()):
        centres = (self.centre_a | self.centre_b).ids
        return self.env["lohi.survey.rate.report"]._lohi_rates(
            [("survey_id", "=", self.survey.id), ("centre_id", "in", centres), *domain], groupby
        )

    def test_rates_by_centre(self):
        """Satisfied = levels 4–5; mean of levels; NPS = %promoters − %detractors."""
        rates = self.rates(["centre_id"])
        a = rates[(self.centre_a,)]
        # Levels at A: 5,5,4,3,3,4,1,2 → satisfied 5,5,4,4 = 4 of 8.
        self.assertEqual(a["rated"], 8)
        self.assertAlmostEqual(a["rate"], 50.0)
        self.assertAlmostEqual(a["mean"], 27 / 8)
        # NPS at A: 10, 9 promoters; 7 passive; 3 detractor → (2 − 1) / 4 = 25.
        self.assertEqual(a["nps_count"], 4)
        self.assertAlmostEqual(a["nps"], 25.0)
        b = rates[(self.centre_b,)]
        self.assertEqual((b["rated"], b["rate"], b["mean"], b["nps"]), (1, 0.0, 2.0, -100.0))

    def test_rates_by_dimension_doctor_and_period(self):
        by_dimension = self.rates(["dimension"], [("centre_id", "=", self.centre_a.id)])
        self.assertAlmostEqual(by_dimension[("doctor",)]["rate"], 50.0)
        self.assertAlmostEqual(by_dimension[("attitude",)]["mean"], 13 / 4)
        by_doctor = self.rates(["doctor_id"])
        self.assertEqual(by_doctor[(self.doctor_a,)]["rated"], 8)
        self.assertEqual(by_doctor[(self.doctor_b,)]["rated"], 1)
        by_month = self.rates(["date:month"])
        self.assertEqual(len(by_month), 1)
        self.assertEqual(next(iter(by_month.values()))["rated"], 9)

    def test_unfinished_and_test_answers_do_not_count(self):
        self.survey._create_answer(partner=self.client_b, check_attempts=False)
        self.answers[0].test_entry = True
        rates = self.rates(["centre_id"])
        self.assertEqual(rates[(self.centre_a,)]["rated"], 6)
        self.assertEqual(rates[(self.centre_b,)]["rated"], 1)

    def test_answer_ties(self):
        """SUR-1: each answer names client, centre, doctor, origin and channel."""
        answer = self.answers[0]
        self.assertEqual(answer.partner_id, self.client_a)
        self.assertEqual(answer.lohi_centre_id, self.centre_a)
        self.assertEqual(answer.lohi_doctor_id, self.doctor_a)
        self.assertEqual((answer.lohi_origin, answer.lohi_channel), ("call", "phone"))
        self.assertEqual(answer.state, "done")
