from odoo import Command, api, fields, models


class LohiSurveysDemo(models.AbstractModel):
    _name = "lohi.surveys.demo"
    _description = "Satisfaction Demo Data"

    @api.model
    def _create_demo(self):
        """Demo story (X-2): clients of 朝阳 and 上海 answered by phone and on site, the
        visit invitations of the done demo appointments, a monthly summary, an
        improvement under way, a third-party project and the institution survey."""
        ref = self.env.ref
        agent = ref("lohi_clients.user_agent_demo")
        manager = ref("lohi_clients.user_manager_demo")
        if self.env["survey.user_input"].search_count([("lohi_entered_by_id", "=", agent.id)]):
            return
        survey = ref("lohi_surveys.survey_client_satisfaction")
        dims = ["attitude", "speed", "problem", "result", "doctor", "environment", "product"]
        stories = [
            ("01", agent, "phone", [5, 4, 5, 4, 5, 5, 4], 10, "主任讲解很细致，希望增加周末门诊。"),
            ("02", agent, "phone", [4, 3, 4, 4, 5, 4, 3], 8, "营养素价格偏高。"),
            ("03", manager, "onsite", [5, 5, 4, 4, 5, 4, 4], 9, False),
            ("04", agent, "phone", [3, 2, 3, 3, 4, 4, 3], 6, "预约后等了两天才回电话。"),
            ("05", agent, "phone", [5, 4, 4, 5, 5, 5, 5], 9, False),
            ("07", manager, "onsite", [4, 2, 3, 4, 4, 5, 4], 7, "报告出得有点慢。"),
        ]
        Wizard = self.env["lohi.survey.phone"]
        for client_no, user, channel, levels, nps, suggestion in stories:
            partner = ref(f"lohi_clients.res_partner_client_{client_no}_demo")
            wizard = Wizard.with_user(user).create(
                {
                    "survey_id": survey.id,
                    "partner_id": partner.id,
                    "centre_id": partner.lohi_centre_id.id,
                    "doctor_id": partner.lohi_doctor_id.id,
                    "channel": channel,
                    "origin": "call" if channel == "phone" else "other",
                    "suggestion": suggestion,
                }
            )
            by_dim = dict(zip(dims, levels, strict=True))
            for line in wizard.line_ids.sudo():
                question = line.question_id
                if question.lohi_dimension in by_dim:
                    line.answer_id = question.suggested_answer_ids.filtered(
                        lambda a, lv=by_dim[question.lohi_dimension]: a.lohi_level == lv
                    )
                elif question.lohi_dimension == "nps":
                    line.nps_value = nps
            wizard.action_save()
        self._create_demo_history(survey, dims, agent, manager)
        # SUR-5: the done demo visits got their SMS invitation.
        self.env["lohi.appointment"].sudo().search(
            [("state", "=", "done")]
        )._lohi_invite_to_survey()
        today = fields.Date.context_today(self)
        first = today.replace(day=1)
        Summary = self.env["lohi.survey.centre.month"]
        for months_back in range(5, 0, -1):
            month = fields.Date.subtract(first, months=months_back)
            Summary._build_summaries(month, fields.Date.add(month, months=1))
        summaries = Summary._build_summaries(first, fields.Date.add(first, months=1))
        chaoyang = ref("lohi_clients.lohi_centre_chaoyang_demo")
        improvement = (
            self.env["lohi.survey.improvement"]
            .with_user(ref("lohi_clients.user_cs_super_demo"))
            .create(
                {
                    "name": "朝阳中心响应速度满意率偏低",
                    "centre_id": chaoyang.id,
                    "summary_id": summaries.filtered(lambda s: s.centre_id == chaoyang)[:1].id,
                    "problem_level": "general",
                    "analysis": "<p>本月电话回访中，两位客户反映预约后回电慢、报告出得慢；"
                    "响应速度满意率明显低于其他维度。</p>",
                    "measure_ids": [
                        Command.create({"name": "预约申请当天内回电确认", "dimension": "speed"}),
                        Command.create(
                            {"name": "报告延迟时主动短信告知客户", "dimension": "speed"}
                        ),
                    ],
                }
            )
        )
        improvement.action_submit()
        agency = self.env["res.partner"].create(
            {"name": "北京零点市场调查有限公司", "is_company": True}
        )
        project = (
            self.env["lohi.survey.third.party"]
            .with_user(ref("lohi_clients.user_operations_demo"))
            .create(
                {
                    "name": "2026 年度直营分中心神秘顾客调查",
                    "agency_id": agency.id,
                    "centre_ids": [Command.set([chaoyang.id])],
                    "team": "运营管理部：项目负责人；零点调查：督导 1 名、访问员 4 名。",
                    "scoring_standard": "<p>百分制；服务态度 30 分，环境 20 分，专业 50 分。</p>",
                }
            )
        )
        project.action_approve_plan()
        project.action_start()
        self.env["survey.user_input"]._cron_institution_quarterly()

    @api.model
    def _create_demo_history(self, survey, dims, agent, manager):
        """Five earlier months of phone and on-site answers at 朝阳, 海淀 and 静安 (X-2), so
        the satisfaction rates, the monthly summaries and the trends have a history:
        朝阳's response speed lags and improves, 静安 leads, 海淀 stays steady."""
        ref = self.env.ref
        service = ref("lohi_clients.user_service_demo")
        base = {
            "BJCY": ([5, 3, 4, 4, 5, 4, 4], ["08", "10", "16", "18"]),
            "BJHD": ([4, 4, 4, 4, 4, 5, 4], ["06", "09", "11", "13"]),
            "SHJA": ([5, 4, 5, 4, 5, 4, 5], ["12", "15", "20", "24"]),
        }
        suggestions = [
            "希望检测报告能在手机上查看。",
            False,
            "健康管理师很负责，每周都会回访。",
            "停车不太方便。",
            False,
            "营养素能否送货上门？",
        ]
        Wizard = self.env["lohi.survey.phone"]
        first = fields.Date.context_today(self).replace(day=1)
        dated = []
        for step, months_back in enumerate(range(5, 0, -1)):
            month = fields.Date.subtract(first, months=months_back)
            for code, (levels, clients) in base.items():
                for k in range(2):
                    partner = ref(f"lohi_clients.res_partner_client_{clients[(step + k) % 4]}_demo")
                    # on-site answers are entered by 朝阳's health manager or, at the
                    # other centres, by customer service
                    user = agent if k == 0 else manager if code == "BJCY" else service
                    wizard = Wizard.with_user(user).create(
                        {
                            "survey_id": survey.id,
                            "partner_id": partner.id,
                            "centre_id": partner.lohi_centre_id.id,
                            "doctor_id": partner.lohi_doctor_id.id,
                            "channel": "phone" if user == agent else "onsite",
                            "origin": "call" if user == agent else "other",
                            "suggestion": suggestions[(step * 2 + k) % len(suggestions)],
                        }
                    )
                    by_dim = {
                        dim: min(5, level + (1 if (step + k + index) % 3 == 0 else 0))
                        for index, (dim, level) in enumerate(zip(dims, levels, strict=True))
                    }
                    if code == "BJCY":  # the speed problem is solved over the months
                        by_dim["speed"] = 3 if step < 3 else 4 + k
                    for line in wizard.line_ids.sudo():
                        question = line.question_id
                        if question.lohi_dimension in by_dim:
                            line.answer_id = question.suggested_answer_ids.filtered(
                                lambda a, lv=by_dim[question.lohi_dimension]: a.lohi_level == lv
                            )
                        elif question.lohi_dimension == "nps":
                            line.nps_value = 7 + (step + k) % 4
                    wizard.action_save()
                    answer = self.env["survey.user_input"].search(
                        [("partner_id", "=", partner.id)], order="id desc", limit=1
                    )
                    dated.append((answer.id, month.replace(day=6 + 9 * k)))
        self.env.flush_all()
        for answer_id, day in dated:
            when = fields.Datetime.to_datetime(day).replace(hour=2)
            self.env.cr.execute(
                """UPDATE survey_user_input
                      SET create_date = %(when)s, start_datetime = %(when)s,
                          end_datetime = %(when)s + interval '6 minutes'
                    WHERE id = %(id)s""",
                {"when": when, "id": answer_id},
            )
            self.env.cr.execute(
                "UPDATE survey_user_input_line SET create_date = %s WHERE user_input_id = %s",
                [when, answer_id],
            )
        self.env["survey.user_input"].invalidate_model()
