from odoo import http
from odoo.tests import HttpCase, tagged

from .common import LohiPortalCase


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalPages(LohiPortalCase, HttpCase):
    """POR-1 forms over HTTP: requisitions with their approval tiers and receipt, and
    booking forms that refuse malformed or past times."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._lohi_portal_setup()

    def _post(self, url, data):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def test_requisition_on_the_portal(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        product = self.env.ref("lohi_stock.product_vd3_demo")
        service = self.env["product.product"].create({"name": "咨询服务", "type": "service"})
        response = self._post(
            "/my/institution/requisitions/new", {"product_0": service.id, "qty_0": 2}
        )
        self.assertEqual(response.status_code, 404, "only storable products are requested")
        response = self._post("/my/institution/requisitions/new", {"note": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-warning", response.text)
        before = self.env["stock.request.order"].search([])
        response = self._post(
            "/my/institution/requisitions/new",
            {"product_0": product.id, "qty_0": 4, "note": "下月讲座用"},
        )
        self.assertEqual(response.status_code, 303)
        order = self.env["stock.request.order"].search([]) - before
        self.assertEqual(order.lohi_institution_id, self.inst_a)
        self.assertEqual(order.warehouse_id, self.centre.warehouse_id)
        self.assertEqual(order.requested_by, self.user_a)
        self.assertEqual(order.stock_request_ids.product_uom_qty, 4)
        self.assertEqual(len(order.review_ids), 2, "product manager and finance tiers")
        self.assertEqual(order.validation_status, "pending")
        page = self.url_open(f"/my/institution/requisitions/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.text.count("o_lohi_review"), 2, "both tiers are shown")
        # released by the warehouse (lohi_stock's flow), then counted on arrival
        self.env.cr.execute(
            "UPDATE stock_request_order SET state = 'open' WHERE id = %s", [order.id]
        )
        order.invalidate_recordset(["state"])
        line = order.stock_request_ids
        url = f"/my/institution/requisitions/{order.id}"
        response = self._post(url, {f"received_{line.id}": 3})
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-warning", response.text)
        self.assertFalse(order.lohi_received)
        response = self._post(url, {f"received_{line.id}": -1, "discrepancy_note": "x"})
        self.assertFalse(order.lohi_received)
        response = self._post(url, {f"received_{line.id}": 3, "discrepancy_note": "运输破损 1 瓶"})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(order.lohi_received)
        self.assertEqual(line.lohi_received_qty, 3)
        self.assertEqual(order.lohi_discrepancy_note, "运输破损 1 瓶")

    def test_booking_refuses_bad_times(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        base = {
            "client_id": self.client_a2.id,
            "service_id": self.service.id,
            "centre_id": self.centre.id,
            "doctor_id": self.doctor.id,
        }
        for start, doctor_id in (
            ("garbage", self.doctor.id),
            ("2020-01-06 02:00:00", self.doctor.id),
            ("2035-01-08 02:00:00", 0),
        ):
            response = self._post(
                "/my/institution/appointments/book", dict(base, start=start, doctor_id=doctor_id)
            )
            self.assertEqual(response.status_code, 404, start)
        self.assertFalse(
            self.env["lohi.appointment"].search([("partner_id", "=", self.client_a2.id)])
        )

    def test_not_an_institution(self):
        """A portal user who is no institution's gets no institution page."""
        from odoo.tests import new_test_user

        new_test_user(self.env, login="por_other", groups="base.group_portal")
        self.authenticate("por_other", "por_other")
        for url in ("/my/institution/clients", "/my/institution/lab"):
            self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 403, url)
        self.assertNotIn("/my/institution/clients", self.url_open("/my").text)

    def test_follow_a_complaint(self):
        """The institution adds information to its complaint; staff see it in the chatter;
        another institution's complaint cannot be written to."""
        self.authenticate(self.user_a.login, self.user_a.login)
        url = f"/my/institution/complaints/{self.complaint_a.id}"
        response = self._post(url, {"message": "客户补充：当天等候约 50 分钟。"})
        self.assertEqual(response.status_code, 303)
        message = self.complaint_a.message_ids.filtered(lambda m: "50 分钟" in (m.body or ""))
        self.assertEqual(message.author_id, self.user_a.partner_id)
        self.assertFalse(message.subtype_id.internal)
        page = self.url_open(url)
        self.assertIn("50 分钟", page.text)
        self.assertEqual(page.text.count("o_lohi_complaint_message"), 1)
        # internal notes of the staff stay internal
        self.complaint_a.message_post(body="内部备注：核查排班", subtype_xmlid="mail.mt_note")
        self.assertNotIn("内部备注", self.url_open(url).text)
        response = self._post(f"/my/institution/complaints/{self.complaint_b.id}", {"message": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.complaint_b.message_ids.filtered(lambda m: m.body == "<p>x</p>"))
