import json
import logging

import psycopg2

from odoo import SUPERUSER_ID, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.lohi_clients.tools.signed_request import check_signature, nul_problem

_logger = logging.getLogger(__name__)

SECRET_PARAM = "lohi_callcenter.telephony_secret"
MAX_BODY = 64 * 1024


class LohiTelephony(http.Controller):
    """CC-6: the exchange (PBX / cloud call centre) posts call events here.

    POST /lohi/telephony/event with a JSON body such as::

        {"event_id": "e-1", "call_id": "c-77", "type": "ringing", "direction": "in",
         "number": "+86 139 1234 5678", "extension": "8001"}

    ``type`` is ringing, answered, hangup or recording (with ``recording_url``). Headers
    ``X-Lohi-Timestamp`` (unix seconds, ±5 minutes) and ``X-Lohi-Signature:
    sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`` with the secret in the system
    parameter ``lohi_callcenter.telephony_secret``. The same event_id twice changes nothing.
    """

    def _error(self, status, code, message):
        return request.make_json_response(
            {"status": "error", "error": code, "message": message}, status=status
        )

    @http.route(
        "/lohi/telephony/event",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def event(self, **_kwargs):
        request.update_context(lang="en_US")
        if (request.httprequest.content_length or 0) > MAX_BODY:
            return self._error(413, "too_large", "The body is larger than 64 KiB.")
        if not (request.httprequest.mimetype or "").endswith("json"):
            return self._error(415, "bad_content_type", "Send the event as application/json.")
        body = request.httprequest.get_data()
        if len(body) > MAX_BODY:
            return self._error(413, "too_large", "The body is larger than 64 KiB.")
        secret = request.env["ir.config_parameter"].sudo().get_param(SECRET_PARAM)
        problem = check_signature(request.httprequest.headers, body, secret)
        if problem:
            return self._error(*problem)
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._error(400, "malformed_json", "The body is not valid JSON.")
        problem = nul_problem(payload)
        if problem:
            return self._error(*problem)
        # Authenticated as the exchange by the signature: act as the system user.
        env_sudo = request.env(user=SUPERUSER_ID)
        try:
            with request.env.cr.savepoint():
                status, call = env_sudo["lohi.telephony.event"]._receive(payload)
        except UserError as exc:
            return self._error(400, "invalid_event", str(exc))
        except psycopg2.IntegrityError:
            # The same event delivered twice at once: the unique constraint kept one.
            return request.make_json_response({"status": "duplicate", "call": None})
        return request.make_json_response({"status": status, "call": call.name or None})
