from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

PORTAL_CLIENT = "lohi_portal_client.group_portal_client"
#: A client may have at most this many online requests waiting for verification.
MAX_OPEN_REQUESTS = 3
#: How far ahead the portal offers times.
REQUEST_HORIZON_DAYS = 60


class LohiAppointment(models.Model):
    _inherit = "lohi.appointment"

    lohi_rating_ids = fields.One2many(
        "lohi.staff.rating", "appointment_id", string="Client Rating", readonly=True
    )

    # ------------------------------------------------------------------ portal (APT-1)
    @api.model
    def _lohi_portal_client(self):
        """The client behind the portal user at hand, or AccessError."""
        user = self.env.user
        if not user.has_group(PORTAL_CLIENT):
            raise AccessError(self.env._("This page is for clients with a portal login."))
        partner_sudo = user.partner_id.sudo()
        if not partner_sudo.lohi_is_client:
            raise AccessError(self.env._("Your login is not linked to a client archive."))
        return partner_sudo

    @api.model
    def _lohi_portal_free_slots(self, service, centre, doctor, day, days=7):
        """Free times (APT-3) for the portal client from ``day`` on, ``days`` long."""
        self._lohi_portal_client()
        today = fields.Date.context_today(self)
        day = max(day, today)
        if day > today + timedelta(days=REQUEST_HORIZON_DAYS):
            return []
        return self.sudo()._find_free_slots(
            service.sudo(),
            day,
            day + timedelta(days=days - 1),
            doctor=doctor.sudo() or None,
            centre=centre.sudo(),
            limit=40,
        )

    @api.model
    def _lohi_portal_request(self, service, centre, doctor, start, note=None):
        """APT-1, online channel: the portal client asks for a time with a doctor at a
        centre. The backend's own create() makes it a request waiting for verification
        ("to verify", state requested): availability re-checked, deadline of 2 hours,
        to-do for the centre, doctor notified. Returns the appointment (as the client)."""
        partner_sudo = self._lohi_portal_client()
        service_sudo, centre_sudo, doctor_sudo = service.sudo(), centre.sudo(), doctor.sudo()
        if not (service_sudo.exists() and service_sudo.active):
            raise UserError(self.env._("Choose a service."))
        if not centre_sudo.exists() or not centre_sudo.lohi_schedule_ids:
            raise UserError(self.env._("Choose a centre."))
        if not doctor_sudo.exists() or doctor_sudo not in centre_sudo.lohi_schedule_ids.doctor_id:
            raise UserError(
                self.env._(
                    "Choose a doctor who sees clients at %(centre)s.", centre=centre_sudo.name
                )
            )
        start = fields.Datetime.to_datetime(start)
        if not start or start <= fields.Datetime.now():
            raise UserError(self.env._("Choose a time in the future."))
        open_count = self.sudo().search_count(
            [("partner_id", "=", partner_sudo.id), ("state", "=", "requested")]
        )
        if open_count >= MAX_OPEN_REQUESTS:
            raise UserError(
                self.env._(
                    "You already have %(count)s requests waiting for our confirmation; we "
                    "will call you shortly.",
                    count=open_count,
                )
            )
        had_visit = self.sudo().search_count(
            [("partner_id", "=", partner_sudo.id), ("state", "=", "done")], limit=1
        )
        appointment_sudo = self.sudo().create(
            {
                "partner_id": partner_sudo.id,
                "service_type_id": service_sudo.id,
                "centre_id": centre_sudo.id,
                "doctor_id": doctor_sudo.id,
                "start": start,
                "channel": "online",
                "visit_type": "revisit" if had_visit else "first",
                "note": (note or "").strip()[:1000] or False,
            }
        )
        return self.browse(appointment_sudo.id)

    # ------------------------------------------------------------------ rating (CLI-7)
    def _lohi_portal_rateable(self):
        """The visits among ``self`` the client may still rate: completed, not rated on
        the portal nor through their satisfaction survey. Two queries for the batch."""
        visits_sudo = self.sudo().filtered(lambda v: v.state == "done" and not v.lohi_rating_ids)
        if not visits_sudo:
            return self.browse()
        survey_rated = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("lohi_appointment_id", "in", visits_sudo.ids),
                    ("lohi_rating_done", "=", True),
                ]
            )
            .lohi_appointment_id
        )
        return self.browse((visits_sudo - survey_rated).ids)

    def _lohi_portal_can_rate(self):
        """Own completed visit, not rated yet (on the portal or in its survey)."""
        self.ensure_one()
        return bool(self._lohi_portal_rateable())

    def _lohi_portal_rate(self, score, comment=None):
        """The client rates the doctor who served them on this visit: one rating per
        visit, own completed visits only; feeds the doctor's staff record (CLI-7)."""
        self.ensure_one()
        partner_sudo = self._lohi_portal_client()
        self.check_access("read")
        self_sudo = self.sudo()
        if self_sudo.partner_id != partner_sudo:
            raise AccessError(self.env._("You can only rate your own visits."))
        if self_sudo.state != "done":
            raise UserError(self.env._("You can rate a visit once it is completed."))
        if not self._lohi_portal_can_rate():
            raise UserError(self.env._("You have already rated this visit. Thank you!"))
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise UserError(self.env._("Choose 1 to 5 stars."))
        staff_sudo = (
            self.env["lohi.staff"]
            .sudo()
            .search([("user_id", "=", self_sudo.doctor_id.id)], limit=1)
        )
        if not staff_sudo:
            raise UserError(
                self.env._(
                    "%(doctor)s cannot be rated online yet; please tell your health manager.",
                    doctor=self_sudo.doctor_id.name,
                )
            )
        rating_sudo = (
            self.env["lohi.staff.rating"]
            .sudo()
            .create(
                {
                    "staff_id": staff_sudo.id,
                    "partner_id": partner_sudo.id,
                    "appointment_id": self_sudo.id,
                    "score": score,
                    "comment": (comment or "").strip()[:2000] or False,
                    "origin": self.env._("Client portal"),
                }
            )
        )
        return self.env["lohi.staff.rating"].browse(rating_sudo.id)

    # ------------------------------------------------------------------ demo
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
        talk2 = Conversation.create({"partner_id": client2.id, "doctor_id": doctor2.id})
        messages = [
            (talk1, client1, "王医生您好，按您的建议停了牛奶两周，腹胀好多了。鸡蛋也要一起停吗？"),
            (
                talk1,
                doctor.partner_id,
                (
                    "陈女士您好，鸡蛋白反应也偏高，建议同样先回避 3 个月，可以用豆制品补充蛋白质。"
                    "下次解读时我们再一起看复查计划。"
                ),
            ),
            (talk1, client1, "好的，谢谢王医生！另外晚上睡前可以吃镁吗？"),
            (talk2, client2, "陈医生，下周要去外地出差三天，复诊能不能改到月底？"),
        ]
        for talk, author, text in messages:
            talk.message_post(
                body=text,
                author_id=author.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
