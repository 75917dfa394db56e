import base64
import binascii
import json
import logging

import psycopg2

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.lohi_clients.tools.signed_request import check_signature, nul_problem

_logger = logging.getLogger(__name__)

SECRET_PARAM = "lohi_lab.intake_secret"
MAX_BYTES_PARAM = "lohi_lab.intake_max_bytes"
MAX_BYTES = 20 * 1024 * 1024  # a report's PDF in base64 with its results


class LohiLabIntake(http.Controller):
    """LAB-6: the lab system pushes reports here (与实验室系统对接).

    POST /lohi/lab/intake, JSON body::

        {"order": "LAB2026-00012", "report_id": "R-88123", "filename": "r.pdf",
         "pdf": "<base64>", "results": [{"analyte": "...", "value": "5.2", "unit": "...",
         "reference_range": "3.9-6.1", "ref_low": 3.9, "ref_high": 6.1, "flag": "normal"}]}

    Headers: ``X-Lohi-Timestamp`` (unix seconds, within 5 minutes of the server clock) and
    ``X-Lohi-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`` with the
    shared secret of the system parameter ``lohi_lab.intake_secret``. A body larger than
    ``lohi_lab.intake_max_bytes`` (default 20 MiB) is refused with 413 before it is read.
    """

    def _error(self, status, code, message):
        return request.make_json_response(
            {"status": "error", "error": code, "message": message}, status=status
        )

    def _authenticate(self, body):
        secret = request.env["ir.config_parameter"].sudo().get_param(SECRET_PARAM)
        problem = check_signature(request.httprequest.headers, body, secret)
        return self._error(*problem) if problem else None

    @http.route(
        "/lohi/lab/intake",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def intake(self, **_kwargs):
        # Answers to the lab system are in English whatever the public user's language.
        request.update_context(lang="en_US")
        if not (request.httprequest.mimetype or "").endswith("json"):
            return self._error(415, "bad_content_type", "Send the report as application/json.")
        limit = int(
            request.env["ir.config_parameter"].sudo().get_param(MAX_BYTES_PARAM) or MAX_BYTES
        )
        too_large = self._error(
            413, "too_large", f"The body is larger than {limit:,} bytes; send a smaller PDF."
        )
        if (request.httprequest.content_length or 0) > limit:
            return too_large  # refused before anything is read
        body = request.httprequest.get_data()
        if len(body) > limit:  # a chunked body has no Content-Length
            return too_large
        denied = self._authenticate(body)
        if denied:
            return denied
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._error(400, "malformed_json", "The body is not valid JSON.")
        if not isinstance(payload, dict):
            return self._error(400, "malformed_json", "The body must be a JSON object.")
        problem = nul_problem(payload)
        if problem:
            return self._error(*problem)
        for key in ("order", "report_id", "pdf", "results"):
            if not payload.get(key):
                return self._error(400, "missing_field", f"'{key}' is required.")
        if not isinstance(payload["order"], str) or not isinstance(payload["report_id"], str):
            return self._error(400, "bad_field", "'order' and 'report_id' must be strings.")
        try:
            pdf = base64.b64decode(payload["pdf"], validate=True)
        except (binascii.Error, TypeError, ValueError):
            return self._error(400, "bad_pdf", "'pdf' is not valid base64.")
        # Authenticated as the lab system by the signature above: act as the system user
        # (OdooBot), so the status log and the chatter name it rather than the public user.
        env_sudo = request.env(user=SUPERUSER_ID)
        order_sudo = env_sudo["lohi.lab.order"].search([("name", "=", payload["order"])], limit=1)
        if not order_sudo:
            return self._error(404, "unknown_order", f"No test order {payload['order']}.")
        existing = env_sudo["lohi.lab.report"].search_count(
            [("order_id", "=", order_sudo.id), ("report_ref", "=", payload["report_id"])]
        )
        try:
            with request.env.cr.savepoint():
                report_sudo = order_sudo.action_report_received(
                    pdf,
                    payload["results"],
                    report_ref=payload["report_id"],
                    filename=payload.get("filename")
                    if isinstance(payload.get("filename"), str)
                    else False,
                )
        except (UserError, ValidationError, AccessError) as error:
            status = 409 if order_sudo.state not in ("testing", "review") else 422
            return self._error(status, "rejected", str(error))
        except psycopg2.IntegrityError:
            # The same report delivered twice at once: the unique constraint kept one.
            return request.make_json_response(
                {
                    "status": "duplicate",
                    "order": order_sudo.name,
                    "report_id": payload["report_id"],
                },
                status=200,
            )
        _logger.info("Lab report %s for %s received", payload["report_id"], order_sudo.name)
        return request.make_json_response(
            {
                "status": "duplicate" if existing else "created",
                "order": order_sudo.name,
                "report_id": report_sudo.report_ref,
                "order_state": order_sudo.state,
            },
            status=200 if existing else 201,
        )
