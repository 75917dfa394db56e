from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalSurveys(HttpCase):
    """SUR-7, POR-2: an institution's portal users list their own quarterly surveys."""

    def test_portal_lists_own_institution_surveys_only(self):
        Institution = self.env["lohi.institution"]
        users, answers = [], []
        for name, login in (("门户测试机构甲", "s_portal_a"), ("门户测试机构乙", "s_portal_b")):
            inst = Institution.create({"name": name, "is_company": True, "state": "active"})
            contact = self.env["res.partner"].create(
                {"name": login, "parent_id": inst.partner_id.id, "email": f"{login}@example.com"}
            )
            users.append(
                new_test_user(
                    self.env,
                    login=login,
                    password=f"{login}-pw",
                    groups="lohi_clients.group_institution_portal",
                    partner_id=contact.id,
                )
            )
        created = self.env["survey.user_input"]._cron_institution_quarterly()
        for user in users:
            answers.append(created.filtered(lambda a, u=user: a.partner_id == u.partner_id))
        self.assertTrue(all(answers))
        self.authenticate("s_portal_a", "s_portal_a-pw")
        page = self.url_open("/my/lohi_surveys")
        self.assertEqual(page.status_code, 200)
        self.assertIn(answers[0].access_token, page.text)
        self.assertNotIn(answers[1].access_token, page.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/lohi_surveys", home.text)
        # The survey link opens for the invited user.
        survey = self.url_open(answers[0].get_start_url())
        self.assertEqual(survey.status_code, 200)
