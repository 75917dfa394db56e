import base64
import json
import time

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.lohi_clients.tools.signed_request import sign

from ..controllers.main import MAX_BYTES_PARAM, SECRET_PARAM

PDF = b"%PDF-1.4\n% intake test\n%%EOF\n"
SECRET = "s3cret-for-tests"


@tagged("post_install", "-at_install", "lohi_http")
class TestLabIntake(HttpCase):
    """LAB-6: the signed, idempotent report intake endpoint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(SECRET_PARAM, SECRET)
        centre = cls.env["lohi.centre"].create({"name": "Intake Centre", "code": "ITC"})
        test = cls.env["lohi.lab.test"].create({"name": "Panel", "code": "INTAKE-P", "price": 100})
        client = cls.env["res.partner"].create({"name": "接口客户"})
        cls.order = cls.env["lohi.lab.order"].create(
            {
                "partner_id": client.id,
                "centre_id": centre.id,
                "line_ids": [Command.create({"test_id": test.id})],
            }
        )
        cls.order.action_ship_kit()
        cls.order.action_accept_sample()

    def _payload(self, **overrides):
        payload = {
            "order": self.order.name,
            "report_id": "LIS-0001",
            "filename": "report.pdf",
            "pdf": base64.b64encode(PDF).decode(),
            "results": [
                {
                    "analyte": "Vitamin D",
                    "value": "18",
                    "unit": "ng/mL",
                    "ref_low": 30,
                    "ref_high": 100,
                },
                {"analyte": "Ferritin", "value": "80", "unit": "ng/mL", "flag": "normal"},
            ],
        }
        payload.update(overrides)
        return json.dumps(payload).encode()

    def _post(self, body, timestamp=None, signature=None, headers=None):
        timestamp = str(int(time.time())) if timestamp is None else timestamp
        if headers is None:
            headers = {
                "Content-Type": "application/json",
                "X-Lohi-Timestamp": timestamp,
                "X-Lohi-Signature": signature or "sha256=" + sign(SECRET, timestamp, body),
            }
        return self.url_open("/lohi/lab/intake", data=body, headers=headers)

    def _reports(self):
        return self.env["lohi.lab.report"].search([("order_id", "=", self.order.id)])

    def test_valid_then_replayed(self):
        response = self._post(self._payload())
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["status"], "created")
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "review")
        report = self._reports()
        self.assertEqual(len(report), 1)
        self.assertEqual(report.report_ref, "LIS-0001")
        self.assertEqual(report.result_ids.mapped("flag"), ["low", "normal"])
        self.assertEqual(base64.b64decode(report.pdf), PDF)
        log = self.order.log_ids.sorted("id")[-1]
        self.assertEqual((log.from_state, log.to_state), ("testing", "review"))
        self.assertEqual(log.user_id, self.env.ref("base.user_root"))
        logs = len(self.order.log_ids)
        # The same report delivered again (a new signature, same report id): nothing changes.
        response = self._post(self._payload(results=[{"analyte": "X", "value": "1"}]))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["status"], "duplicate")
        self.env.invalidate_all()
        self.assertEqual(self._reports(), report)
        self.assertEqual(len(report.result_ids), 2)
        self.assertEqual(len(self.order.log_ids), logs)

    def _assert_refused(self, response, status, error):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.json()["error"], error)
        self.env.invalidate_all()
        self.assertFalse(self._reports())
        self.assertEqual(self.order.state, "testing")

    def test_unsigned(self):
        self._assert_refused(
            self._post(self._payload(), headers={"Content-Type": "application/json"}),
            401,
            "unsigned",
        )

    def test_bad_signature(self):
        body = self._payload()
        self._assert_refused(self._post(body, signature="sha256=" + "0" * 64), 401, "bad_signature")
        # Signed with another secret, or the body changed after signing.
        timestamp = str(int(time.time()))
        self._assert_refused(
            self._post(body, timestamp, signature=sign("other", timestamp, body)),
            401,
            "bad_signature",
        )
        self._assert_refused(
            self._post(body + b" ", timestamp, signature=sign(SECRET, timestamp, body)),
            401,
            "bad_signature",
        )

    def test_stale_timestamp(self):
        self._assert_refused(
            self._post(self._payload(), timestamp=str(int(time.time()) - 301)),
            401,
            "stale_timestamp",
        )
        self._assert_refused(
            self._post(self._payload(), timestamp="yesterday"), 401, "bad_timestamp"
        )

    def test_malformed_json(self):
        self._assert_refused(self._post(b'{"order": "LAB'), 400, "malformed_json")
        self._assert_refused(self._post(b"[1, 2]"), 400, "malformed_json")
        self._assert_refused(self._post(self._payload(results=[])), 400, "missing_field")
        self._assert_refused(self._post(self._payload(pdf="***")), 400, "bad_pdf")
        response = self._post(self._payload(results=[{"analyte": "A"}]))
        self._assert_refused(response, 422, "rejected")
        self.assertIn("value is missing", response.json()["message"])
        response = self._post(self._payload(pdf=base64.b64encode(b"GIF89a").decode()))
        self._assert_refused(response, 422, "rejected")

    def test_body_too_large(self):
        """Issue 11: a body over the configured limit gets 413 and writes nothing, signed
        or not; a body within it goes through."""
        self.env["ir.config_parameter"].sudo().set_param(MAX_BYTES_PARAM, 2048)
        big = self._payload(filename="x" * 4096 + ".pdf")
        self._assert_refused(self._post(big), 413, "too_large")
        self.assertFalse(self._reports())
        self.env["ir.config_parameter"].sudo().set_param(MAX_BYTES_PARAM, 1024 * 1024)
        response = self._post(big)
        self.assertEqual(response.status_code, 201, response.text)
        self.env.invalidate_all()
        self.assertEqual(len(self._reports()), 1)

    def test_unknown_order(self):
        response = self._post(self._payload(order="LAB1999-99999"))
        self._assert_refused(response, 404, "unknown_order")
        self.assertIn("LAB1999-99999", response.json()["message"])

    def test_not_configured(self):
        self.env["ir.config_parameter"].sudo().set_param(SECRET_PARAM, False)
        self._assert_refused(self._post(self._payload()), 503, "not_configured")
