from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "lohi_http")
class TestPhoneSurveyTour(HttpCase):
    """SUR-3 in the browser: an agent takes a client's satisfaction survey by phone; the
    answer is the client's, entered by the agent, channel phone. The detractor variant
    opens a complaint owned by the agent (SUR-8, CLI-11)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre = cls.env["lohi.centre"].create(
            {"name": "问卷测试中心", "code": "TOURSUR", "centre_type": "direct"}
        )
        cls.doctor = new_test_user(
            cls.env,
            login="sur_tour_doctor",
            name="问卷医生",
            groups="lohi_clients.group_functional_doctor",
        )
        cls.agent = new_test_user(
            cls.env,
            login="sur_tour_agent",
            name="Survey Agent",
            groups="lohi_clients.group_cc_agent",
            lang="zh_CN",
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "周雪梅",
                "lohi_is_client": True,
                "lohi_birthdate": date(1969, 11, 2),
                "mobile": "139 2000 3001",
                "lohi_doctor_id": cls.doctor.id,
                "lohi_health_manager_id": cls.doctor.id,
                "lohi_centre_id": cls.centre.id,
                "lohi_source": "hotline",
                "lohi_remark": "测试客户",
            }
        )
        cls.survey = cls.env.ref("lohi_surveys.survey_client_satisfaction")

    def _answer(self):
        answers = self.env["survey.user_input"].search([("partner_id", "=", self.client.id)])
        self.assertEqual(len(answers), 1)
        return answers

    def test_agent_takes_phone_survey(self):
        self.start_tour("/odoo", "lohi_survey_phone", login="sur_tour_agent")
        answer = self._answer()
        self.assertEqual(
            (
                answer.survey_id,
                answer.state,
                answer.lohi_channel,
                answer.lohi_entered_by_id,
                answer.lohi_centre_id,
                answer.lohi_doctor_id,
            ),
            (self.survey, "done", "phone", self.agent, self.centre, self.doctor),
        )
        self.assertEqual(answer.lohi_suggestion, "希望周末也能做检测采样")
        levels = {
            line.question_id.lohi_dimension: line.suggested_answer_id.lohi_level
            for line in answer.user_input_line_ids
            if line.answer_type == "suggestion"
        }
        self.assertEqual(
            levels,
            {
                "attitude": 5,
                "speed": 4,
                "problem": 5,
                "result": 4,
                "doctor": 5,
                "environment": 3,
                "product": 4,
            },
        )
        nps = answer.user_input_line_ids.filtered(lambda line: line.answer_type == "scale")
        self.assertEqual(nps.value_scale, 9)
        self.assertFalse(answer.lohi_complaint_id, "a satisfied client opens no complaint")

    def test_detractor_phone_survey_opens_complaint(self):
        self.start_tour("/odoo", "lohi_survey_phone_detractor", login="sur_tour_agent")
        answer = self._answer()
        self.assertEqual((answer.lohi_channel, answer.lohi_entered_by_id), ("phone", self.agent))
        complaint = answer.lohi_complaint_id
        self.assertEqual(
            (complaint.partner_id, complaint.owner_id, complaint.channel, complaint.severity),
            (self.client, self.agent, "phone", "high"),
        )
        self.assertIn("等了一个多小时没人理", complaint.description)
