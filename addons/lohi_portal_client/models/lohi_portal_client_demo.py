from datetime import timedelta

import pytz

from odoo import api, fields, models


class LohiAppointment(models.Model):
    _inherit = "lohi.appointment"

    @api.model
    def _lohi_demo_portal_clients(self):
        """Demo story of the two portal clients (X-2): completed visits (one rated), coming
        visits, and a conversation with their doctor. Runs once."""
        ref = self.env.ref
        client1 = ref("lohi_portal_client.res_partner_portal_client1_demo")
        client2 = ref("lohi_portal_client.res_partner_portal_client2_demo")
        if self.sudo().search_count([("partner_id", "in", (client1 | client2).ids)]):
            return
        first = ref("lohi_appointments.lohi_service_type_first_visit_demo")
        reading = ref("lohi_appointments.lohi_service_type_interpretation_demo")
        doctor = ref("lohi_clients.user_doctor_demo")
        doctor2 = ref("lohi_clients.user_doctor2_demo")
        chaoyang = ref("lohi_clients.lohi_centre_chaoyang_demo")
        shanghai = ref("lohi_clients.lohi_centre_shanghai_demo")
        plans = [
            # (client, doctor, centre, service, day offset, state, visit type)
            (client1, doctor, chaoyang, first, -20, "done", "first"),
            (client1, doctor, chaoyang, reading, -5, "done", "interpretation"),
            (client1, doctor, chaoyang, reading, 6, "confirmed", "revisit"),
            (client2, doctor2, shanghai, first, -17, "done", "first"),
            (client2, doctor2, shanghai, first, 8, "confirmed", "revisit"),
        ]
        now = fields.Datetime.now()
        today = pytz.utc.localize(now).astimezone(pytz.timezone("Asia/Shanghai")).date()
        this = self.sudo().with_context(mail_create_nolog=True, tracking_disable=True)
        visits = {}
        for client, user, centre, service, offset, state, visit_type in plans:
            day = today + timedelta(days=offset)
            past = offset < 0
            window = (day - timedelta(days=4), day) if past else (day, day + timedelta(days=4))
            slots = this._find_free_slots(
                service, *window, doctor=user, centre=centre, allow_past=past
            )
            slots = [s for s in slots if (s["stop"] < now if past else s["start"] > now)]
            if not slots:
                continue
            slot = slots[-1] if past else slots[0]
            visit = this.create(
                {
                    "partner_id": client.id,
                    "doctor_id": user.id,
                    "centre_id": centre.id,
                    "service_type_id": service.id,
                    "start": slot["start"],
                    "channel": "online" if client == client2 else "phone",
                    "visit_type": visit_type,
                }
            )
            if visit.state == "requested":
                visit._internal().write({"state": "confirmed"})
            if state == "done":
                visit._internal().write({"state": "arrived"})
                visit._internal().write({"state": "done"})
            visits[(client.id, offset)] = visit
        # 陈晓梅 rated her first visit on the portal; the interpretation is still to rate.
        rated = visits.get((client1.id, -20))
        staff = self.env["lohi.staff"].sudo().search([("user_id", "=", doctor.id)], limit=1)
        if rated and staff:
            self.env["lohi.staff.rating"].sudo().create(
                {
                    "staff_id": staff.id,
                    "partner_id": client1.id,
                    "appointment_id": rated.id,
                    "score": 5,
                    "comment": "王医生问得很细，饮食建议也很具体，谢谢！",
                    "origin": self.env._("Client portal"),
                }
            )
        Conversation = self.env["lohi.conversation"].sudo()
        talk1 = Conversation.create({"partner_id": client1.id, "doctor_id": doctor.id})
        talk1.message_post(
            body="王医生您好，按您的建议停了牛奶两周，腹胀好多了。鸡蛋也要一起停吗？",
            author_id=client1.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        talk1.message_post(
            body="陈女士您好，鸡蛋白反应也偏高，建议同样先回避 3 个月，可以用豆制品补充蛋白质。"
            "下次解读时我们再一起看复查计划。",
            author_id=doctor.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        talk1.message_post(
            body="好的，谢谢王医生！另外晚上睡前可以吃镁吗？",
            author_id=client1.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        talk2 = Conversation.create({"partner_id": client2.id, "doctor_id": doctor2.id})
        talk2.message_post(
            body="陈医生，下周要去外地出差三天，复诊能不能改到月底？",
            author_id=client2.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
