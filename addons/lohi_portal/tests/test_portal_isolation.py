import json
import time

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import LohiPortalCase

#: Models of the suite swept besides every model a lohi_* addon defines or extends.
EXTRA_MODELS = (
    "res.partner",
    "res.users",
    "mail.message",
    "mail.followers",
    "mail.activity",
    "ir.attachment",
    "calendar.event",
    "calendar.attendee",
    "survey.user_input",
    "survey.user_input.line",
    "stock.request",
    "stock.request.order",
    "tier.review",
    "stock.picking",
    "stock.move",
)
#: Models whose records point at other records by (res_model, res_id).
REFERENCE_FIELDS = {
    "mail.message": ("model", "res_id"),
    "mail.followers": ("res_model", "res_id"),
    "mail.activity": ("res_model", "res_id"),
    "ir.attachment": ("res_model", "res_id"),
    "tier.review": ("model", "res_id"),
    "lohi.appointment": ("related_res_model", "related_res_id"),
}
QUIET = ("odoo.http", "odoo.models", "odoo.addons.base.models.ir_rule")


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalIsolation(LohiPortalCase, HttpCase):
    """POR-2: logged in as institution A's portal user, try every model of the suite by
    JSON-RPC and every /my/institution route with institution B's ids or forged tokens:
    nothing of B comes back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._lohi_portal_setup()
        # B's data also has activity: a follower, a message, an attachment, a survey answer
        cls.client_b.message_post(body="乙客户的备注")
        cls.env["ir.attachment"].create(
            {
                "name": "乙机构协议.pdf",
                "res_model": "lohi.institution",
                "res_id": cls.inst_b.id,
                "raw": b"%PDF-1.4",
            }
        )
        survey = cls.env["survey.survey"].search([], limit=1)
        if survey:
            survey._create_answer(partner=cls.user_b.partner_id)

    # ------------------------------------------------------------------ B's records
    def _lohi_sweep_models(self):
        names = set(EXTRA_MODELS)
        for model in self.env["ir.model"].search([("transient", "=", False)]):
            modules = (model.modules or "").replace(" ", "").split(",")
            if any(module.startswith("lohi_") for module in modules):
                names.add(model.model)
        return sorted(name for name in names if name in self.env and not self.env[name]._abstract)

    def _lohi_b_records(self, models):
        """Every record of institution B, as the superuser sees it: the institution, its
        portal user and contacts, its clients, and whatever points at them (closure over
        many2one and (res_model, res_id) references)."""
        env = self.env
        owned = {
            "lohi.institution": set(self.inst_b.ids),
            "res.partner": set(
                (
                    self.inst_b.partner_id | self.user_b.partner_id | self.client_b | self.client_b2
                ).ids
            ),
            "res.users": set(self.user_b.ids),
            "lohi.complaint": set(self.complaint_b.ids),
            "stock.request.order": set(self.requisition_b.ids),
        }
        for __ in range(3):
            grown = False
            for name in models:
                Model = env[name].sudo().with_context(active_test=False)
                found = set()
                for field in Model._fields.values():
                    if (
                        field.type == "many2one"
                        and field.store
                        and field.comodel_name in owned
                        and owned[field.comodel_name]
                    ):
                        found |= set(
                            Model.search([(field.name, "in", list(owned[field.comodel_name]))]).ids
                        )
                reference = REFERENCE_FIELDS.get(name)
                if reference:
                    for target, ids in list(owned.items()):
                        if ids:
                            found |= set(
                                Model.search(
                                    [(reference[0], "=", target), (reference[1], "in", list(ids))]
                                ).ids
                            )
                if found - owned.get(name, set()):
                    owned.setdefault(name, set()).update(found)
                    grown = True
            if not grown:
                break
        return {name: sorted(ids) for name, ids in owned.items() if ids}

    # ------------------------------------------------------------------ JSON-RPC
    def _lohi_rpc(self, model, method, args=None, kwargs=None):
        """(ok, result) of /web/dataset/call_kw as the logged-in user."""
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args or [],
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        if "error" in body:
            return False, body["error"]["data"].get("name")
        return True, body["result"]

    def _lohi_sweep(self, login):
        """Return the leaks: [(model, method, ids of B returned)]."""
        models = self._lohi_sweep_models()
        b_records = self._lohi_b_records(models)
        self.assertGreater(len(models), 40, "the sweep must cover the whole suite")
        for name in ("lohi.portal.client", "lohi.appointment", "lohi.lab.order", "mail.message"):
            self.assertIn(name, b_records, f"B has {name} records to look for")
        self.authenticate(login, login)
        leaks = []
        with mute_logger(*QUIET):
            for model in models:
                ids = b_records.get(model, [])
                ok, result = self._lohi_rpc(
                    model, "search_read", kwargs={"domain": [], "fields": ["id"], "limit": 500}
                )
                if ok:
                    seen = {row["id"] for row in result} & set(ids)
                    if seen:
                        leaks.append((model, "search_read", sorted(seen)))
                if not ids:
                    continue
                for method, args, kwargs in (
                    ("search_read", [], {"domain": [("id", "in", ids)], "fields": ["id"]}),
                    ("read", [ids, ["display_name"]], {}),
                    (
                        "web_search_read",
                        [],
                        {"domain": [("id", "in", ids)], "specification": {"display_name": {}}},
                    ),
                    (
                        "read_group",
                        [],
                        {"domain": [("id", "in", ids)], "fields": [], "groupby": []},
                    ),
                    ("name_search", [], {"name": "", "args": [("id", "in", ids)], "limit": 100}),
                    ("export_data", [ids, ["display_name"]], {}),
                    ("search_count", [[("id", "in", ids)]], {}),
                ):
                    ok, result = self._lohi_rpc(model, method, args, kwargs)
                    if ok and self._lohi_returned(method, result, ids):
                        leaks.append((model, method, ids))
        return leaks

    @staticmethod
    def _lohi_returned(method, result, ids):
        """Did a successful call return something of ``ids``?"""
        if method in ("search_read", "read"):
            return bool({row["id"] for row in result} & set(ids))
        if method == "web_search_read":
            return bool({row["id"] for row in result["records"]} & set(ids))
        if method == "read_group":
            return any(group.get("__count") for group in result)
        if method == "name_search":
            return bool({row[0] for row in result} & set(ids))
        if method == "export_data":
            return any(any(value for value in row) for row in result["datas"])
        if method == "search_count":
            return bool(result)
        return False

    def test_sweep_sees_nothing_of_b(self):
        leaks = self._lohi_sweep(self.user_a.login)
        self.assertEqual(leaks, [], "institution A reached institution B's records")

    def test_sweep_detects_a_removed_rule(self):
        """The sweep can fail: without the rule on referred clients, A reads B's."""
        rule = self.env.ref("lohi_portal.lohi_portal_client_rule_institution")
        rule.active = False
        leaks = self._lohi_sweep(self.user_a.login)
        leaked = {(model, method) for model, method, __ in leaks}
        self.assertIn(("lohi.portal.client", "read"), leaked)
        self.assertIn(("lohi.portal.client", "search_read"), leaked)

    def test_sweep_detects_a_removed_complaint_rule(self):
        rule = self.env.ref("lohi_portal.lohi_complaint_rule_institution")
        rule.active = False
        leaks = self._lohi_sweep(self.user_a.login)
        self.assertIn("lohi.complaint", {model for model, __, __ in leaks})

    # ------------------------------------------------------------------ /my routes
    def _lohi_get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _lohi_post(self, url, data):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def test_routes_with_b_ids(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        b_names = [
            self.client_b.name,
            self.client_b2.name,
            self.appointment_b.name,
            self.order_b.name,
            self.requisition_b.name,
            self.complaint_b.name,
        ]
        a_pages = {
            "/my/institution/clients": self.client_a.name,
            "/my/institution/appointments": self.appointment_a.name,
            "/my/institution/lab": self.order_a.name,
            "/my/institution/requisitions": self.requisition_a.name,
            "/my/institution/complaints": self.complaint_a.name,
            f"/my/institution/clients/{self.client_a.id}": self.order_a.name,
            f"/my/institution/lab/{self.order_a.id}": "/report?expires=",
            f"/my/institution/requisitions/{self.requisition_a.id}": self.requisition_a.name,
            f"/my/institution/complaints/{self.complaint_a.id}": self.complaint_a.name,
            f"/my/institution/appointments/book?client_id={self.client_a.id}"
            f"&service_id={self.service.id}&centre_id={self.centre.id}": "o_lohi_slot",
            f"/my/institution/appointments/{self.appointment_a.id}/move": "o_lohi_slot",
            "/my/institution/complaints/new": self.client_a.name,
            "/my/institution/requisitions/new": "product_0",
            "/my": "/my/institution/clients",
        }
        for url, expected in a_pages.items():
            response = self._lohi_get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(expected, response.text, url)
            for name in b_names:
                self.assertNotIn(name, response.text, f"{url} shows {name} of B")
        for url in (
            f"/my/institution/clients/{self.client_b.id}",
            f"/my/institution/lab/{self.order_b.id}",
            f"/my/institution/requisitions/{self.requisition_b.id}",
            f"/my/institution/complaints/{self.complaint_b.id}",
            f"/my/institution/appointments/{self.appointment_b.id}/move",
            f"/my/institution/appointments/book?client_id={self.client_b.id}",
            f"/my/institution/clients/{self.client_b.id}abc",
        ):
            response = self._lohi_get(url)
            self.assertEqual(response.status_code, 404, url)
            for name in b_names:
                self.assertNotIn(name, response.text, f"{url} shows {name} of B")
        appointments_before = self.env["lohi.appointment"].search_count(
            [("partner_id", "=", self.client_b.id)]
        )
        slot = self.env["lohi.appointment"]._find_free_slots(
            self.service,
            self.appointment_b.local_date,
            self.appointment_b.local_date,
            centre=self.centre_b,
        )[:1]
        for url, data in (
            (f"/my/institution/appointments/{self.appointment_b.id}/cancel", {}),
            (
                f"/my/institution/appointments/{self.appointment_b.id}/move",
                {"start": "2030-01-07 02:00:00", "doctor_id": self.doctor_b.id},
            ),
            (
                "/my/institution/appointments/book",
                {
                    "client_id": self.client_b.id,
                    "service_id": self.service.id,
                    "centre_id": self.centre_b.id,
                    "doctor_id": self.doctor_b.id,
                    "start": str(slot[0]["start"]) if slot else "2030-01-07 02:00:00",
                },
            ),
            (f"/my/institution/requisitions/{self.requisition_b.id}", {}),
            (
                "/my/institution/complaints/new",
                {"client_id": self.client_b.id, "category": "service", "description": "x"},
            ),
        ):
            response = self._lohi_post(url, data)
            self.assertEqual(response.status_code, 404, url)
        self.assertEqual(self.appointment_b.state, "confirmed")
        self.assertEqual(
            self.env["lohi.appointment"].search_count([("partner_id", "=", self.client_b.id)]),
            appointments_before,
        )
        self.assertEqual(
            self.env["lohi.complaint"].search_count([("partner_id", "=", self.client_b.id)]), 1
        )

    def test_report_links_expire_and_are_signed(self):
        from odoo.tools.misc import hmac

        from ..controllers.portal import REPORT_TOKEN_SCOPE

        def token(user, order, expires):
            return hmac(self.env(su=True), REPORT_TOKEN_SCOPE, (user.id, order.id, expires))

        self.authenticate(self.user_a.login, self.user_a.login)
        base = f"/my/institution/lab/{self.order_a.id}/report"
        future = int(time.time()) + 600
        past = int(time.time()) - 1
        for url in (
            f"{base}?expires={future}&token={'0' * 64}",
            f"{base}?expires={future}",
            f"{base}?expires={past}&token={token(self.user_a, self.order_a, past)}",
            # B's own valid link, replayed by A
            f"{base}?expires={future}&token={token(self.user_b, self.order_a, future)}",
            # a link signed for another expiry
            f"{base}?expires={future + 1}&token={token(self.user_a, self.order_a, future)}",
        ):
            self.assertEqual(self._lohi_get(url).status_code, 403, url)
        # B's order, even with a token computed for A: not found
        url = (
            f"/my/institution/lab/{self.order_b.id}/report?expires={future}"
            f"&token={token(self.user_a, self.order_b, future)}"
        )
        self.assertEqual(self._lohi_get(url).status_code, 404)
        # no consent: no report even with a valid link
        url = (
            f"/my/institution/lab/{self.order_a2.id}/report?expires={future}"
            f"&token={token(self.user_a, self.order_a2, future)}"
        )
        self.assertEqual(self._lohi_get(url).status_code, 403)
        Log = self.env["lohi.access.log"]
        before = Log.search_count([("partner_id", "=", self.client_a.id), ("kind", "=", "report")])
        response = self._lohi_get(
            f"{base}?expires={future}&token={token(self.user_a, self.order_a, future)}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(
            Log.search_count([("partner_id", "=", self.client_a.id), ("kind", "=", "report")]),
            before + 1,
        )

    def test_lab_pages_write_the_access_log(self):
        Log = self.env["lohi.access.log"]
        before = Log.search_count([("user_id", "=", self.user_a.id), ("kind", "=", "portal")])
        self.authenticate(self.user_a.login, self.user_a.login)
        self.assertEqual(self._lohi_get("/my/institution/lab").status_code, 200)
        self.assertEqual(self._lohi_get(f"/my/institution/lab/{self.order_a.id}").status_code, 200)
        logs = Log.search([("user_id", "=", self.user_a.id), ("kind", "=", "portal")])
        self.assertEqual(len(logs), before + 3)  # the list (two clients) and the order
        self.assertEqual(set(logs.partner_id.ids), {self.client_a.id, self.client_a2.id})

    def test_double_booking_shows_alternatives(self):
        """A refused booking (the slot is taken) shows the nearest free times (APT-3)."""
        self.authenticate(self.user_a.login, self.user_a.login)
        taken = self.appointment_a
        response = self._lohi_post(
            "/my/institution/appointments/book",
            {
                "client_id": self.client_a2.id,
                "service_id": self.service.id,
                "centre_id": self.centre.id,
                "doctor_id": self.doctor.id,
                "start": str(taken.start),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_lohi_booking_error", response.text)
        self.assertIn("o_lohi_slot", response.text)
        self.assertFalse(
            self.env["lohi.appointment"].search([("partner_id", "=", self.client_a2.id)])
        )
        slot = self.env["lohi.appointment"]._find_free_slots(
            self.service, taken.local_date, taken.local_date, centre=self.centre
        )[0]
        response = self._lohi_post(
            "/my/institution/appointments/book",
            {
                "client_id": self.client_a2.id,
                "service_id": self.service.id,
                "centre_id": self.centre.id,
                "doctor_id": slot["doctor_id"],
                "start": str(slot["start"]),
            },
        )
        self.assertEqual(response.status_code, 303)
        booked = self.env["lohi.appointment"].search([("partner_id", "=", self.client_a2.id)])
        self.assertEqual(booked.state, "requested")
        self.assertEqual(booked.channel, "online")
        # move it to the time of A's other appointment: refused with alternatives
        response = self._lohi_post(
            f"/my/institution/appointments/{booked.id}/move",
            {"start": str(taken.start), "doctor_id": taken.doctor_id.id},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_lohi_booking_error", response.text)
        response = self._lohi_post(f"/my/institution/appointments/{booked.id}/cancel", {})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(booked.state, "cancelled")
        self.assertEqual(booked.cancelled_by_id, self.user_a)
