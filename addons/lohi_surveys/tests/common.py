from datetime import date

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class SurveyCase(TransactionCase):
    """Two direct-run centres and a franchise centre, their people, clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Centre = cls.env["lohi.centre"]
        cls.centre_a = Centre.create({"name": "测试朝阳", "code": "SCY", "centre_type": "direct"})
        cls.centre_b = Centre.create({"name": "测试浦东", "code": "SPD", "centre_type": "direct"})
        cls.centre_f = Centre.create(
            {"name": "测试加盟", "code": "SJM", "centre_type": "franchise"}
        )
        cls.doctor_a = new_test_user(
            cls.env,
            login="s_doctor_a",
            name="王医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre_a.ids)],
        )
        cls.doctor_b = new_test_user(
            cls.env,
            login="s_doctor_b",
            name="陈医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre_b.ids)],
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="s_manager_a",
            name="朝阳健康管理师",
            groups="lohi_clients.group_health_manager",
            lohi_centre_ids=[Command.set(cls.centre_a.ids)],
        )
        cls.director_b = new_test_user(
            cls.env,
            login="s_director_b",
            name="浦东主任",
            groups="lohi_clients.group_branch_director",
            lohi_centre_ids=[Command.set(cls.centre_b.ids)],
        )
        cls.agent = new_test_user(
            cls.env, login="s_agent", name="坐席小刘", groups="lohi_clients.group_cc_agent"
        )
        cls.agent2 = new_test_user(
            cls.env, login="s_agent2", name="坐席小张", groups="lohi_clients.group_cc_agent"
        )
        cls.service = new_test_user(
            cls.env, login="s_service", groups="lohi_clients.group_customer_service"
        )
        cls.warehouse = new_test_user(
            cls.env, login="s_warehouse", groups="lohi_clients.group_warehouse_keeper"
        )
        cls.client_a = cls.make_client(
            "赵敏", cls.centre_a, cls.doctor_a, cls.manager_a, "13900000001"
        )
        cls.client_a2 = cls.make_client(
            "孙丽", cls.centre_a, cls.doctor_a, cls.manager_a, "13900000002"
        )
        cls.client_b = cls.make_client(
            "周伟", cls.centre_b, cls.doctor_b, cls.director_b, "13900000003"
        )
        cls.survey = cls.env.ref("lohi_surveys.survey_client_satisfaction")
        cls.questions = {q.lohi_dimension: q for q in cls.survey.question_ids}

    @classmethod
    def make_client(cls, name, centre, doctor, manager, mobile):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "lohi_is_client": True,
                "lohi_birthdate": date(1980, 5, 1),
                "mobile": mobile,
                "lohi_doctor_id": doctor.id,
                "lohi_health_manager_id": manager.id,
                "lohi_centre_id": centre.id,
                "lohi_source": "walk_in",
                "lohi_remark": "测试",
                "lohi_accepts_messages": True,
            }
        )

    @classmethod
    def level(cls, dimension, level):
        return cls.questions[dimension].suggested_answer_ids.filtered(
            lambda a: a.lohi_level == level
        )

    @classmethod
    def enter(cls, user, partner, levels=None, nps=None, suggestion=False, **values):
        """Enter an answer in phone mode as ``user``: ``levels`` maps dimensions to 1–5."""
        wizard = (
            cls.env["lohi.survey.phone"]
            .with_user(user)
            .create(
                {
                    "survey_id": cls.survey.id,
                    "partner_id": partner.id,
                    "centre_id": partner.lohi_centre_id.id,
                    "doctor_id": partner.lohi_doctor_id.id,
                    "suggestion": suggestion,
                    **values,
                }
            )
        )
        for line in wizard.line_ids:
            dimension = line.question_id.lohi_dimension
            if levels and dimension in levels:
                line.answer_id = cls.level(dimension, levels[dimension])
            if dimension == "nps" and nps is not None:
                line.nps_value = nps
        wizard.action_save()
        return cls.env["survey.user_input"].search(
            [("partner_id", "=", partner.id)], order="id desc", limit=1
        )
