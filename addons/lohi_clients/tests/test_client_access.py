import psycopg2

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestClientAccess(LohiClientsCase):
    """CLI-6 (who sees which client and which fields) and X-5 (access log)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client(name="甲中心客户", lohi_medical_history=False)
        cls.client_a.lohi_medical_history = "青霉素过敏"
        cls.client_b = cls._client(
            name="乙中心客户",
            lohi_centre_id=cls.centre_b.id,
            lohi_doctor_id=cls.doctor_b.id,
            lohi_health_manager_id=cls.doctor_b.id,
        )

    def test_centre_roles_see_their_centre_only(self):
        for user in (self.doctor, self.manager):
            Partner = self.env["res.partner"].with_user(user)
            found = Partner.search(
                [("lohi_is_client", "=", True), ("id", "in", (self.client_a + self.client_b).ids)]
            )
            self.assertEqual(found, self.client_a, user.login)
            with self.assertRaises(AccessError):
                self.client_b.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.client_b.with_user(user).write({"lohi_remark": "越权修改"})

    def test_hq_roles_see_all_clients(self):
        for user in (self.agent, self.service):
            Partner = self.env["res.partner"].with_user(user)
            found = Partner.search([("id", "in", (self.client_a + self.client_b).ids)])
            self.assertEqual(found, self.client_a + self.client_b, user.login)

    def test_agents_get_no_clinical_fields(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        self.assertNotIn("lohi_medical_history", Partner.fields_get())
        self.assertIn("mobile", Partner.fields_get())
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.agent).read(["lohi_medical_history"])
        with self.assertRaises(AccessError):
            self.env["lohi.consultation"].with_user(self.agent).search([])
        # the doctor reads it
        values = self.client_a.with_user(self.doctor).read(["lohi_medical_history"])
        self.assertEqual(values[0]["lohi_medical_history"], "青霉素过敏")

    def test_staff_without_scope_and_outsiders_see_no_client(self):
        # a warehouse keeper is HQ staff: sees clients' contact data, not clinical data
        self.assertNotIn(
            "lohi_medical_history", self.env["res.partner"].with_user(self.warehouse).fields_get()
        )
        for user in (self.plain_user,):
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(Partner.search([("id", "in", (self.client_a + self.client_b).ids)]))
            with self.assertRaises(AccessError):
                self.client_a.with_user(user).read(["name"])
        portal = self.env["res.users"].search([("login", "=", "institution")])
        with self.assertRaises(AccessError):
            self.client_a.with_user(portal).read(["name"])

    def test_access_log_written_and_append_only(self):
        Log = self.env["lohi.access.log"]
        before = Log.search_count([("partner_id", "=", self.client_a.id)])
        self.client_a.with_user(self.doctor).read(["name", "lohi_medical_history"])
        logs = Log.search([("partner_id", "=", self.client_a.id)], order="id desc")
        self.assertEqual(len(logs), before + 1)
        self.assertEqual(logs[0].user_id, self.doctor)
        self.assertEqual(logs[0].kind, "read")
        self.assertIn("lohi_medical_history", logs[0].field_names)
        # reading contact data only is not logged
        self.client_a.with_user(self.doctor).read(["name", "mobile"])
        self.assertEqual(Log.search_count([("partner_id", "=", self.client_a.id)]), before + 1)
        # search_read, the web client's list/form reads and exports are logged as well
        Partner = self.env["res.partner"].with_user(self.doctor)
        Partner.search_read([("id", "=", self.client_a.id)], ["lohi_medical_history"])
        Partner.web_search_read(
            [("id", "=", self.client_a.id)], {"name": {}, "lohi_medical_history": {}}
        )
        self.doctor.groups_id += self.env.ref("base.group_allow_export")
        self.client_a.with_user(self.doctor).export_data(["name", "lohi_medical_history"])
        logs = Log.search([("partner_id", "=", self.client_a.id)], order="id desc", limit=3)
        self.assertEqual(logs.mapped("kind"), ["export", "read", "read"])
        self.assertEqual(logs[1].field_names, "lohi_medical_history")
        self.assertEqual(set(logs.user_id.ids), {self.doctor.id})
        # auditors read the log; nobody edits or deletes it
        self.assertEqual(Log.with_user(self.leader).search([("id", "=", logs[0].id)]), logs[0])
        with self.assertRaises(AccessError):
            Log.with_user(self.doctor).search([])
        for user in (self.leader, self.env.ref("base.user_admin")):
            with self.assertRaises(AccessError):
                logs[0].with_user(user).write({"user_id": self.agent.id})
            with self.assertRaises(AccessError):
                logs[0].with_user(user).unlink()
            with self.assertRaises(AccessError):
                Log.with_user(user).create({"user_id": user.id})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.RaiseException),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute("DELETE FROM lohi_access_log WHERE id = %s", [logs[0].id])

    def test_consultation_read_logged(self):
        consultation = (
            self.env["lohi.consultation"]
            .with_user(self.doctor)
            .create({"partner_id": self.client_a.id, "set_id": self.qset.id})
        )
        Log = self.env["lohi.access.log"]
        before = Log.search_count([("kind", "=", "consultation")])
        consultation.with_user(self.doctor).read(["summary"])
        self.assertEqual(Log.search_count([("kind", "=", "consultation")]), before + 1)
        with self.assertRaises(AccessError):
            self.env["lohi.consultation"].with_user(self.doctor_b).browse(consultation.id).read(
                ["summary"]
            )
