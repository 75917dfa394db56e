import json
import logging

import psycopg2
import requests

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .lohi_call import normalize_number

_logger = logging.getLogger(__name__)
EVENT_TYPES = ("ringing", "answered", "hangup", "recording")


class LohiTelephonyEvent(models.Model):
    """An event pushed by the exchange (CC-6). Its unique id makes every delivery after the
    first a no-op, whatever the number of parallel retries."""

    _name = "lohi.telephony.event"
    _description = "Telephony Event"
    _order = "id desc"

    event_id = fields.Char(required=True, readonly=True, index=True)
    event_type = fields.Selection([(t, t) for t in EVENT_TYPES], required=True, readonly=True)
    call_external_id = fields.Char(required=True, readonly=True, index=True)
    payload = fields.Text(readonly=True)
    call_id = fields.Many2one("lohi.call", readonly=True, ondelete="set null")

    _sql_constraints = [
        ("event_uniq", "unique(event_id)", "This telephony event was already received."),
    ]

    @api.model
    def _validate(self, payload):
        """Return the cleaned event or raise UserError naming the problem."""
        if not isinstance(payload, dict):
            raise UserError(self.env._("The body must be a JSON object."))
        for key in ("event_id", "call_id", "type"):
            if not isinstance(payload.get(key), str) or not payload[key].strip():
                raise UserError(self.env._("'%(key)s' is required and must be a string.", key=key))
        if payload["type"] not in EVENT_TYPES:
            raise UserError(
                self.env._("'type' must be one of %(types)s.", types=", ".join(EVENT_TYPES))
            )
        if payload["type"] == "ringing":
            if payload.get("direction") not in ("in", "out"):
                raise UserError(self.env._("A ringing event needs 'direction': 'in' or 'out'."))
            if not normalize_number(payload.get("number")):
                raise UserError(self.env._("A ringing event needs the client's 'number'."))
        if payload["type"] == "recording" and not str(payload.get("recording_url", "")).startswith(
            ("https://", "http://")
        ):
            raise UserError(self.env._("A recording event needs an http(s) 'recording_url'."))
        for key in ("event_id", "call_id"):
            if len(payload[key]) > 128:
                raise UserError(self.env._("'%(key)s' is too long.", key=key))
        return payload

    @api.model
    def _receive(self, payload):
        """Record and apply one event; return (status, call). Duplicates change nothing."""
        payload = self._validate(payload)
        # Parallel deliveries of one call wait for each other here (transaction-scoped
        # lock on the call id), so each event is applied once and the call created once.
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext('lohi.call:' || %s))", [payload["call_id"]]
        )
        duplicate = (
            "duplicate",
            self.env["lohi.call"].search([("external_id", "=", payload["call_id"])], limit=1),
        )
        if self.search_count([("event_id", "=", payload["event_id"])]):
            return duplicate
        try:
            # The transaction's snapshot predates the lock: a delivery committed while
            # this one waited is invisible to the search above, and the unique index is
            # what finally says "already recorded".
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                event = self.create(
                    {
                        "event_id": payload["event_id"],
                        "event_type": payload["type"],
                        "call_external_id": payload["call_id"],
                        "payload": json.dumps(payload, ensure_ascii=False)[:5000],
                    }
                )
        except psycopg2.errors.UniqueViolation:
            return duplicate
        call = event._apply(payload)
        event.call_id = call
        return "ok", call

    def _apply(self, payload):
        Call = self.env["lohi.call"]
        call = Call.search([("external_id", "=", payload["call_id"])], limit=1)
        when = fields.Datetime.now()
        if not call:
            agent = self.env["res.users"].search(
                [
                    ("lohi_extension", "=", str(payload.get("extension") or "")),
                    ("lohi_extension", "!=", False),
                ],
                limit=1,
            )
            call = Call.create(
                {
                    "external_id": payload["call_id"],
                    "direction": payload.get("direction") or "in",
                    "number": payload.get("number") or "?",
                    "agent_id": agent.id or False,
                    "start": when,
                }
            )
            if payload["type"] == "ringing" and call.direction == "in" and agent:
                call._notify_agent()
        kind = payload["type"]
        if kind == "answered" and not call.answer_time:
            call.answer_time = when
        elif kind == "hangup" and not call.end_time:
            call.end_time = when
        elif kind == "recording":
            call.recording_url = payload["recording_url"]
        return call


class LohiCall(models.Model):
    _inherit = "lohi.call"

    def _notify_agent(self):
        """Open the caller's archive (or a new client form with the number) in the agent's
        browser through the bus (CC-1)."""
        for call in self.filtered("agent_id"):
            self.env["bus.bus"]._sendone(
                call.agent_id.partner_id,
                "lohi_call_incoming",
                {
                    "call_id": call.id,
                    "caller": call.partner_id.name or call.number,
                    "action": call.action_open_client(),
                    "call_action": call.action_open_call(),
                },
            )


class ResPartner(models.Model):
    _inherit = "res.partner"

    lohi_call_count = fields.Integer(compute="_compute_lohi_call_count", string="Calls")

    def _compute_lohi_call_count(self):
        """Calls of each client the user may see, in one query (CC-7)."""
        counts = dict(
            self.env["lohi.call"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lohi_call_count = counts.get(partner, 0)

    def action_lohi_open_calls(self):
        """The client's call history, one click from the archive (CC-7)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("lohi_callcenter.lohi_call_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "default_number": self.mobile or self.phone or "",
        }
        return action

    @api.model_create_multi
    def create(self, vals_list):
        """A client created from the pop-up of an unknown caller becomes the call's client
        (CC-1): the pop-up's form carries the call in its context."""
        partners = super().create(vals_list)
        call_id = self.env.context.get("lohi_incoming_call_id")
        if call_id and isinstance(call_id, int):
            call = self.env["lohi.call"].browse(call_id).exists()
            client = partners.filtered(
                lambda p: (
                    p.lohi_is_client
                    and call.number_normalized
                    and call.number_normalized in (p.lohi_phone_digits or "")
                )
            )[:1]
            if call and client and not call.partner_id:
                call.partner_id = client
        return partners

    def action_lohi_click_to_dial(self):
        """Ask the exchange to ring the agent's extension and dial the client (CC-6)."""
        self.ensure_one()
        user = self.env.user
        url = self.env["ir.config_parameter"].sudo().get_param("lohi_callcenter.dial_url")
        if not url:
            raise UserError(
                self.env._(
                    "Click-to-dial is not configured (system parameter lohi_callcenter.dial_url)."
                )
            )
        if not user.lohi_extension:
            raise UserError(self.env._("Set your phone extension in your user preferences first."))
        number = self.mobile or self.phone
        if not number:
            raise UserError(self.env._("%(client)s has no phone number.", client=self.name))
        try:
            response = requests.post(
                url,
                json={"extension": user.lohi_extension, "number": normalize_number(number)},
                timeout=10,
            )
        except requests.RequestException as exc:
            raise UserError(
                self.env._("The exchange cannot be reached: %(error)s", error=exc)
            ) from exc
        if response.status_code >= 300:
            raise UserError(
                self.env._(
                    "The exchange refused the call (%(status)s).", status=response.status_code
                )
            )
        call = self.env["lohi.call"].create(
            {
                "direction": "out",
                "number": number,
                "partner_id": self.id,
                "agent_id": user.id,
                "call_type": "other",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "lohi.call",
            "res_id": call.id,
            "view_mode": "form",
            "target": "current",
        }
