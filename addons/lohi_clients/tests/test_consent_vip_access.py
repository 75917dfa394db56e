from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestConsentVipAccess(LohiClientsCase):
    """CLI-1, CLI-6, CLI-14: a client's consents and VIP forms are seen by whoever sees the
    client — HQ roles everywhere, doctors and health managers in their centres — and not by
    a doctor of another centre (issue 11 listed this as a known leak)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client(name="甲中心客户")
        cls.consent_a = cls.env["lohi.consent"].search([("partner_id", "=", cls.client_a.id)])
        cls.vip_a = cls.env["lohi.vip.application"].create(
            {"partner_id": cls.client_a.id, "reason": "年消费高，长期使用产品"}
        )

    def _visible(self, model, user, record):
        return record in self.env[model].with_user(user).search([("id", "=", record.id)])

    def test_centre_roles_see_their_centres_only(self):
        for model, record in (
            ("lohi.consent", self.consent_a),
            ("lohi.vip.application", self.vip_a),
        ):
            with self.subTest(model=model):
                self.assertTrue(self._visible(model, self.doctor, record))
                self.assertTrue(self._visible(model, self.manager, record))
                self.assertFalse(self._visible(model, self.doctor_b, record))
                with self.assertRaises(AccessError):
                    record.with_user(self.doctor_b).read(["partner_id"])

    def test_hq_roles_see_every_centre(self):
        for model, record in (
            ("lohi.consent", self.consent_a),
            ("lohi.vip.application", self.vip_a),
        ):
            with self.subTest(model=model):
                self.assertTrue(self._visible(model, self.service, record))
                self.assertTrue(self._visible(model, self.leader, record))

    def test_own_records_stay_visible(self):
        """What a doctor recorded for a client of another centre stays his to see."""
        consent = self.env["lohi.consent"].create(
            {
                "partner_id": self.client_a.id,
                "scope": "marketing",
                "recorded_by_id": self.doctor_b.id,
            }
        )
        self.assertTrue(self._visible("lohi.consent", self.doctor_b, consent))
        self.assertFalse(self._visible("lohi.consent", self.doctor_b, self.consent_a))
