from odoo.tests import TransactionCase, tagged

# SPEC §0: every role is a security group; the scopes each implies (staff = internal user
# with the Lohi menu, clinical = clinical content, hq = every centre's records).
ROLE_SCOPES = {
    "group_functional_doctor": {"group_staff", "group_clinical"},
    "group_health_manager": {"group_staff", "group_clinical"},
    "group_customer_service": {"group_staff", "group_hq"},
    "group_consulting": {"group_staff", "group_clinical", "group_hq"},
    "group_cs_supervisor": {"group_staff", "group_hq", "group_customer_service"},
    "group_branch_director": {"group_staff", "group_clinical", "group_health_manager"},
    "group_cc_agent": {"group_staff", "group_hq"},
    "group_cc_supervisor": {"group_staff", "group_hq", "group_cc_agent"},
    "group_cc_director": {"group_staff", "group_hq", "group_cc_agent", "group_cc_supervisor"},
    "group_product_manager": {"group_staff", "group_hq"},
    "group_warehouse_keeper": {"group_staff", "group_hq"},
    "group_leadership": {"group_staff", "group_hq"},
    "group_finance": {"group_staff", "group_hq"},
    "group_quality_control": {"group_staff", "group_hq"},
    "group_hq_expansion": {"group_staff", "group_hq"},
    "group_hq_operations": {"group_staff", "group_hq"},
    "group_marketing": {"group_staff", "group_hq"},
}
# Roles that must never reach clinical content (SPEC §0: agents see contact and service
# data, not clinical detail), nor all centres (centre-bound roles).
NON_CLINICAL = {
    "group_customer_service",
    "group_cs_supervisor",
    "group_cc_agent",
    "group_cc_supervisor",
    "group_cc_director",
    "group_product_manager",
    "group_warehouse_keeper",
    "group_finance",
    "group_hq_expansion",
    "group_hq_operations",
    "group_marketing",
    "group_leadership",
    "group_quality_control",
}
CENTRE_BOUND = {"group_functional_doctor", "group_health_manager", "group_branch_director"}
DEMO_LOGIN = {
    "group_functional_doctor": "doctor",
    "group_health_manager": "manager",
    "group_customer_service": "service",
    "group_consulting": "consult",
    "group_cs_supervisor": "cs_super",
    "group_branch_director": "director",
    "group_cc_agent": "agent",
    "group_cc_supervisor": "cc_super",
    "group_cc_director": "cc_director",
    "group_product_manager": "product",
    "group_warehouse_keeper": "warehouse",
    "group_leadership": "leader",
    "group_finance": "finance",
    "group_quality_control": "qc",
    "group_hq_expansion": "expansion",
    "group_hq_operations": "operations",
    "group_marketing": "marketing",
}


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    def _group(self, xmlid):
        return self.env.ref(f"lohi_clients.{xmlid}")

    def test_roles_exist_in_lohi_category(self):
        category = self.env.ref("lohi_clients.module_category_lohi")
        for xmlid in ROLE_SCOPES:
            group = self._group(xmlid)
            self.assertEqual(group.category_id, category, xmlid)
        portal = self._group("group_institution_portal")
        self.assertIn(self.env.ref("base.group_portal"), portal.implied_ids)

    def test_roles_imply_their_scopes(self):
        for xmlid, scopes in ROLE_SCOPES.items():
            implied = self._group(xmlid).trans_implied_ids
            for scope in scopes:
                self.assertIn(self._group(scope), implied, f"{xmlid} must imply {scope}")
            self.assertIn(self.env.ref("base.group_user"), implied, xmlid)

    def test_clinical_and_centre_boundaries(self):
        clinical = self._group("group_clinical")
        hq = self._group("group_hq")
        for xmlid in NON_CLINICAL:
            self.assertNotIn(clinical, self._group(xmlid).trans_implied_ids, xmlid)
        for xmlid in CENTRE_BOUND:
            self.assertNotIn(hq, self._group(xmlid).trans_implied_ids, xmlid)

    def test_admin_holds_every_role(self):
        admin_group = self._group("group_admin")
        for xmlid in ROLE_SCOPES:
            self.assertIn(self._group(xmlid), admin_group.trans_implied_ids, xmlid)
        self.assertIn(admin_group, self.env.ref("base.user_admin").groups_id)

    def test_demo_user_per_role(self):
        Users = self.env["res.users"].with_context(active_test=False)
        for xmlid, login in DEMO_LOGIN.items():
            user = Users.search([("login", "=", login)])
            self.assertEqual(len(user), 1, f"demo user {login} for {xmlid}")
            self.assertTrue(user.has_group(f"lohi_clients.{xmlid}"), login)
            self.assertEqual(user.lang, "zh_CN", login)
        portal = Users.search([("login", "=", "institution")])
        self.assertTrue(portal.share)
        self.assertTrue(portal.has_group("lohi_clients.group_institution_portal"))
        self.assertEqual(
            portal.partner_id.commercial_partner_id,
            self.env.ref("lohi_clients.lohi_institution_kangning_demo").partner_id,
        )

    def test_menu_visible_to_staff_only(self):
        root = self.env.ref("lohi_clients.menu_lohi_root")
        Menu = self.env["ir.ui.menu"]
        for login in DEMO_LOGIN.values():
            user = self.env["res.users"].search([("login", "=", login)])
            visible = Menu.with_user(user)._visible_menu_ids(False)
            self.assertIn(root.id, visible, login)
        portal = self.env["res.users"].search([("login", "=", "institution")])
        self.assertNotIn(root.id, Menu.with_user(portal).sudo()._visible_menu_ids(False))
