import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import role_users
from .matrix import load_clinical_fields, load_matrix

CLINICAL = "lohi_clients.group_clinical"


@tagged("post_install", "-at_install")
class TestHealthData(TransactionCase):
    """Issue 11, health data (SPEC §0, X-5, PIPL): clinical fields exist only for clinical
    roles; reading clinical data leaves a row in the access log, which nobody alters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = role_users(cls.env)
        cls.clinical_fields = load_clinical_fields()
        cls.doctor = cls.users["doctor"][1]
        cls.client = cls.env["res.partner"].search(
            [("lohi_is_client", "=", True), ("lohi_doctor_id", "=", cls.doctor.id)], limit=1
        )
        cls.Log = cls.env["lohi.access.log"]

    def _is_clinical(self, user):
        return user.has_group(CLINICAL)

    def test_clinical_fields_absent_for_non_clinical_roles(self):
        problems = []
        for login, (role, user) in sorted(self.users.items()):
            self.assertEqual(self._is_clinical(user), role["clinical"], login)
            for model, field in self.clinical_fields:
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue  # the whole model is closed to this role (role matrix)
                shown = field in Model.fields_get(attributes=["type"])
                if shown != role["clinical"]:
                    problems.append(f"{login}: {model}.{field} in fields_get: {shown}")
        self.assertFalse(problems, "\n".join(problems))

    def test_clinical_field_read_refused(self):
        """A non-clinical role that sees the client (HQ roles see all) cannot read the
        clinical fields, by name, whatever the client (RPC read, export, search)."""
        for login in ("service", "agent", "cs_super", "cc_director", "marketing", "leader"):
            user = self.users[login][1]
            client = self.client.with_user(user)
            client.read(["name"])  # the client itself is visible
            for __, field in (mf for mf in self.clinical_fields if mf[0] == "res.partner"):
                with self.assertRaises(AccessError, msg=f"{login} reads {field}"):
                    client.read([field])
            # nor search clients by what their consultations say, nor by whether they
            # had one at all
            for leaf in (
                ("lohi_consultation_ids.summary", "ilike", "病"),
                ("lohi_consultation_ids", "!=", False),
                ("lohi_consultation_count", ">", 0),
            ):
                with self.assertRaises(AccessError, msg=f"{login} searches on {leaf}"):
                    self.env["res.partner"].with_user(user).search([leaf])
                if self.env["res.partner"]._fields[field].type == "text":
                    with self.assertRaises(AccessError, msg=f"{login} searches on {field}"):
                        self.env["res.partner"].with_user(user).search([(field, "ilike", "病")])
                # no export right at all (UserError), or not this field (AccessError)
                with self.assertRaises(UserError, msg=f"{login} exports {field}"):
                    client.export_data([field])

    def test_clinical_field_list_is_complete(self):
        """A field restricted to the clinical roles alone must be in clinical_fields.csv,
        so that the test above covers it."""
        listed = set(self.clinical_fields)
        missing = []
        for model in set(load_matrix()) | {model for model, __ in listed}:
            for name, field in self.env[model]._fields.items():
                groups = set((field.groups or "").split(",")) - {""}
                if groups == {CLINICAL} and not field.inherited and (model, name) not in listed:
                    missing.append(f"{model},{name}")
        self.assertFalse(missing, f"add to data/clinical_fields.csv: {missing}")

    # ------------------------------------------------------------------ X-5 access log
    def _log_count(self, **domain):
        return self.Log.search_count([(key, "=", value) for key, value in domain.items()])

    def test_archive_read_through_the_web_client_is_logged(self):
        before = self._log_count(partner_id=self.client.id, user_id=self.doctor.id)
        self.client.with_user(self.doctor).web_read({"name": {}, "lohi_medical_history": {}})
        log = self.Log.search([("partner_id", "=", self.client.id)], limit=1)
        self.assertEqual(
            self._log_count(partner_id=self.client.id, user_id=self.doctor.id), before + 1
        )
        self.assertEqual((log.kind, log.user_id), ("read", self.doctor))
        self.assertIn("lohi_medical_history", log.field_names)
        # contact data alone is not health data: no row
        self.client.with_user(self.doctor).web_read({"name": {}, "phone": {}})
        self.assertEqual(
            self._log_count(partner_id=self.client.id, user_id=self.doctor.id), before + 1
        )

    def test_consultation_read_is_logged(self):
        consultation = self.env["lohi.consultation"].search(
            [("partner_id.lohi_doctor_id", "=", self.doctor.id)], limit=1
        )
        if not consultation:
            self.skipTest("no demo consultation of the demo doctor's clients")
        before = self._log_count(kind="consultation", user_id=self.doctor.id)
        consultation.with_user(self.doctor).web_read({"summary": {}})
        self.assertEqual(self._log_count(kind="consultation", user_id=self.doctor.id), before + 1)

    def test_search_read_is_logged(self):
        before = self._log_count(partner_id=self.client.id)
        self.env["res.partner"].with_user(self.doctor).search_read(
            [("id", "=", self.client.id)], ["lohi_medical_history"]
        )
        self.assertEqual(self._log_count(partner_id=self.client.id), before + 1)

    def test_export_is_logged(self):
        # new users get the export right from Odoo's default user template
        self.doctor.groups_id += self.env.ref("base.group_allow_export")
        before = self._log_count(partner_id=self.client.id)
        self.client.with_user(self.doctor).export_data(["name", "lohi_medical_history"])
        self.assertEqual(self._log_count(partner_id=self.client.id), before + 1)

    def test_lab_report_read_is_logged(self):
        report = self.env["lohi.lab.report"].search(
            [("order_id.state", "in", ("reviewed", "production", "issued", "interpreted"))],
            limit=1,
        )
        reader = report.order_id.doctor_id or self.doctor
        last = self.Log.search([], order="id desc", limit=1).id or 0
        report.with_user(reader).web_read({"pdf": {}, "result_ids": {"fields": {"value": {}}}})
        rows = self.Log.search([("id", ">", last), ("partner_id", "=", report.partner_id.id)])
        # one row for the report (its PDF), one for the result values shown with it
        self.assertEqual(
            sorted(rows.mapped("res_model")), ["lohi.lab.report", "lohi.lab.result"], rows
        )
        self.assertEqual(set(rows.mapped("kind")), {"report"})
        self.assertEqual(rows.user_id, reader)
        # the PDF downloaded from the backend (/web/content) is logged as well
        self.env["ir.binary"].with_user(reader)._find_record(
            res_model="lohi.lab.report", res_id=report.id, field="pdf"
        )
        self.assertEqual(
            self.Log.search_count([("id", ">", last), ("partner_id", "=", report.partner_id.id)]),
            3,
        )

    def test_access_log_cannot_be_altered(self):
        self.client.with_user(self.doctor).read(["lohi_medical_history"])
        row = self.Log.search([("partner_id", "=", self.client.id)], limit=1)
        self.assertTrue(row)
        users = [user for __, user in self.users.values()] + [self.env.ref("base.user_admin")]
        for user in users:
            Log = self.Log.with_user(user)
            with self.assertRaises(AccessError, msg=f"{user.login} writes the log"):
                row.with_user(user).write({"field_names": "name"})
            with self.assertRaises(AccessError, msg=f"{user.login} deletes the log"):
                row.with_user(user).unlink()
            with self.assertRaises(AccessError, msg=f"{user.login} forges a log row"):
                Log.create({"partner_id": self.client.id, "kind": "read"})
        # even a database client bypassing the ORM
        for statement in (
            "UPDATE lohi_access_log SET user_id = NULL WHERE id = %s",
            "DELETE FROM lohi_access_log WHERE id = %s",
        ):
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.RaiseException),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(statement, [row.id])
        self.assertEqual(row.user_id, self.doctor)

    def test_clinical_data_needs_consent(self):
        """CLI-1/PIPL: no clinical data for a client whose consent is withdrawn."""
        consents = self.client.lohi_consent_ids.filtered(lambda c: c.state == "given")
        if not consents:
            self.skipTest("the demo client has no given consent")
        self.client.with_user(self.doctor).write({"lohi_medical_history": "有同意书"})
        consents.with_user(self.doctor).action_withdraw("客户撤回")
        self.client.invalidate_recordset()
        with self.assertRaises(UserError):
            self.client.with_user(self.doctor).write({"lohi_medical_history": "撤回后"})

    def test_withdrawn_consent_cannot_be_revived(self):
        consents = self.client.lohi_consent_ids.filtered(lambda c: c.state == "given")
        if not consents:
            self.skipTest("the demo client has no given consent")
        consents.with_user(self.doctor).action_withdraw("客户撤回")
        for login in ("doctor", "service"):
            try:
                with self.env.cr.savepoint():
                    consents.with_user(self.users[login][1]).write({"state": "given"})
            except (AccessError, UserError):
                continue
            self.fail(f"{login} revived a withdrawn consent by writing its state")
