import unittest

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
            # nor search clients by what their consultations say
            with self.assertRaises(AccessError, msg=f"{login} searches consultations"):
                self.env["res.partner"].with_user(user).search(
                    [("lohi_consultation_ids.summary", "ilike", "病")]
                )
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

    @unittest.skip(
        "GAP lohi_clients (X-5): search_read (what scripts and RPC clients call) skips "
        "read() in Odoo 18, so res.partner.read's access logging never runs for it: a "
        "doctor can fetch lohi_medical_history of many clients without a log row. Log in "
        "_read_format (or search_read) too, then remove this skip."
    )
    def test_search_read_is_logged(self):
        before = self._log_count(partner_id=self.client.id)
        self.env["res.partner"].with_user(self.doctor).search_read(
            [("id", "=", self.client.id)], ["lohi_medical_history"]
        )
        self.assertEqual(self._log_count(partner_id=self.client.id), before + 1)

    @unittest.skip(
        "GAP lohi_clients (X-5): export_data (the Export button, xlsx/CSV) reads field "
        "values without read(), so exporting lohi_medical_history leaves no log row. Log "
        "exports of CLINICAL_FIELDS (override export_data), then remove this skip."
    )
    def test_export_is_logged(self):
        # new users get the export right from Odoo's default user template
        self.doctor.groups_id += self.env.ref("base.group_allow_export")
        before = self._log_count(partner_id=self.client.id)
        self.client.with_user(self.doctor).export_data(["name", "lohi_medical_history"])
        self.assertEqual(self._log_count(partner_id=self.client.id), before + 1)

    @unittest.skip(
        "GAP lohi_lab (X-5): reading or downloading a lab report (lohi.lab.report pdf, "
        "lohi.lab.result values) writes no access log row; the log's kind 'report' (Report "
        "Download) is never used. Log reads of lohi.lab.report/lohi.lab.result with "
        "lohi.access.log._record_access(partners, 'report', fields, records), then remove "
        "this skip."
    )
    def test_lab_report_read_is_logged(self):
        report = self.env["lohi.lab.report"].search(
            [("order_id.state", "in", ("reviewed", "production", "issued", "interpreted"))],
            limit=1,
        )
        reader = report.order_id.doctor_id or self.doctor
        before = self._log_count(partner_id=report.partner_id.id)
        report.with_user(reader).web_read({"pdf": {}, "result_ids": {"fields": {"value": {}}}})
        self.assertEqual(self._log_count(partner_id=report.partner_id.id), before + 1)

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

    @unittest.skip(
        "GAP lohi_clients (CLI-1, PIPL): lohi.consent.write does not protect 'state' (nor "
        "the withdrawal fields): any role with write access (clinical roles, customer "
        "service) can turn a withdrawn consent back to 'given' over RPC, without a new "
        "signed form, and clinical data can be entered again. Refuse state/withdrawn_* in "
        "write unless through action_withdraw, then remove this skip."
    )
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
