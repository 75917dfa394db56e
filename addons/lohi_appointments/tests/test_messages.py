from odoo.tests import tagged

from .common import MONDAY, AppointmentCase, utc


@tagged("post_install", "-at_install")
class TestClientMessages(AppointmentCase):
    """APT-6 confirmation messages from editable templates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client.lang = "en_US"

    def client_mails(self, appointment):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "lohi.appointment"),
                ("res_id", "=", appointment.id),
                ("recipient_ids", "in", self.client.ids),
            ],
            order="id",
        )

    def test_salutation_from_title_or_generic(self):
        appointment = self.book()
        self.assertEqual(appointment.client_salutation, "Madam 王芳")
        self.client.title = False
        appointment.invalidate_recordset(["client_salutation"])
        self.assertEqual(appointment.client_salutation, "Mr/Ms 王芳")
        self.assertEqual(appointment.client_date_label, "3/4")
        self.assertEqual(appointment.client_time_label, "09:00")

    def test_salutation_in_chinese(self):
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("zh_CN not installed")
        self.client.lang = "zh_CN"
        appointment = self.book()
        self.assertEqual(appointment.client_salutation, "王芳女士")
        self.assertEqual(appointment.client_date_label, "3月4日")
        mail = self.client_mails(appointment)
        self.assertIn("尊敬的王芳女士，您在3月4日09:00", mail.body_html)
        self.assertIn("预约的初诊问诊项目已经预约成功", mail.body_html)

    def test_messages_on_booking_change_and_cancellation(self):
        appointment = self.book()
        booked = self.client_mails(appointment)
        self.assertEqual(len(booked), 1)
        self.assertEqual(booked.recipient_ids, self.client)
        self.assertIn("Madam 王芳", booked.body_html)
        self.assertIn("初诊问诊", booked.body_html)
        self.assertIn("测试朝阳", booked.body_html)
        self.assertIn("09:00", booked.body_html)  # Beijing time, not UTC 01:00
        appointment.with_user(self.service_user).write({"start": utc(MONDAY, 15)})
        changed = self.client_mails(appointment) - booked
        self.assertIn("has been changed", changed.body_html)
        self.assertIn("15:00", changed.body_html)
        appointment.with_user(self.service_user).action_cancel()
        cancelled = self.client_mails(appointment) - booked - changed
        self.assertIn("has been cancelled", cancelled.body_html)

    def test_online_request_gets_message_on_confirmation_only(self):
        appointment = self.book(channel="online")
        self.assertFalse(self.client_mails(appointment))
        appointment.with_user(self.agent).action_confirm()
        self.assertEqual(len(self.client_mails(appointment)), 1)

    def test_client_without_email_noted(self):
        self.client.email = False
        appointment = self.book()
        self.assertFalse(self.client_mails(appointment))
        self.assertIn("no e-mail address", appointment.message_ids[0].body)

    def test_gender_wins_over_title(self):
        if "lohi_gender" not in self.client._fields:
            self.skipTest("lohi_clients without gender")
        self.client.lohi_gender = "male"
        self.client.lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else "en_US"
        appointment = self.book()
        expected = "王芳先生" if self.client.lang == "zh_CN" else "Mr 王芳"
        self.assertEqual(appointment.client_salutation, expected)

    def test_sms_with_the_same_text(self):
        if "lohi.sms.message" not in self.env:
            self.skipTest("no SMS gateway")
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("zh_CN not installed")
        self.client.write({"lang": "zh_CN", "mobile": "13900002222"})
        appointment = self.book()
        Sms = self.env["lohi.sms.message"].sudo()
        sms = Sms.search([("partner_id", "=", self.client.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "13900002222")
        self.assertIn("尊敬的王芳女士，您在3月4日09:00", sms.body)
        self.assertNotIn("<", sms.body)
        appointment.with_user(self.service_user).action_cancel()
        cancelled = Sms.search([("partner_id", "=", self.client.id)]) - sms
        self.assertIn("已经取消，感谢您的支持", cancelled.body)
