import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestClientArchive(LohiClientsCase):
    """CLI-1 mandatory set and card number; CLI-2 archive number; consent (PIPL)."""

    def test_mandatory_set_enforced_for_every_entry_point(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        client = Partner.create(self._client_vals())
        self.assertTrue(client.lohi_is_client)
        self.assertGreater(client.lohi_age, 40)
        for field in (
            "lohi_doctor_id",
            "lohi_centre_id",
            "mobile",
            "lohi_birthdate",
            "lohi_remark",
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError) as err:
                Partner.create(self._client_vals(**{field: False}))
            label = self.env["res.partner"]._fields[field].get_description(self.env)["string"]
            self.assertIn(label, str(err.exception))
        # write from RPC cannot empty a mandatory field either
        with self.assertRaises(ValidationError):
            client.write({"lohi_health_manager_id": False})
        # import (load) reports the row's problem and creates nothing
        before = Partner.search_count([("lohi_is_client", "=", True)])
        result = Partner.load(
            ["name", "lohi_is_client", "mobile"], [["无医生客户", "1", "13800000000"]]
        )
        self.assertFalse(result["ids"])
        self.assertTrue(
            any("缺少" in m["message"] or "missing" in m["message"] for m in result["messages"])
        )
        self.assertEqual(Partner.search_count([("lohi_is_client", "=", True)]), before)
        # an institution source names the institution
        with self.assertRaises(ValidationError):
            Partner.create(self._client_vals(lohi_source="institution"))
        # the Clients menu creates clients through the context default: checked too
        vals = self._client_vals(lohi_doctor_id=False)
        del vals["lohi_is_client"]
        with self.assertRaises(ValidationError) as err:
            Partner.with_context(default_lohi_is_client=True).create(vals)
        self.assertIn(
            self.env["res.partner"]._fields["lohi_doctor_id"].get_description(self.env)["string"],
            str(err.exception),
        )
        # a plain contact is no client and needs none of it
        self.assertFalse(Partner.create({"name": "供应商联系人"}).lohi_is_client)

    def test_database_check_backs_the_rule(self):
        client = self._client()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE res_partner SET lohi_doctor_id = NULL WHERE id = %s", [client.id]
            )

    def test_card_number_unique(self):
        self._client(lohi_card_no="LHV0001")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self._client(name="另一位", lohi_card_no="LHV0001")

    def test_archive_number_at_first_consultation(self):
        client = self._client()
        self.assertFalse(client.lohi_archive_no)
        Consultation = self.env["lohi.consultation"].with_user(self.doctor)
        first = Consultation.create({"partner_id": client.id, "set_id": self.qset.id})
        number = client.lohi_archive_no
        self.assertTrue(number and number.startswith("LH"))
        self.assertEqual(len(first.answer_ids), 2, "the question set's questions come along")
        Consultation.create({"partner_id": client.id, "set_id": self.qset.id})
        self.assertEqual(client.lohi_archive_no, number, "a second consultation keeps the number")
        other = self._client(name="王立新")
        Consultation.create({"partner_id": other.id, "set_id": self.qset.id})
        self.assertGreater(other.lohi_archive_no, number, "numbers are chronological")
        with self.assertRaises(UserError):
            client.with_user(self.manager).write({"lohi_archive_no": "LH0000001"})
        with self.assertRaises(UserError):
            self.env["res.partner"].with_user(self.manager).create(
                self._client_vals(name="自带编号", lohi_archive_no="LH123")
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE res_partner SET lohi_archive_no = %s WHERE id = %s", [number, other.id]
            )

    def test_consultation_answers_and_finish(self):
        client = self._client()
        consultation = (
            self.env["lohi.consultation"]
            .with_user(self.doctor)
            .create({"partner_id": client.id, "set_id": self.qset.id})
        )
        with self.assertRaises(ValidationError):
            consultation.action_done()  # the required complaint is not answered
        complaint = consultation.answer_ids.filtered(lambda a: a.answer_type == "text")
        complaint.value_text = "长期疲劳"
        weight = consultation.answer_ids.filtered(lambda a: a.answer_type == "number")
        weight.value_number = 62.5
        consultation.action_done()
        self.assertEqual(consultation.state, "done")
        self.assertEqual(weight.value_display, "62.5 kg")
        with self.assertRaises(UserError):
            complaint.with_user(self.doctor).value_text = "改写"
        with self.assertRaises(UserError):
            consultation.action_done()
        # readable later in the archive
        self.assertIn(consultation, client.with_user(self.doctor).lohi_consultation_ids)

    def test_no_clinical_data_without_consent(self):
        client = self._client(consent=False)
        Consultation = self.env["lohi.consultation"].with_user(self.doctor)
        with self.assertRaises(UserError) as err:
            Consultation.create({"partner_id": client.id, "set_id": self.qset.id})
        self.assertIn(client.name, str(err.exception))
        with self.assertRaises(UserError):
            client.with_user(self.doctor).write({"lohi_medical_history": "高血压"})
        consent = (
            self.env["lohi.consent"]
            .with_user(self.manager)
            .create({"partner_id": client.id, "scope": "clinical"})
        )
        self.assertEqual(consent.recorded_by_id, self.manager)
        client.with_user(self.doctor).write({"lohi_medical_history": "高血压"})
        consultation = Consultation.create({"partner_id": client.id, "set_id": self.qset.id})
        consent.with_user(self.manager).action_withdraw("客户撤回")
        self.assertEqual(consent.state, "withdrawn")
        self.assertEqual(consent.withdrawn_by_id, self.manager)
        with self.assertRaises(UserError):
            client.with_user(self.doctor).write({"lohi_medical_history": "高血压、糖尿病"})
        with self.assertRaises(UserError):
            consultation.with_user(self.doctor).write({"summary": "继续记录"})
        with self.assertRaises(UserError):
            consent.with_user(self.manager).write({"scope": "marketing"})
        with self.assertRaises(UserError):
            consent.with_user(self.manager).unlink()
        # a withdrawn consent is not revived by a write, nor its trail rewritten
        for vals in ({"state": "given"}, {"withdrawn_date": False}, {"withdrawal_reason": "x"}):
            with self.assertRaises(UserError):
                consent.with_user(self.manager).write(vals)
        self.assertEqual(consent.state, "withdrawn")
        with self.assertRaises(UserError):
            client.with_user(self.doctor).write({"lohi_medical_history": "高血压、糖尿病"})
