from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PortalClientCase


@tagged("post_install", "-at_install")
class TestConversation(PortalClientCase):
    """CLI-7: the online conversation between a client and their functional doctor."""

    def _post(self, conversation, user, body):
        # what the portal chatter does: access checked on the thread, then a sudo post
        thread = (
            self.env["lohi.conversation"]
            .with_user(user)
            ._get_thread_with_access(conversation.id, mode="read")
        )
        self.assertTrue(thread, f"{user.login} may post on {conversation.name}")
        return thread.sudo().message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def test_client_writes_doctor_is_notified_and_answers(self):
        conversation = (
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client()
        )
        self.assertEqual(conversation.env.user, self.user_a)
        self.assertEqual(conversation.sudo().doctor_id, self.doctor)
        self.assertEqual(
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client(),
            conversation,
            "one conversation per client and doctor",
        )
        message = self._post(conversation, self.user_a, "王医生，停了牛奶后腹胀好多了。")
        self.assertEqual(message.author_id, self.client_a)
        self.assertIn(self.doctor.partner_id, message.notification_ids.res_partner_id)
        mine = (
            self.env["lohi.conversation"].with_user(self.doctor).search([("doctor_unread", ">", 0)])
        )
        self.assertEqual(mine, conversation)
        self.assertEqual(mine.doctor_unread, 1)
        self._post(conversation, self.doctor, "很好，继续回避 3 个月。")
        self.assertEqual(conversation.sudo().doctor_unread, 0)
        self.assertEqual(conversation.sudo().client_unread, 1)
        conversation._lohi_mark_read_by_client()
        self.assertEqual(conversation.sudo().client_unread, 0)
        self._post(conversation, self.user_a, "谢谢！")
        mine.action_mark_read()
        self.assertEqual(mine.doctor_unread, 0)

    def test_only_client_doctor_and_director_read_it(self):
        conversation = (
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client()
        )
        self._post(conversation, self.user_a, "私密内容")
        for user in (self.user_b, self.doctor_b, self.director_b, self.manager, self.agent):
            Conversation = self.env["lohi.conversation"].with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                conversation.with_user(user).read(["name"])
            self.assertFalse(
                Conversation._get_thread_with_access(conversation.id, mode="read"), user.login
            )
        self.assertFalse(self.env["lohi.conversation"].with_user(self.user_b).search([]))
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.user_b)
            .search([("model", "=", "lohi.conversation"), ("res_id", "=", conversation.id)])
        )
        # the branch director of the client's centre reads, but neither writes nor marks read
        self.assertTrue(conversation.with_user(self.director).read(["name"]))
        with self.assertRaises(AccessError):
            conversation.with_user(self.director).action_mark_read()
        with self.assertRaises(AccessError):
            conversation.with_user(self.director).message_post(
                body="主任插话", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with self.assertRaises(AccessError):
            conversation.with_user(self.doctor_b).action_mark_read()

    def test_client_cannot_tamper(self):
        conversation = (
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client()
        )
        with self.assertRaises(AccessError):
            conversation.write({"active": False})
        with self.assertRaises(UserError):
            conversation.write({"doctor_id": self.doctor_b.id})
        with self.assertRaises(AccessError):
            self.env["lohi.conversation"].with_user(self.user_a).create(
                {"partner_id": self.client_b.id, "doctor_id": self.doctor_b.id}
            )
        with self.assertRaises(UserError):
            conversation.with_user(self.doctor).write({"doctor_unread": 0})

    def test_doctor_talks_only_with_own_clients(self):
        Conversation = self.env["lohi.conversation"].with_user(self.doctor_b)
        with self.assertRaises(ValidationError):
            Conversation.create({"partner_id": self.client_a.id, "doctor_id": self.doctor_b.id})
        with self.assertRaises(AccessError):
            Conversation.create({"partner_id": self.client_a.id, "doctor_id": self.doctor.id})
        conversation = Conversation.create(
            {"partner_id": self.client_b.id, "doctor_id": self.doctor_b.id}
        )
        self.assertEqual(conversation.message_partner_ids, self.client_b | self.doctor_b.partner_id)

    def test_portal_user_without_client_archive(self):
        with self.assertRaises(AccessError):
            self.env["lohi.conversation"].with_user(self.portal_other)._lohi_for_current_client()

    def test_doctor_notes_stay_internal(self):
        conversation = (
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client()
        )
        answer = self._post(conversation, self.doctor, "可以，睡前 1 粒镁。")
        note = conversation.with_user(self.doctor).message_post(
            body="客户依从性好，下次复查加查维生素 D。", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(conversation.sudo().client_unread, 1, "a note is no answer")
        seen = (
            self.env["mail.message"]
            .with_user(self.user_a)
            .search([("model", "=", "lohi.conversation"), ("res_id", "=", conversation.id)])
        )
        self.assertIn(answer, seen)
        self.assertNotIn(note, seen)

    def test_doctor_opens_the_conversation_from_the_archive(self):
        action = self.client_a.with_user(self.doctor).action_lohi_open_conversation()
        conversation = self.env["lohi.conversation"].browse(action["res_id"])
        self.assertEqual(
            (conversation.partner_id, conversation.doctor_id), (self.client_a, self.doctor)
        )
        again = self.client_a.with_user(self.doctor).action_lohi_open_conversation()
        self.assertEqual(again["res_id"], conversation.id)
        self.assertEqual(
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client(),
            conversation.with_user(self.user_a),
        )
        with self.assertRaises(AccessError):
            self.client_b.with_user(self.doctor).action_lohi_open_conversation()

    def test_mail_links_lead_clients_to_the_portal(self):
        conversation = (
            self.env["lohi.conversation"].with_user(self.user_a)._lohi_for_current_client()
        )
        action = conversation.sudo()._get_access_action(access_uid=self.user_a.id)
        self.assertEqual(
            (action["type"], action["url"]), ("ir.actions.act_url", "/my/health/doctor")
        )
        action = conversation.sudo()._get_access_action(access_uid=self.doctor.id)
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertFalse("access_token" in conversation._fields)
