import base64
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

PDF = b"%PDF-1.4\n% Lohi portal http test\n%%EOF\n"


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalClientRoutes(HttpCase):
    """The /my/health routes as two clients: own data only; the other client's ids,
    unreviewed reports and forged or foreign download tokens answer 404 (issue 9, X-5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        centre = env["lohi.centre"].create({"name": "门户测试中心", "code": "PHT"})
        manager = new_test_user(env, login="ph_manager", groups="lohi_clients.group_health_manager")
        cls.doctor = new_test_user(
            env,
            login="ph_doctor",
            name="门户王医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(centre.ids)],
        )
        env["lohi.staff"].create({"user_id": cls.doctor.id, "staff_type": "doctor"})
        service = env["lohi.service.type"].create({"name": "门户初诊", "duration": 1.0})
        cls.service, cls.centre = service, centre
        cls.other_doctor = new_test_user(
            env, login="ph_doctor_x", groups="lohi_clients.group_functional_doctor"
        )
        env["lohi.doctor.schedule"].create(
            {
                "doctor_id": cls.doctor.id,
                "centre_id": centre.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day}",
                            "dayofweek": str(day),
                            "hour_from": 0.0,
                            "hour_to": 23.5,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        users = {}
        for login in ("ph_client_a", "ph_client_b"):
            user = new_test_user(
                env,
                login=login,
                password=login + "_pw",
                groups="lohi_portal_client.group_portal_client",
            )
            user.partner_id.write(
                {
                    "lohi_is_client": True,
                    "lohi_birthdate": "1980-01-01",
                    "mobile": "13800000000",
                    "lohi_doctor_id": cls.doctor.id,
                    "lohi_health_manager_id": manager.id,
                    "lohi_centre_id": centre.id,
                    "lohi_source": "walk_in",
                    "lohi_remark": "HTTP 测试",
                }
            )
            users[login] = user
        cls.user_a, cls.user_b = users["ph_client_a"], users["ph_client_b"]
        Appointment = env["lohi.appointment"]
        free = Appointment._find_free_slots(
            service,
            *[env.cr.now().date()] * 2,
            doctor=cls.doctor,
            centre=centre,
            allow_past=True,
        )
        cls.visits = {}
        for index, (user, state) in enumerate(
            [(cls.user_a, "done"), (cls.user_b, "done"), (cls.user_b, "confirmed")]
        ):
            visit = Appointment.create(
                {
                    "partner_id": user.partner_id.id,
                    "doctor_id": cls.doctor.id,
                    "centre_id": centre.id,
                    "service_type_id": service.id,
                    "start": free[index * 2]["start"],
                }
            )
            if state == "done":
                visit._internal().write({"state": "done"})
            cls.visits[(user.login, state)] = visit
        cls.reports = {}
        for user, state in (
            (cls.user_a, "reviewed"),
            (cls.user_a, "review"),
            (cls.user_b, "reviewed"),
        ):
            order = env["lohi.lab.order"].create(
                {
                    "partner_id": user.partner_id.id,
                    "centre_id": centre.id,
                    "doctor_id": cls.doctor.id,
                }
            )
            order.sudo().write({"state": state})
            cls.reports[(user.login, state)] = env["lohi.lab.report"].create(
                {
                    "order_id": order.id,
                    "report_ref": f"{user.login}-{state}",
                    "pdf": base64.b64encode(PDF),
                    "pdf_filename": "report.pdf",
                }
            )

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_own_pages_and_foreign_ids(self):
        self.authenticate("ph_client_a", "ph_client_a_pw")
        own_visit = self.visits[("ph_client_a", "done")]
        foreign_visit = self.visits[("ph_client_b", "done")]
        response = self._get("/my/health/visits")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'data-visit-id="{own_visit.id}"', response.text)
        self.assertNotIn(f'data-visit-id="{foreign_visit.id}"', response.text)
        self.assertIn(f"/my/health/visits/{own_visit.id}/rate", response.text)
        own_form = self._get(f"/my/health/visits/{own_visit.id}/rate")
        self.assertEqual(own_form.status_code, 200)
        csrf = own_form.text.split('name="csrf_token" value="')[1].split('"')[0]
        self.assertEqual(self._get(f"/my/health/visits/{foreign_visit.id}/rate").status_code, 404)
        self.assertEqual(self._get("/my/health/visits/999999999/rate").status_code, 404)
        response = self.url_open(
            f"/my/health/visits/{foreign_visit.id}/rate",
            data={"score": "1", "comment": "恶意差评", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(foreign_visit.lohi_rating_ids)
        response = self.url_open(
            f"/my/health/visits/{own_visit.id}/rate",
            data={"score": "5", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(own_visit.lohi_rating_ids.score, 5)

    def test_reports_reviewed_own_only_logged_and_tokens(self):
        own = self.reports[("ph_client_a", "reviewed")]
        unreviewed = self.reports[("ph_client_a", "review")]
        foreign = self.reports[("ph_client_b", "reviewed")]
        Log = self.env["lohi.access.log"]
        self.authenticate("ph_client_a", "ph_client_a_pw")
        listing = self._get("/my/health/reports")
        self.assertIn(f"/my/health/reports/{own.id}", listing.text)
        self.assertNotIn(f"/my/health/reports/{unreviewed.id}", listing.text)
        self.assertNotIn(f"/my/health/reports/{foreign.id}", listing.text)
        before = Log.search([])
        page = self._get(f"/my/health/reports/{own.id}")
        self.assertEqual(page.status_code, 200)
        viewed = Log.search([]) - before
        self.assertEqual(
            (viewed.kind, viewed.user_id, viewed.res_ids), ("portal", self.user_a, str(own.id))
        )
        token = page.text.split(f"/my/health/reports/{own.id}/pdf?token=")[1].split('"')[0]
        pdf = self._get(f"/my/health/reports/{own.id}/pdf?token={token}")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.content, PDF)
        self.assertEqual(
            len(Log.search([("kind", "=", "report"), ("user_id", "=", self.user_a.id)])), 1
        )
        expiry, __, signature = token.partition("-")
        forged = f"{expiry}-{signature[:-4]}beef"
        for url in (
            f"/my/health/reports/{own.id}/pdf?token={forged}",
            f"/my/health/reports/{own.id}/pdf",
            f"/my/health/reports/{unreviewed.id}",
            f"/my/health/reports/{unreviewed.id}/pdf?token={token}",
            f"/my/health/reports/{foreign.id}",
            f"/my/health/reports/{foreign.id}/pdf?token={token}",
        ):
            self.assertEqual(self._get(url).status_code, 404, url)
        # client B with A's valid link: 404, and nothing logged for B
        self.authenticate("ph_client_b", "ph_client_b_pw")
        self.assertEqual(
            self._get(f"/my/health/reports/{own.id}/pdf?token={token}").status_code, 404
        )
        self.assertFalse(
            Log.search([("user_id", "=", self.user_b.id), ("res_model", "=", "lohi.lab.report")])
        )

    def test_conversation_is_private(self):
        self.authenticate("ph_client_a", "ph_client_a_pw")
        page = self._get("/my/health/doctor")
        self.assertEqual(page.status_code, 200)
        self.assertIn("门户王医生", page.text)
        conversation = self.env["lohi.conversation"].search(
            [("partner_id", "=", self.user_a.partner_id.id)]
        )
        self.assertEqual(len(conversation), 1)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "lohi.conversation",
                "thread_id": conversation.id,
                "post_data": {
                    "body": "王医生您好",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        self.assertEqual(conversation.doctor_unread, 1)
        # the link in the doctor's reply e-mail leads the client to the portal page
        link = self._get(f"/mail/view?model=lohi.conversation&res_id={conversation.id}")
        self.assertTrue(link.headers["Location"].endswith("/my/health/doctor"))
        # client B: cannot post into or fetch A's conversation
        self.authenticate("ph_client_b", "ph_client_b_pw")
        with self.assertRaises(JsonRpcException) as refused:
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "lohi.conversation",
                    "thread_id": conversation.id,
                    "post_data": {
                        "body": "偷看",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                    },
                },
            )
        self.assertIn("NotFound", str(refused.exception))
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "lohi.conversation", "thread_id": conversation.id},
        )
        self.assertFalse(fetched["messages"])
        self.assertEqual(conversation.doctor_unread, 1)
        self.assertEqual(
            len(conversation.message_ids.filtered(lambda m: m.message_type == "comment")), 1
        )

    def test_request_form(self):
        self.authenticate("ph_client_a", "ph_client_a_pw")
        Appointment = self.env["lohi.appointment"]
        before = Appointment.search([])
        page = self._get(
            f"/my/health/visits/request?search=1&service_id={self.service.id}"
            f"&centre_id={self.centre.id}&doctor_id={self.doctor.id}"
        )
        self.assertEqual(page.status_code, 200)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        radio = re.search(r'<input[^>]*name="slot"[^>]*>', page.text).group(0)
        slot = re.search(r'value="([^"]+)"', radio).group(1)
        data = {"csrf_token": csrf, "service_id": self.service.id, "centre_id": self.centre.id}
        # a doctor who does not work at the centre, a forged time: the form again, nothing booked
        for forged in (f"{self.other_doctor.id}|{slot.partition('|')[2]}", "x|2030-01-01", ""):
            response = self.url_open(
                "/my/health/visits/request", data=dict(data, slot=forged), allow_redirects=False
            )
            self.assertEqual(response.status_code, 200, forged)
            self.assertIn("o_lohi_error", response.text)
        self.assertEqual(Appointment.search([]), before)
        response = self.url_open(
            "/my/health/visits/request", data=dict(data, slot=slot), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        booked = Appointment.search([]) - before
        self.assertEqual(booked.partner_id, self.user_a.partner_id)
        self.assertEqual((booked.state, booked.channel), ("requested", "online"))
        self.assertIn(booked.name, response.headers["Location"])
        done = self._get(response.headers["Location"])
        self.assertIn(booked.name, done.text.split("o_lohi_requested")[1][:300])
        spoofed = self._get("/my/health/visits?requested=请拨打4000000000退款")
        self.assertNotIn("o_lohi_requested", spoofed.text)

    def test_not_for_other_users(self):
        new_test_user(
            self.env, login="ph_portal", password="ph_portal_pw", groups="base.group_portal"
        )
        self.authenticate("ph_portal", "ph_portal_pw")
        for url in (
            "/my/health/visits",
            "/my/health/reports",
            "/my/health/doctor",
            "/my/health/surveys",
        ):
            self.assertEqual(self._get(url).status_code, 404, url)
        self.authenticate(None, None)
        self.assertIn(self._get("/my/health/visits").status_code, (302, 303))


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalClientTour(HttpCase):
    """The demo client 陈晓梅 on her phone: requests an appointment, opens her reviewed
    report, rates her doctor and writes to him."""

    def test_client_tour(self):
        user = self.env.ref("lohi_portal_client.user_client1_demo", raise_if_not_found=False)
        if not user:
            self.skipTest("needs the demo data")
        partner = user.partner_id
        Appointment = self.env["lohi.appointment"]
        before = Appointment.search([("partner_id", "=", partner.id)])
        ratings = self.env["lohi.staff.rating"].search([("partner_id", "=", partner.id)])
        logs = self.env["lohi.access.log"].search([("user_id", "=", user.id)])
        conversation = self.env["lohi.conversation"].search([("partner_id", "=", partner.id)])
        self.browser_size = "412x915"  # a phone
        self.start_tour("/my", "lohi_portal_client_tour", login="client1")
        requested = Appointment.search([("partner_id", "=", partner.id)]) - before
        self.assertEqual(len(requested), 1)
        self.assertEqual((requested.state, requested.channel), ("requested", "online"))
        new_rating = (
            self.env["lohi.staff.rating"].search([("partner_id", "=", partner.id)]) - ratings
        )
        self.assertEqual(new_rating.score, 5)
        self.assertTrue(new_rating.appointment_id)
        new_logs = self.env["lohi.access.log"].search([("user_id", "=", user.id)]) - logs
        self.assertIn("portal", new_logs.mapped("kind"))
        self.assertIn("lohi.lab.report", new_logs.mapped("res_model"))
        last = conversation.message_ids.sorted("id")[-1]
        self.assertEqual(last.author_id, partner)
        self.assertIn("复查", last.body)
