from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestStaff(LohiClientsCase):
    """CLI-7 doctors (qualification check, training and cases readable by colleagues,
    client ratings with the average) and CLI-8 staff records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operations = new_test_user(
            cls.env, login="t_ops2", groups="lohi_clients.group_hq_operations"
        )
        cls.staff = (
            cls.env["lohi.staff"]
            .with_user(cls.operations)
            .create(
                {
                    "user_id": cls.doctor.id,
                    "staff_type": "doctor",
                    "centre_ids": [(6, 0, cls.centre_a.ids)],
                }
            )
        )
        cls.scan = cls.env["ir.attachment"].create({"name": "证书.pdf", "raw": b"%PDF-1.4 scan"})

    def test_certificate_verification(self):
        certificate = (
            self.env["lohi.staff.certificate"]
            .with_user(self.operations)
            .create({"staff_id": self.staff.id, "name": "医师执业证书"})
        )
        self.assertEqual(self.staff.qualification_state, "pending")
        with self.assertRaises(UserError):
            certificate.action_verify()  # no scan attached
        certificate.attachment_ids = self.scan
        with self.assertRaises(AccessError):
            certificate.with_user(self.doctor).action_verify()
        with self.assertRaises(UserError):
            certificate.with_user(self.operations).write({"verified_on": "2026-01-01 00:00:00"})
        certificate.action_verify()
        self.assertEqual(certificate.verified_by_id, self.operations)
        self.assertEqual(self.staff.qualification_state, "verified")
        with self.assertRaises(UserError):
            certificate.action_verify()
        with self.assertRaises(UserError):
            certificate.write({"number": "改号"})

    def test_colleagues_read_training_each_writes_own(self):
        training = (
            self.env["lohi.staff.training"]
            .with_user(self.doctor)
            .create({"staff_id": self.staff.id, "date": "2026-05-01", "name": "功能医学年会"})
        )
        case = (
            self.env["lohi.staff.case"]
            .with_user(self.doctor)
            .create({"staff_id": self.staff.id, "name": "失眠调理案例"})
        )
        # a colleague reads them…
        self.assertEqual(training.with_user(self.doctor_b).name, "功能医学年会")
        self.assertEqual(case.with_user(self.manager).name, "失眠调理案例")
        # …but cannot change them or add to someone else's record
        with self.assertRaises(AccessError):
            training.with_user(self.doctor_b).write({"hours": 100})
        with self.assertRaises(AccessError):
            self.env["lohi.staff.case"].with_user(self.doctor_b).create(
                {"staff_id": self.staff.id, "name": "冒名案例"}
            )
        with self.assertRaises(AccessError):
            self.staff.with_user(self.doctor).write({"years_of_practice": 30})

    def test_rating_average(self):
        Rating = self.env["lohi.staff.rating"].with_user(self.service)
        client = self._client()
        Rating.create({"staff_id": self.staff.id, "partner_id": client.id, "score": 5})
        Rating.create(
            {"staff_id": self.staff.id, "partner_id": client.id, "score": 2, "comment": "等待太久"}
        )
        self.assertAlmostEqual(self.staff.rating_avg, 3.5)
        self.assertEqual(self.staff.rating_count, 2)
        with self.assertRaises(AccessError):
            self.env["lohi.staff.rating"].with_user(self.doctor).create(
                {"staff_id": self.staff.id, "partner_id": client.id, "score": 5}
            )
