import base64
import json
import time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.lohi_clients.tools.signed_request import sign

LAB_URL = "/lohi/lab/intake"
LAB_SECRET_PARAM = "lohi_lab.intake_secret"
TEL_URL = "/lohi/telephony/event"
TEL_SECRET_PARAM = "lohi_callcenter.telephony_secret"
PDF = b"%PDF-1.4\n% hostile input test\n%%EOF\n"
INJECTIONS = (
    "'; DROP TABLE lohi_lab_report; --",
    '" OR 1=1 --',
    "<script>alert('x')</script>",
    "{{ 7*7 }} ${7*7} %(name)s",
    "\u202eevil 右到左",
)
NUL = "nul\u0000byte"


@tagged("post_install", "-at_install", "lohi_http")
class TestHostileInput(HttpCase):
    """Issue 11, hostile input for the two signed HTTP endpoints (LAB-6 lab intake, CC-6
    telephony): tampered, stale, replayed, unsigned and rotated-key requests, wrong
    content types, huge bodies, invalid UTF-8 and injection strings get a 4xx with a JSON
    error naming the problem, write nothing, and the server keeps answering. (Each
    addon's own tests cover the ordinary error cases; these add the cross-cutting ones.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = "suite-lab-secret"
        cls.tel_secret = "suite-tel-secret"
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param(LAB_SECRET_PARAM, cls.secret)
        params.set_param(TEL_SECRET_PARAM, cls.tel_secret)
        cls.order = cls.env.ref("lohi_lab.lohi_lab_order_testing_demo")
        assert cls.order.state == "testing"

    # ------------------------------------------------------------------ helpers
    def _lab_body(self, **overrides):
        payload = {
            "order": self.order.name,
            "report_id": "SUITE-001",
            "filename": "r.pdf",
            "pdf": base64.b64encode(PDF).decode(),
            "results": [{"analyte": "Ferritin", "value": "80", "unit": "ng/mL"}],
        }
        payload.update(overrides)
        return json.dumps(payload, ensure_ascii=False).encode()

    def _headers(self, body, secret, content_type="application/json", timestamp=None):
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        headers = {"Content-Type": content_type, "X-Lohi-Timestamp": timestamp}
        if secret:
            headers["X-Lohi-Signature"] = "sha256=" + sign(secret, timestamp, body)
        return headers

    def _post(self, url, body, headers):
        return self.url_open(url, data=body, headers=headers)

    def _lab(self, body, secret=None, **kwargs):
        secret = self.secret if secret is None else secret
        return self._post(LAB_URL, body, self._headers(body, secret, **kwargs))

    def _lab_state(self):
        self.env.invalidate_all()
        reports = self.env["lohi.lab.report"].search([("order_id", "=", self.order.id)])
        return self.order.state, len(reports), len(self.order.log_ids)

    def _assert_refused(self, response, statuses=(400, 401, 404, 409, 413, 415, 422)):
        self.assertIn(response.status_code, statuses, response.text[:300])
        data = response.json()
        self.assertEqual(data["status"], "error", data)
        self.assertTrue(data["error"] and data["message"], data)
        return data

    def _assert_alive(self):
        self.assertEqual(self.url_open("/web/health").status_code, 200)

    # ------------------------------------------------------------------ lab intake
    def test_lab_rotated_key(self):
        before = self._lab_state()
        old = self.secret
        self.env["ir.config_parameter"].sudo().set_param(LAB_SECRET_PARAM, "rotated-secret")
        data = self._assert_refused(self._lab(self._lab_body(), secret=old), (401,))
        self.assertEqual(data["error"], "bad_signature")
        self.assertEqual(self._lab_state(), before)
        response = self._lab(self._lab_body(), secret="rotated-secret")
        self.assertEqual(response.status_code, 201, response.text)

    def test_lab_replayed_request(self):
        """The very same request (bytes and headers) captured and sent again inside the
        5-minute window: one report, one status change."""
        body = self._lab_body()
        headers = self._headers(body, self.secret)
        first = self._post(LAB_URL, body, headers)
        self.assertEqual(first.status_code, 201, first.text)
        after_first = self._lab_state()
        for __ in range(3):
            again = self._post(LAB_URL, body, dict(headers))
            self.assertEqual(again.json()["status"], "duplicate", again.text)
        self.assertEqual(self._lab_state(), after_first)
        # replayed after the window: refused outright
        stale = self._headers(body, self.secret, timestamp=int(time.time()) - 400)
        self._assert_refused(self._post(LAB_URL, body, stale), (401,))

    def test_lab_hostile_bodies(self):
        before = self._lab_state()
        big = b"{" + b" " * (3 * 1024 * 1024) + b"}"
        cases = [
            # tampered: signed, then one byte changed
            (
                self._post(
                    LAB_URL, self._lab_body() + b" ", self._headers(self._lab_body(), self.secret)
                ),
                401,
            ),
            # unsigned and huge
            (
                self._post(LAB_URL, b"x" * (3 * 1024 * 1024), {"Content-Type": "application/json"}),
                401,
            ),
            # signed and huge, not an object
            (self._lab(big), 400),
            # invalid UTF-8
            (self._lab(b'{"order": "\xff\xfe\xfd"}'), 400),
            (self._lab(self._lab_body()[:-1] + b"\xc3\x28}"), 400),
            # wrong types
            (self._lab(self._lab_body(order=12345)), 400),
            (self._lab(self._lab_body(results="not a list")), None),
            (self._lab(self._lab_body(results=[["Ferritin", "80"]])), None),
            (self._lab(self._lab_body(pdf=12)), 400),
            (self._lab(json.dumps([self._lab_body().decode()]).encode()), 400),
            # form-encoded and multipart bodies: the signature covers the raw body only
            (
                self._lab(
                    b"order=LAB&report_id=1", content_type="application/x-www-form-urlencoded"
                ),
                None,
            ),
        ]
        for injection in INJECTIONS:
            cases.append((self._lab(self._lab_body(order=injection)), 404))
        for response, status in cases:
            self._assert_refused(response, (status,) if status else (400, 401, 415, 422))
        self.assertEqual(self._lab_state(), before)
        self._assert_alive()

    def test_lab_injection_strings_stored_as_text(self):
        """Injection strings in the free-text fields of a valid report are kept verbatim
        as data: no SQL runs, nothing is interpreted."""
        results = [
            {"analyte": text, "value": text, "unit": text, "reference_range": text}
            for text in INJECTIONS
        ]
        response = self._lab(self._lab_body(report_id=INJECTIONS[0], results=results))
        self.assertEqual(response.status_code, 201, response.text)
        report = self.env["lohi.lab.report"].search([("order_id", "=", self.order.id)])
        self.assertEqual(report.report_ref, INJECTIONS[0])
        self.assertEqual(sorted(report.result_ids.mapped("analyte")), sorted(INJECTIONS))
        self.assertTrue(self.env["lohi.lab.report"].search_count([]))  # the table is there
        self._assert_alive()

    def test_lab_wrong_content_type(self):
        before = self._lab_state()
        response = self._lab(self._lab_body(), content_type="text/plain")
        self._assert_refused(response, (415,))
        self.assertEqual(self._lab_state(), before)

    def test_lab_nul_character(self):
        before = self._lab_state()
        self._assert_refused(self._lab(self._lab_body(order=NUL)), (400,))
        results = [{"analyte": NUL, "value": "1"}]
        self._assert_refused(self._lab(self._lab_body(results=results)), (400,))
        self.assertEqual(self._lab_state(), before)

    def test_lab_wrong_method(self):
        with mute_logger("odoo.http", "werkzeug"):
            response = self.url_open(LAB_URL)
        self.assertEqual(response.status_code, 405)
        self._assert_alive()

    # ------------------------------------------------------------------ telephony
    def _tel(self, payload=None, raw=None, secret=None, **kwargs):
        body = raw if raw is not None else json.dumps(payload).encode()
        secret = self.tel_secret if secret is None else secret
        return self._post(TEL_URL, body, self._headers(body, secret, **kwargs))

    def _tel_state(self):
        self.env.invalidate_all()
        return (
            self.env["lohi.telephony.event"].search_count([]),
            self.env["lohi.call"].search_count([]),
        )

    def _ring(self, event_id="suite-e1", call_id="suite-c1"):
        return {
            "event_id": event_id,
            "call_id": call_id,
            "type": "ringing",
            "direction": "in",
            "number": "+86 139 0000 2222",
        }

    def test_telephony_rotated_key_and_replay(self):
        before = self._tel_state()
        self.env["ir.config_parameter"].sudo().set_param(TEL_SECRET_PARAM, "rotated")
        self._assert_refused(self._tel(self._ring()), (401,))
        self.assertEqual(self._tel_state(), before)
        body = json.dumps(self._ring()).encode()
        headers = self._headers(body, "rotated")
        self.assertEqual(self._post(TEL_URL, body, headers).status_code, 200)
        once = self._tel_state()
        self.assertEqual(once, (before[0] + 1, before[1] + 1))
        for __ in range(3):
            again = self._post(TEL_URL, body, dict(headers))
            self.assertEqual(again.json()["status"], "duplicate", again.text)
        self.assertEqual(self._tel_state(), once)

    def test_telephony_nul_character(self):
        before = self._tel_state()
        self._assert_refused(self._tel(self._ring(event_id=NUL)), (400,))
        self._assert_refused(self._tel(self._ring(call_id=NUL)), (400,))
        self.assertEqual(self._tel_state(), before)

    def test_telephony_hostile_bodies(self):
        before = self._tel_state()
        ring = self._ring()
        cases = [
            (self._tel(ring, content_type="multipart/form-data; boundary=x"), 415),
            (self._tel(ring, content_type="application/x-www-form-urlencoded"), 415),
            (self._tel(raw=b'{"event_id": "\xff\xfe", "call_id": "x", "type": "hangup"}'), 400),
            (self._tel(raw=b"[" * 100000 + b"]" * 100000), 413),
            (self._tel(dict(ring, event_id=["list"])), 400),
            (self._tel(dict(ring, call_id="x" * 500)), 400),
            (self._tel(dict(ring, number="'; DROP TABLE lohi_call; --")), 400),
            (self._tel(ring, secret="", timestamp="not-a-time"), 401),
        ]
        for response, status in cases:
            self._assert_refused(response, (status,))
        self.assertEqual(self._tel_state(), before)
        self._assert_alive()
