from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInstitutionAccess(TransactionCase):
    """CLI-9: only the HQ expansion dept creates and edits institutions; others read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expansion = new_test_user(
            cls.env, login="t_expansion", groups="lohi_clients.group_hq_expansion"
        )
        cls.doctor = new_test_user(
            cls.env, login="t_doctor", groups="lohi_clients.group_functional_doctor"
        )
        cls.operations = new_test_user(
            cls.env, login="t_ops", groups="lohi_clients.group_hq_operations"
        )
        cls.institution = cls.env["lohi.institution"].create(
            {"name": "测试合作机构", "cooperation_mode": "referral"}
        )

    def test_expansion_creates_and_edits(self):
        Institution = self.env["lohi.institution"].with_user(self.expansion)
        created = Institution.create({"name": "新合作机构", "cooperation_mode": "franchise"})
        self.assertTrue(created.partner_id.is_company or created.partner_id)
        created.write({"state": "active", "person_in_charge": "钱总"})
        self.assertEqual(created.state, "active")

    def test_other_roles_read_only(self):
        for user in (self.doctor, self.operations):
            Institution = self.env["lohi.institution"].with_user(user)
            self.assertEqual(Institution.browse(self.institution.id).name, "测试合作机构")
            with self.assertRaises(AccessError):
                Institution.create({"name": "越权机构"})
            with self.assertRaises(AccessError):
                Institution.browse(self.institution.id).write({"state": "ended"})
            with self.assertRaises(AccessError):
                Institution.browse(self.institution.id).unlink()

    def test_portal_user_sees_own_institution_only(self):
        portal = self.env["res.users"].search([("login", "=", "institution")])
        own = self.env.ref("lohi_clients.lohi_institution_kangning_demo")
        other = self.env.ref("lohi_clients.lohi_institution_yikang_demo")
        visible = self.env["lohi.institution"].with_user(portal).search([])
        self.assertEqual(visible, own)
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["name"])
