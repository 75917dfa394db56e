import json
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 200


class LohiSmsProvider(models.Model):
    """An SMS gateway (X-6): pluggable, no dependency on Odoo's IAP servers.

    ``log`` writes the message to the server log (demo, tests); ``http`` posts JSON to the
    provider's endpoint with a bearer key and the signature (签名) the carrier requires.
    Another provider is a new ``kind`` with its ``_send_<kind>`` method.
    """

    _name = "lohi.sms.provider"
    _description = "SMS Gateway"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("log", "Log Only (demo, tests)"), ("http", "HTTP JSON API")],
        required=True,
        default="log",
    )
    endpoint = fields.Char(help="URL the HTTP provider posts each message to.")
    api_key = fields.Char(string="API Key", groups="lohi_clients.group_admin")
    signature = fields.Char(
        default="洛奇健康", help="The registered SMS signature, sent as 【signature】."
    )
    timeout = fields.Integer(default=10, help="Seconds to wait for the gateway.")

    _sql_constraints = [
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout must be positive."),
    ]

    def _send(self, message):
        """Send one message; return the gateway's id. Raise on failure."""
        self.ensure_one()
        return getattr(self, f"_send_{self.kind}")(message)

    def _send_log(self, message):
        _logger.info("SMS (log provider) to %s: %s", message.number, message.body)
        return f"log-{message.id}"

    def _send_http(self, message):
        if not self.endpoint:
            raise UserError(self.env._("The SMS gateway %(name)s has no endpoint.", name=self.name))
        key = message._idempotency_key()
        payload = {
            "to": message.number,
            "text": message.body,
            "sign": self.signature or "",
            "out_id": key,
        }
        response = requests.post(
            self.endpoint,
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.sudo().api_key or ''}",
                "Idempotency-Key": key,
            },
            timeout=self.timeout,
        )
        if response.status_code >= 300:
            raise UserError(
                self.env._(
                    "The SMS gateway answered %(status)s: %(body)s",
                    status=response.status_code,
                    body=response.text[:200],
                )
            )
        try:
            return str(response.json().get("id") or "")
        except ValueError:
            return ""


class LohiSmsMessage(models.Model):
    """A queued SMS with retries; failures stay visible on the message (X-6)."""

    _name = "lohi.sms.message"
    _description = "SMS Message"
    _order = "id desc"

    partner_id = fields.Many2one("res.partner", string="Recipient", index=True, ondelete="set null")
    number = fields.Char(required=True)
    body = fields.Text(required=True)
    provider_id = fields.Many2one("lohi.sms.provider", string="Gateway", ondelete="restrict")
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        default="queued",
        required=True,
        index=True,
        readonly=True,
    )
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(default=fields.Datetime.now, readonly=True, index=True)
    last_error = fields.Text(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    external_id = fields.Char(string="Gateway ID", readonly=True)
    origin = fields.Char(help="What the message is about, e.g. birthday greeting.")
    dedupe_key = fields.Char(
        readonly=True,
        copy=False,
        help="The same key is never queued twice (idempotent scheduled actions).",
    )

    _sql_constraints = [
        ("dedupe_key_uniq", "unique(dedupe_key)", "This message was already queued."),
    ]

    @api.model
    def _queue(self, vals_list):
        """Queue messages, skipping keys already queued; return the new messages."""
        keys = [v["dedupe_key"] for v in vals_list if v.get("dedupe_key")]
        existing = set()
        if keys:
            existing = set(self.sudo().search([("dedupe_key", "in", keys)]).mapped("dedupe_key"))
        todo, seen = [], set()
        for vals in vals_list:
            key = vals.get("dedupe_key")
            if key and (key in existing or key in seen):
                continue
            seen.add(key)
            todo.append(vals)
        return self.sudo().create(todo) if todo else self.browse()

    @api.model
    def _default_provider(self):
        return self.env["lohi.sms.provider"].sudo().search([], limit=1)

    @api.model
    def _cron_send(self, batch=BATCH):
        """Send one batch of due messages; the cron framework runs the job again at once
        while ``_notify_progress`` reports work remaining. Failures retry with back-off
        (5, 10, 20 … minutes) and stop at MAX_ATTEMPTS, the error kept on the message."""
        provider = self._default_provider()
        now = fields.Datetime.now()
        due = [("state", "=", "queued"), ("next_try", "<=", now)]
        if not provider:
            _logger.info("no active SMS gateway: %s messages wait", self.search_count(due))
            return
        # Lock the batch so two cron workers never send the same message.
        self.flush_model(["state", "next_try"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM lohi_sms_message
                    WHERE state = 'queued' AND next_try <= %s
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
                now,
                batch,
            )
        )
        messages = self.browse([row[0] for row in self.env.cr.fetchall()])
        for message in messages:
            message._send_now(message.provider_id or provider)
        self.env["ir.cron"]._notify_progress(done=len(messages), remaining=self.search_count(due))

    def _idempotency_key(self):
        """The same key on every attempt of one message (header ``Idempotency-Key`` and
        ``out_id``): if the server stops after the gateway accepted a message but before
        the ``sent`` state was committed, the message is sent again with the same key,
        and a gateway that honours it delivers it once."""
        self.ensure_one()
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        return f"lohi-sms-{uuid}-{self.id}"

    def _send_now(self, provider):
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                external_id = provider._send(self)
        except (requests.RequestException, UserError) as exc:
            attempts = self.attempts + 1
            failed = attempts >= MAX_ATTEMPTS
            self.write(
                {
                    "attempts": attempts,
                    "last_error": str(exc)[:1000],
                    "state": "failed" if failed else "queued",
                    "next_try": fields.Datetime.now() + timedelta(minutes=5 * 2 ** (attempts - 1)),
                    "provider_id": provider.id,
                }
            )
            return False
        self.write(
            {
                "state": "sent",
                "attempts": self.attempts + 1,
                "sent_at": fields.Datetime.now(),
                "external_id": external_id,
                "last_error": False,
                "provider_id": provider.id,
            }
        )
        return True

    def action_retry(self):
        self.filtered(lambda m: m.state == "failed").write(
            {"state": "queued", "attempts": 0, "next_try": fields.Datetime.now()}
        )

    def action_cancel(self):
        self.filtered(lambda m: m.state in ("queued", "failed")).write({"state": "cancelled"})
