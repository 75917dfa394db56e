import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_datetime, html2plaintext

from .res_partner import BOOKED_CENTRE_TABLE

_logger = logging.getLogger(__name__)

#: States that hold the doctor's time (the exclusion constraint's WHERE clause).
ACTIVE_STATES = ("requested", "confirmed", "arrived", "done")
#: Fields only the action_* methods may set.
PROTECTED_FIELDS = {"state", "reschedule_count", "late_cancel", "cancel_date", "cancelled_by_id"}
#: Fields whose change is a reschedule (APT-7).
MOVE_FIELDS = {"start", "doctor_id", "centre_id", "service_type_id"}
#: A cancellation less than this before the start is late (seed: 提前一天通知).
LATE_CANCEL_DELTA = timedelta(hours=24)
#: Online requests must be verified within this (APT-1); reminder at half of it.
VERIFY_DELTA = timedelta(hours=2)
# Requests per batch of the verification cron (an activity and its e-mail each), centres
# per batch of the daily wrap-up (a message per manager group and per doctor of a centre):
# a batch takes a few seconds at most on a slow machine.
VERIFY_BATCH = 100
WRAPUP_BATCH = 5

#: First key of the transaction-level advisory lock taken per doctor before booking.
_LOCK_NAMESPACE = 0x4C41505

# A context value no JSON-RPC caller can forge: only this module holds the object.
_INTERNAL = object()

BOOKING_GROUPS = (
    "lohi_clients.group_functional_doctor",
    "lohi_clients.group_health_manager",
    "lohi_clients.group_customer_service",
    "lohi_clients.group_cc_agent",
)
ON_SITE_GROUPS = (
    "lohi_clients.group_functional_doctor",
    "lohi_clients.group_health_manager",
    "lohi_clients.group_customer_service",
)
CLINICAL_GROUPS = (
    "lohi_clients.group_functional_doctor",
    "lohi_clients.group_health_manager",
)


def _to_utc_naive(local_dt, tz):
    return tz.localize(local_dt).astimezone(pytz.utc).replace(tzinfo=None)


def _overlaps(intervals, start, stop):
    return any(b_start < stop and start < b_stop for b_start, b_stop in intervals)


class LohiAppointment(models.Model):
    """A client's booking with a doctor at a centre (APT-3 … APT-11)."""

    _name = "lohi.appointment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Appointment"
    _check_company_auto = True
    _order = "start desc, id desc"
    _rec_names_search = ["name", "partner_id.name", "partner_id.phone"]

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, tracking=True, check_company=True
    )
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    partner_email = fields.Char(related="partner_id.email", string="Email")
    partner_card_no = fields.Char(
        string="Card No.",
        compute="_compute_partner_card_no",
        search="_search_partner_card_no",
        help="The client's member card number (the partner reference where the client "
        "archive has no card field).",
    )
    doctor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    centre_id = fields.Many2one(
        "lohi.centre", required=True, index=True, tracking=True, check_company=True
    )
    service_type_id = fields.Many2one(
        "lohi.service.type", string="Service", required=True, index=True, tracking=True
    )
    start = fields.Datetime(required=True, index=True, tracking=True)
    stop = fields.Datetime(
        compute="_compute_stop",
        store=True,
        readonly=True,
        index=True,
        help="Start plus the service's slot length.",
    )
    duration = fields.Float(related="service_type_id.duration", string="Slot Length")
    channel = fields.Selection(
        [("phone", "Phone"), ("onsite", "On Site"), ("online", "Online")],
        required=True,
        default="phone",
        tracking=True,
        help="Online requests wait in Requested until staff verify them (APT-1).",
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("confirmed", "Confirmed"),
            ("arrived", "Arrived"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("no_show", "No-show"),
        ],
        default="confirmed",
        required=True,
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
    )
    time_band = fields.Selection(
        [("morning", "Morning"), ("afternoon", "Afternoon"), ("evening", "Evening")],
        compute="_compute_local_fields",
        store=True,
        help="Part of the day at the centre, for statistics (APT-8).",
    )
    local_date = fields.Date(
        string="Date (centre)", compute="_compute_local_fields", store=True, index=True
    )
    local_time_label = fields.Char(
        string="Time (centre)", compute="_compute_local_fields", store=True
    )
    visit_type = fields.Selection(
        [
            ("first", "First Visit"),
            ("revisit", "Revisit"),
            ("interpretation", "Report Interpretation"),
            ("other", "Other"),
        ],
        default="first",
        required=True,
        tracking=True,
        help="Revisits and report interpretations are booked the same way (APT-10).",
    )
    related_res_model = fields.Char(
        string="Related Document Model", readonly=True, index=True, copy=False
    )
    related_res_id = fields.Many2oneReference(
        string="Related Document ID",
        model_field="related_res_model",
        readonly=True,
        index=True,
        copy=False,
        help="The document the visit follows up, e.g. the lab order whose report is "
        "interpreted (set by the addon that books it).",
    )
    related_display = fields.Char(string="Related Document", compute="_compute_related_display")
    note = fields.Text()
    reschedule_count = fields.Integer(readonly=True, copy=False, tracking=True)
    move_ids = fields.One2many("lohi.appointment.move", "appointment_id", string="Reschedules")
    cancel_date = fields.Datetime(readonly=True, copy=False)
    cancelled_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    cancel_reason = fields.Char(tracking=True)
    late_cancel = fields.Boolean(
        string="Late Cancellation",
        readonly=True,
        copy=False,
        help="Cancelled less than a day before the start (APT-7).",
    )
    verify_deadline = fields.Datetime(
        readonly=True, copy=False, help="Online requests must be verified by then (APT-1)."
    )
    verify_stage = fields.Selection(
        [("none", "On Time"), ("reminded", "Reminded"), ("escalated", "Escalated")],
        default="none",
        readonly=True,
        copy=False,
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    client_salutation = fields.Char(compute="_compute_client_labels")
    client_date_label = fields.Char(compute="_compute_client_labels")
    client_time_label = fields.Char(compute="_compute_client_labels")

    # ------------------------------------------------------------------ computes
    @api.depends("related_res_model", "related_res_id")
    def _compute_related_display(self):
        for appointment in self:
            model = appointment.related_res_model
            if model in self.env and appointment.related_res_id:
                record = self.env[model].browse(appointment.related_res_id)
                appointment.related_display = (
                    record.display_name if record.has_access("read") else model
                )
            else:
                appointment.related_display = False

    def action_open_related(self):
        self.ensure_one()
        if self.related_res_model not in self.env or not self.related_res_id:
            raise UserError(self.env._("This appointment follows up no document."))
        record = self.env[self.related_res_model].browse(self.related_res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    @api.model
    def _card_field(self):
        return "lohi_card_no" if "lohi_card_no" in self.env["res.partner"]._fields else "ref"

    @api.depends("partner_id")
    def _compute_partner_card_no(self):
        card_field = self._card_field()
        for appointment in self:
            appointment.partner_card_no = appointment.partner_id[card_field]

    def _search_partner_card_no(self, operator, value):
        return [(f"partner_id.{self._card_field()}", operator, value)]

    @api.depends("start", "service_type_id")
    def _compute_stop(self):
        # Not on service_type_id.duration: a new slot length applies to new bookings,
        # existing ones keep the time the client was given.
        for appointment in self:
            appointment.stop = (
                appointment.start + timedelta(hours=appointment.service_type_id.duration)
                if appointment.start
                else False
            )

    @api.depends("start", "centre_id.tz")
    def _compute_local_fields(self):
        for appointment in self:
            if not appointment.start:
                appointment.update(
                    {"time_band": False, "local_date": False, "local_time_label": False}
                )
                continue
            local = appointment._local_start()
            band = "morning" if local.hour < 12 else "afternoon" if local.hour < 18 else "evening"
            appointment.time_band = band
            appointment.local_date = local.date()
            appointment.local_time_label = local.strftime("%H:%M")

    @api.depends("partner_id.name", "partner_id.title", "partner_id.lang", "start", "centre_id.tz")
    @api.depends_context("lang")
    def _compute_client_labels(self):
        """APT-6: what the client messages say, in the client's language and the centre's
        timezone."""
        for appointment in self:
            partner = appointment.partner_id
            env = appointment.with_context(lang=partner.lang or self.env.lang).env
            # lohi_clients' gender when present (the seed's 先生/女士), else the title
            gender = partner["lohi_gender"] if "lohi_gender" in partner._fields else False
            if gender == "female":
                title = env._("Ms")
            elif gender == "male":
                title = env._("Mr")
            else:
                title = partner.title.with_env(env).name or env._("Mr/Ms")
            appointment.client_salutation = env._(
                "%(title)s %(name)s", title=title, name=partner.name or ""
            )
            if appointment.start:
                local = appointment._local_start()
                appointment.client_date_label = env._(
                    "%(month)s/%(day)s", month=local.month, day=local.day
                )
                appointment.client_time_label = local.strftime("%H:%M")
            else:
                appointment.client_date_label = appointment.client_time_label = False

    def _local_tz(self):
        return pytz.timezone(self.centre_id.tz or "Asia/Shanghai")

    def _local_start(self):
        return pytz.utc.localize(self.start).astimezone(self._local_tz())

    # ------------------------------------------------------------------ database
    def init(self):
        """APT-4: PostgreSQL itself refuses two overlapping live bookings of a doctor."""
        self.env.cr.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = 'lohi_appointment_doctor_no_overlap'"
        )
        if self.env.cr.fetchone():
            return
        self.env.cr.execute(
            SQL(
                """ALTER TABLE lohi_appointment
                   ADD CONSTRAINT lohi_appointment_doctor_no_overlap
                   EXCLUDE USING gist (doctor_id WITH =, tsrange(start, stop, '[)') WITH &&)
                   WHERE (state IN %s)""",
                ACTIVE_STATES,
            )
        )

    # ------------------------------------------------------------------ roles
    def _check_role(self, groups, action):
        if self.env.su:
            return
        user = self.env.user
        if not any(user.has_group(group) for group in groups):
            raise AccessError(
                self.env._(
                    "You are not allowed to %(action)s appointments: this is for %(roles)s.",
                    action=action,
                    roles=", ".join(self.env.ref(group).name for group in groups),
                )
            )

    @api.model
    def _lock_doctors(self, doctor_ids):
        """Queue simultaneous bookings of the same doctor (APT-4).

        The exclusion constraint alone is safe, but simultaneous inserts that check each
        other's uncommitted rows can deadlock; PostgreSQL then aborts all but one with a
        deadlock error instead of a clear message. A transaction-level advisory lock per
        doctor (taken in id order) makes the rivals wait; the next one then meets the
        committed booking and gets the ValidationError with alternatives.
        """
        ids = sorted({doctor_id for doctor_id in doctor_ids if doctor_id})
        if ids:
            self.env.cr.execute(
                "SELECT pg_advisory_xact_lock(%s, d) FROM unnest(%s::int[]) AS d ORDER BY d",
                [_LOCK_NAMESPACE, ids],
            )

    def _internal(self):
        return self.with_context(lohi_appointment_internal=_INTERNAL)

    def _is_internal(self):
        return self.env.context.get("lohi_appointment_internal") is _INTERNAL

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_role(BOOKING_GROUPS, self.env._("book"))
        services = self.env["lohi.service.type"].browse(
            {vals["service_type_id"] for vals in vals_list if vals.get("service_type_id")}
        )
        self._lock_doctors([vals.get("doctor_id") for vals in vals_list])
        for vals in vals_list:
            if not self._is_internal() and vals.get("state", "requested") not in (
                "requested",
                "confirmed",
            ):
                raise UserError(self.env._("A new appointment is either requested or confirmed."))
            if "state" not in vals:
                vals["state"] = "requested" if vals.get("channel") == "online" else "confirmed"
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("lohi.appointment") or "/"
            if vals.get("start") and vals.get("service_type_id"):
                service = services.filtered(lambda s, v=vals: s.id == v["service_type_id"])
                start = fields.Datetime.to_datetime(vals["start"])
                vals["stop"] = start + timedelta(hours=service.duration)
            if vals["state"] == "requested":
                vals["verify_deadline"] = fields.Datetime.now() + VERIFY_DELTA
            if vals["state"] in ACTIVE_STATES:
                self._check_booking(
                    self.env["res.users"].browse(vals.get("doctor_id")),
                    self.env["lohi.centre"].browse(vals.get("centre_id")),
                    services.filtered(lambda s, v=vals: s.id == v.get("service_type_id")),
                    fields.Datetime.to_datetime(vals.get("start")),
                    vals.get("stop"),
                )
        try:
            with self.env.cr.savepoint():
                appointments = super().create(vals_list)
        except psycopg2.errors.ExclusionViolation as exc:
            self._raise_race_conflict(vals_list[0], exc)
        appointments._lohi_sync_booked_centres(appointments.partner_id.ids)
        appointments._sync_calendar_event()
        for appointment in appointments:
            appointment._notify_doctor(
                appointment.doctor_id,
                self.env._("New appointment %(name)s", name=appointment.name),
                self.env._(
                    "%(client)s booked %(service)s with you on %(when)s at %(centre)s.",
                    client=appointment.partner_id.name,
                    service=appointment.service_type_id.name,
                    when=appointment._when_label(),
                    centre=appointment.centre_id.name,
                ),
            )
        appointments.filtered(lambda a: a.state == "requested")._schedule_verification()
        appointments.filtered(lambda a: a.state == "confirmed")._send_client_message(
            self.env.ref("lohi_appointments.mail_template_appointment_booked")
        )
        return appointments

    def _lohi_sync_booked_centres(self, partner_ids):
        """Make the partners' booked centres (APT-5, res.partner.lohi_booked_centre_ids)
        those of their bookings: two set-based statements, whatever the number."""
        ids = sorted({pid for pid in partner_ids if pid})
        if not ids:
            return
        self.flush_model(["partner_id", "centre_id"])
        table = SQL.identifier(BOOKED_CENTRE_TABLE)
        self.env.cr.execute(
            SQL(
                """DELETE FROM %s AS r WHERE r.partner_id = ANY(%s) AND NOT EXISTS (
                       SELECT 1 FROM lohi_appointment a
                        WHERE a.partner_id = r.partner_id AND a.centre_id = r.centre_id)""",
                table,
                ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO %s (partner_id, centre_id)
                   SELECT DISTINCT partner_id, centre_id FROM lohi_appointment
                    WHERE partner_id = ANY(%s) AND centre_id IS NOT NULL
                   ON CONFLICT DO NOTHING""",
                table,
                ids,
            )
        )
        self.env["res.partner"].browse(ids).invalidate_recordset(["lohi_booked_centre_ids"])

    def unlink(self):
        partner_ids = self.partner_id.ids
        result = super().unlink()
        self._lohi_sync_booked_centres(partner_ids)
        return result

    def write(self, vals):  # pylint: disable=method-required-super
        # super().write is called by _lohi_write; this keeps the booked centres (APT-5)
        if not {"partner_id", "centre_id"} & set(vals):
            return self._lohi_write(vals)
        partner_ids = self.partner_id.ids
        res = self._lohi_write(vals)
        self._lohi_sync_booked_centres(partner_ids + self.partner_id.ids)
        return res

    def _lohi_write(self, vals):
        if not self._is_internal() and PROTECTED_FIELDS & set(vals):
            raise UserError(
                self.env._(
                    "The state and the cancellation record change only through the buttons "
                    "(Confirm, Arrived, Done, Cancel, No-show)."
                )
            )
        locked = self.filtered(lambda a: a.state not in ("requested", "confirmed"))
        if locked and {"partner_id", "channel"} & set(vals):
            raise UserError(
                self.env._(
                    "The client and channel of %(names)s can no longer change.",
                    names=", ".join(locked.mapped("name")),
                )
            )
        moving = MOVE_FIELDS & set(vals)
        if not moving:
            res = super().write(vals)
            if "partner_id" in vals:
                self._sync_calendar_event()
            return res
        if not self.env.su:
            self._check_role(BOOKING_GROUPS, self.env._("move"))
        if self.filtered(lambda a: a.state not in ("requested", "confirmed")):
            raise UserError(self.env._("Only requested or confirmed appointments can be moved."))
        # One appointment at a time: each move is checked, recorded and announced.
        if len(self) > 1:
            for appointment in self:
                appointment.write(vals)
            return True
        before = {
            "start": self.start,
            "doctor": self.doctor_id,
            "centre": self.centre_id,
        }
        service = (
            self.env["lohi.service.type"].browse(vals["service_type_id"])
            if "service_type_id" in vals
            else self.service_type_id
        )
        doctor = (
            self.env["res.users"].browse(vals["doctor_id"])
            if "doctor_id" in vals
            else self.doctor_id
        )
        centre = (
            self.env["lohi.centre"].browse(vals["centre_id"])
            if "centre_id" in vals
            else self.centre_id
        )
        start = fields.Datetime.to_datetime(vals["start"]) if "start" in vals else self.start
        vals = dict(vals, stop=start + timedelta(hours=service.duration))
        changed = (start, doctor, centre, service) != (
            self.start,
            self.doctor_id,
            self.centre_id,
            self.service_type_id,
        )
        if not changed:
            return super().write(vals)
        self._lock_doctors([doctor.id])
        self._check_booking(doctor, centre, service, start, vals["stop"], exclude=self)
        try:
            with self.env.cr.savepoint():
                res = super().write(vals)
                self.flush_recordset()
        except psycopg2.errors.ExclusionViolation as exc:
            self._raise_race_conflict(
                {
                    "doctor_id": doctor.id,
                    "centre_id": centre.id,
                    "service_type_id": service.id,
                    "start": start,
                },
                exc,
                exclude=self,
            )
        self.env["lohi.appointment.move"].sudo().create(
            {
                "appointment_id": self.id,
                "old_start": before["start"],
                "new_start": start,
                "old_doctor_id": before["doctor"].id,
                "new_doctor_id": doctor.id,
                "old_centre_id": before["centre"].id,
                "new_centre_id": centre.id,
                "user_id": self.env.user.id,
                "reason": self.env.context.get("lohi_move_reason"),
            }
        )
        self._internal().write({"reschedule_count": self.reschedule_count + 1})
        self._sync_calendar_event()
        subject = self.env._("Appointment %(name)s moved", name=self.name)
        body = self.env._(
            "%(client)s's appointment (%(service)s) moved from %(old)s to %(new)s at %(centre)s.",
            client=self.partner_id.name,
            service=self.service_type_id.name,
            old=self._when_label(before["start"], before["centre"]),
            new=self._when_label(),
            centre=self.centre_id.name,
        )
        for notified in before["doctor"] | self.doctor_id:
            self._notify_doctor(notified, subject, body)
        if self.state == "confirmed":
            self._send_client_message(
                self.env.ref("lohi_appointments.mail_template_appointment_changed")
            )
        return res

    # ------------------------------------------------------------------ actions
    def _filter_state(self, states, action):
        wrong = self.filtered(lambda a: a.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s is not possible for %(names)s: the appointment is %(state)s.",
                    action=action,
                    names=", ".join(wrong.mapped("name")),
                    state=labels[wrong[0].state],
                )
            )

    def action_confirm(self):
        """Staff verified the (online) request with the client (APT-1)."""
        self._check_role(BOOKING_GROUPS, self.env._("confirm"))
        self._filter_state(("requested",), self.env._("Confirming"))
        self._internal().write({"state": "confirmed"})
        self.activity_feedback(["lohi_appointments.mail_activity_type_verify_request"])
        self._send_client_message(
            self.env.ref("lohi_appointments.mail_template_appointment_booked")
        )
        return True

    def action_arrive(self):
        self._check_role(ON_SITE_GROUPS, self.env._("register arrivals of"))
        self._filter_state(("confirmed",), self.env._("Registering the arrival"))
        self._internal().write({"state": "arrived"})
        return True

    def action_done(self):
        self._check_role(CLINICAL_GROUPS, self.env._("complete"))
        self._filter_state(("arrived",), self.env._("Completing"))
        self._internal().write({"state": "done"})
        return True

    def action_no_show(self):
        self._check_role(ON_SITE_GROUPS, self.env._("record no-shows of"))
        self._filter_state(("confirmed",), self.env._("Recording a no-show"))
        now = fields.Datetime.now()
        if self.filtered(lambda a: a.start > now):
            raise UserError(self.env._("A client can only miss an appointment that has started."))
        self._internal().write({"state": "no_show"})
        return True

    def action_cancel(self):
        self._check_role(BOOKING_GROUPS, self.env._("cancel"))
        self._filter_state(("requested", "confirmed"), self.env._("Cancelling"))
        now = fields.Datetime.now()
        for appointment in self:
            was_confirmed = appointment.state == "confirmed"
            appointment._internal().write(
                {
                    "state": "cancelled",
                    "cancel_date": now,
                    "cancelled_by_id": self.env.user.id,
                    "late_cancel": appointment.start - now < LATE_CANCEL_DELTA,
                }
            )
            appointment._notify_doctor(
                appointment.doctor_id,
                self.env._("Appointment %(name)s cancelled", name=appointment.name),
                self.env._(
                    "%(client)s cancelled %(service)s on %(when)s at %(centre)s.",
                    client=appointment.partner_id.name,
                    service=appointment.service_type_id.name,
                    when=appointment._when_label(),
                    centre=appointment.centre_id.name,
                ),
            )
            if was_confirmed:
                appointment._send_client_message(
                    self.env.ref("lohi_appointments.mail_template_appointment_cancelled")
                )
        self.activity_unlink(["lohi_appointments.mail_activity_type_verify_request"])
        self._sync_calendar_event()
        return True

    def action_open_reschedule(self):
        self.ensure_one()
        self._check_role(BOOKING_GROUPS, self.env._("move"))
        self._filter_state(("requested", "confirmed"), self.env._("Moving"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move Appointment"),
            "res_model": "lohi.appointment.booking",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_appointment_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_service_type_id": self.service_type_id.id,
                "default_doctor_id": self.doctor_id.id,
                "default_centre_id": self.centre_id.id,
                "default_date_from": self.local_date,
            },
        }

    # ------------------------------------------------------------------ availability (APT-3)
    @api.model
    def _find_free_slots(
        self,
        service,
        date_from,
        date_to,
        doctor=None,
        centre=None,
        exclude_appointment=None,
        limit=None,
        allow_past=False,
    ):
        """Free slots of ``service`` between two local dates (inclusive).

        Schedules (weekly attendances, local to the centre) minus the doctors' leaves,
        public holidays and live bookings. Three queries for the whole range, whatever
        its length. Returns dicts ``{doctor_id, centre_id, start, stop}`` (UTC, naive),
        sorted by start.
        """
        service.ensure_one()
        domain = [("active", "=", True)]
        if doctor:
            domain.append(("doctor_id", "=", doctor.id))
        elif service.doctor_ids:
            domain.append(("doctor_id", "in", service.doctor_ids.ids))
        if centre:
            domain.append(("centre_id", "=", centre.id))
        elif service.centre_ids:
            domain.append(("centre_id", "in", service.centre_ids.ids))
        # Availability must see every booking of the doctors, whatever centre the
        # current user may read: only start/stop/doctor leave this method.
        schedules_sudo = self.env["lohi.doctor.schedule"].sudo().search(domain)
        if service.doctor_ids:
            schedules_sudo = schedules_sudo.filtered(lambda s: s.doctor_id in service.doctor_ids)
        if service.centre_ids:
            schedules_sudo = schedules_sudo.filtered(lambda s: s.centre_id in service.centre_ids)
        if not schedules_sudo:
            return []
        range_start = datetime.combine(date_from, time.min) - timedelta(days=1)
        range_stop = datetime.combine(date_to, time.max) + timedelta(days=1)
        busy = self._busy_intervals(
            schedules_sudo.doctor_id, range_start, range_stop, exclude_appointment
        )
        holidays = self._holiday_intervals(range_start, range_stop)
        now = fields.Datetime.now()
        length = timedelta(hours=service.duration)
        slots = []
        for schedule in schedules_sudo:
            for work_start, work_stop in self._work_intervals(schedule, date_from, date_to):
                slot_start = work_start
                while slot_start + length <= work_stop:
                    slot_stop = slot_start + length
                    if (
                        (allow_past or slot_start >= now)
                        and not _overlaps(busy[schedule.doctor_id.id], slot_start, slot_stop)
                        and not _overlaps(holidays[schedule.company_id.id], slot_start, slot_stop)
                    ):
                        slots.append(
                            {
                                "doctor_id": schedule.doctor_id.id,
                                "centre_id": schedule.centre_id.id,
                                "start": slot_start,
                                "stop": slot_stop,
                            }
                        )
                    slot_start = slot_stop
        slots.sort(key=lambda s: (s["start"], s["doctor_id"], s["centre_id"]))
        return slots[:limit] if limit else slots

    @api.model
    def _nearest_free_slots(
        self,
        service,
        wished_start,
        doctor=None,
        centre=None,
        exclude_appointment=None,
        limit=3,
        days=14,
    ):
        """The free slots closest to ``wished_start`` (before or after it), APT-3."""
        tz = pytz.timezone((centre and centre.tz) or "Asia/Shanghai")
        wished_local = pytz.utc.localize(wished_start).astimezone(tz).date()
        slots = self._find_free_slots(
            service,
            wished_local - timedelta(days=days),
            wished_local + timedelta(days=days),
            doctor=doctor,
            centre=centre,
            exclude_appointment=exclude_appointment,
        )
        slots.sort(key=lambda s: (abs((s["start"] - wished_start).total_seconds()), s["start"]))
        return slots[:limit]

    @api.model
    def _work_intervals(self, schedule, date_from, date_to):
        """UTC intervals of a schedule's weekly hours, day by day, local to its centre."""
        tz = pytz.timezone(schedule.centre_id.tz or schedule.tz or "Asia/Shanghai")
        by_day = defaultdict(list)
        for attendance in schedule.attendance_ids:
            if attendance.display_type:
                continue
            by_day[int(attendance.dayofweek)].append(attendance)
        intervals = []
        day = date_from
        while day <= date_to:
            for attendance in by_day[day.weekday()]:
                if (attendance.date_from and day < attendance.date_from) or (
                    attendance.date_to and day > attendance.date_to
                ):
                    continue
                if schedule.two_weeks_calendar and attendance.week_type != str(
                    self.env["resource.calendar.attendance"].get_week_type(day)
                ):
                    continue
                local_start = datetime.combine(day, time.min) + timedelta(
                    hours=attendance.hour_from
                )
                local_stop = datetime.combine(day, time.min) + timedelta(hours=attendance.hour_to)
                intervals.append((_to_utc_naive(local_start, tz), _to_utc_naive(local_stop, tz)))
            day += timedelta(days=1)
        return intervals

    @api.model
    def _busy_intervals(self, doctors, range_start, range_stop, exclude_appointment=None):
        """Live bookings and leaves per doctor id over a range: two queries."""
        busy = defaultdict(list)
        domain = [
            ("doctor_id", "in", doctors.ids),
            ("state", "in", ACTIVE_STATES),
            ("start", "<", range_stop),
            ("stop", ">", range_start),
        ]
        if exclude_appointment:
            domain.append(("id", "not in", exclude_appointment.ids))
        for row in self.sudo().search_read(domain, ["doctor_id", "start", "stop"], load=None):
            busy[row["doctor_id"]].append((row["start"], row["stop"]))
        leaves = (
            self.env["lohi.doctor.leave"]
            .sudo()
            .search_read(
                [
                    ("doctor_id", "in", doctors.ids),
                    ("date_from", "<", range_stop),
                    ("date_to", ">", range_start),
                ],
                ["doctor_id", "date_from", "date_to"],
                load=None,
            )
        )
        for row in leaves:
            busy[row["doctor_id"]].append((row["date_from"], row["date_to"]))
        return busy

    @api.model
    def _holiday_intervals(self, range_start, range_stop):
        """Public holidays (company-wide calendar leaves) per company id: one query."""
        holidays = defaultdict(list)
        rows = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_read(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "=", False),
                    ("date_from", "<", range_stop),
                    ("date_to", ">", range_start),
                ],
                ["company_id", "date_from", "date_to"],
                load=None,
            )
        )
        companies = self.env["res.company"].sudo().search([])
        for row in rows:
            for company in (
                companies if not row["company_id"] else companies.browse(row["company_id"])
            ):
                holidays[company.id].append((row["date_from"], row["date_to"]))
        return holidays

    def _check_booking(self, doctor, centre, service, start, stop, exclude=None):
        """Raise a ValidationError naming the problem and the nearest free slots."""
        if not (doctor and centre and service and start):
            return
        stop = fields.Datetime.to_datetime(stop) or start + timedelta(hours=service.duration)
        reason = None
        if service.doctor_ids and doctor not in service.doctor_ids:
            reason = self.env._(
                "%(doctor)s does not offer %(service)s.", doctor=doctor.name, service=service.name
            )
        elif service.centre_ids and centre not in service.centre_ids:
            reason = self.env._(
                "%(service)s is not offered at %(centre)s.",
                service=service.name,
                centre=centre.name,
            )
        if not reason:
            schedule_sudo = (
                self.env["lohi.doctor.schedule"]
                .sudo()
                .search([("doctor_id", "=", doctor.id), ("centre_id", "=", centre.id)], limit=1)
            )
            tz = pytz.timezone(centre.tz or "Asia/Shanghai")
            local_day = pytz.utc.localize(start).astimezone(tz).date()
            work = (
                self._work_intervals(schedule_sudo, local_day, local_day) if schedule_sudo else []
            )
            if not any(w_start <= start and stop <= w_stop for w_start, w_stop in work):
                reason = self.env._(
                    "%(doctor)s does not see clients at %(centre)s at that time.",
                    doctor=doctor.name,
                    centre=centre.name,
                )
        if not reason:
            if _overlaps(self._holiday_intervals(start, stop)[centre.company_id.id], start, stop):
                reason = self.env._("The centre is closed for a public holiday.")
            else:
                leave_sudo = (
                    self.env["lohi.doctor.leave"]
                    .sudo()
                    .search(
                        [
                            ("doctor_id", "=", doctor.id),
                            ("date_from", "<", stop),
                            ("date_to", ">", start),
                        ],
                        limit=1,
                    )
                )
                if leave_sudo:
                    reason = self.env._(
                        "%(doctor)s is on leave (%(leave)s).",
                        doctor=doctor.name,
                        leave=leave_sudo.name,
                    )
        if not reason:
            conflict_sudo = self.sudo().browse(self._conflicting_id(doctor, start, stop, exclude))
            if conflict_sudo:
                reason = self.env._(
                    "%(doctor)s is already booked from %(start)s to %(stop)s (%(name)s).",
                    doctor=doctor.name,
                    start=self._when_label(conflict_sudo.start, centre),
                    stop=self._when_label(conflict_sudo.stop, centre, time_only=True),
                    name=conflict_sudo.name,
                )
        if reason:
            raise ValidationError(
                self._unavailable_message(reason, doctor, centre, service, start, exclude)
            )

    @api.model
    def _read_group_orderby(self, order, groupby_terms, query):
        """Groups by doctor (res.users) in the order of the doctor's name, computed per
        group. Odoo orders a many2one group by its comodel's order by joining the users
        and their partners into the grouping (GROUP BY doctor, name, login): PostgreSQL
        then expects two million groups and sorts every appointment (issue 10: 0.57 s,
        3.6x the SQL); grouping by the doctor alone, it aggregates in a hash."""
        terms = [term.strip() for term in (order or "").split(",") if term.strip()]
        users = {
            term
            for term in terms
            if term.split()[0] in groupby_terms
            and self._fields.get(term.split()[0])
            and self._fields[term.split()[0]].type == "many2one"
            and self._fields[term.split()[0]].comodel_name == "res.users"
        }
        if not users:
            return super()._read_group_orderby(order, groupby_terms, query)
        parts = []
        for term in terms:
            if term not in users:
                parts.append(super()._read_group_orderby(term, groupby_terms, query))
                continue
            fname, *rest = term.split()
            direction = SQL("DESC") if rest and rest[0].upper() == "DESC" else SQL("ASC")
            column = groupby_terms[fname]
            parts.append(
                SQL(
                    """(SELECT p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                         WHERE u.id = %s) %s, %s %s""",
                    column,
                    direction,
                    column,
                    direction,
                )
            )
        return SQL(", ").join(part for part in parts if part)

    def _conflicting_id(self, doctor, start, stop, exclude=None):
        """A live booking of ``doctor`` overlapping [start, stop), or None. The test of the
        exclusion constraint, answered by its GiST index: as an ORM search ordered by
        start, PostgreSQL walked the start index over every earlier booking (0.6 s per
        booking with two million appointments, issue 10)."""
        self.flush_model(["doctor_id", "state", "start", "stop"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM lohi_appointment
                    WHERE doctor_id = %s AND state IN %s
                      AND tsrange(start, stop, '[)') && tsrange(%s, %s, '[)')
                      AND NOT (id = ANY(%s))
                    LIMIT 1""",
                doctor.id,
                ACTIVE_STATES,
                start,
                stop,
                list(exclude.ids) if exclude else [],
            )
        )
        row = self.env.cr.fetchone()
        return row[0] if row else None

    def _raise_race_conflict(self, vals, exc, exclude=None):
        """The exclusion constraint fired: someone booked the slot at the same instant."""
        _logger.info("double booking refused by PostgreSQL: %s", exc.diag.message_primary)
        doctor = self.env["res.users"].browse(vals.get("doctor_id"))
        centre = self.env["lohi.centre"].browse(vals.get("centre_id"))
        service = self.env["lohi.service.type"].browse(vals.get("service_type_id"))
        start = fields.Datetime.to_datetime(vals.get("start"))
        reason = self.env._(
            "%(doctor)s was booked for this time by someone else a moment ago.",
            doctor=doctor.name,
        )
        raise ValidationError(
            self._unavailable_message(reason, doctor, centre, service, start, exclude)
        ) from exc

    def _unavailable_message(self, reason, doctor, centre, service, start, exclude=None):
        alternatives = self._nearest_free_slots(
            service, start, doctor=doctor, centre=centre, exclude_appointment=exclude
        )
        if not alternatives:
            alternatives = self._nearest_free_slots(
                service, start, centre=centre, exclude_appointment=exclude
            )
        if alternatives:
            doctors = self.env["res.users"].browse([s["doctor_id"] for s in alternatives])
            offers = "; ".join(
                f"{self._when_label(slot['start'], centre)} "
                f"({doctors.browse(slot['doctor_id']).name})"
                for slot in alternatives
            )
            return self.env._(
                "This time cannot be booked: %(reason)s Nearest free times: %(offers)s.",
                reason=reason,
                offers=offers,
            )
        return self.env._(
            "This time cannot be booked: %(reason)s No free time in the next two weeks.",
            reason=reason,
        )

    def _when_label(self, when=None, centre=None, time_only=False):
        """A UTC datetime written in the centre's timezone (not the user's)."""
        when = when or self.start
        centre = centre or self.centre_id
        tz = centre.tz or "Asia/Shanghai"
        return format_datetime(
            self.env, when, tz=tz, dt_format="HH:mm" if time_only else "yyyy-MM-dd HH:mm"
        )

    # ------------------------------------------------------------------ calendar (APT-5)
    def _sync_calendar_event(self):
        """Mirror each appointment in the doctor's Odoo calendar (no invitation e-mails)."""
        event_model = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, dont_notify=True, mail_create_nolog=True)
        )
        to_create = []
        for appointment in self:
            values = {
                "name": f"{appointment.partner_id.name} · {appointment.service_type_id.name}",
                "start": appointment.start,
                "stop": appointment.stop,
                "user_id": appointment.doctor_id.id,
                "partner_ids": [fields.Command.set(appointment.doctor_id.partner_id.ids)],
                "location": appointment.centre_id.name,
                "description": appointment.name,
                "privacy": "confidential",
                "active": appointment.state in ACTIVE_STATES,
            }
            event_sudo = appointment.calendar_event_id.sudo()
            if event_sudo:
                event_sudo.with_context(
                    no_mail_to_attendees=True, dont_notify=True, active_test=False
                ).write(values)
            elif appointment.state in ACTIVE_STATES:
                to_create.append((appointment, values))
        if to_create:
            events = event_model.create([values for __, values in to_create])
            for (appointment, __), event in zip(to_create, events, strict=True):
                appointment.sudo().calendar_event_id = event

    # ------------------------------------------------------------------ messages
    def _notify_doctor(self, doctor, subject, body):
        """APT-5: an inbox/e-mail notification to the doctor concerned."""
        self.ensure_one()
        if not doctor.partner_id:
            return
        self.sudo().message_notify(
            partner_ids=doctor.partner_id.ids,
            subject=subject,
            body=body,
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _send_client_message(self, template):
        """APT-6 hook: send ``template`` to each client, by e-mail and, where the
        SMS gateway of lohi_clients (X-6) is installed, by text message.

        Returns the created ``mail.mail`` records.
        """
        mails = self.env["mail.mail"]
        for appointment in self:
            if not appointment.partner_id.email:
                appointment.message_post(
                    body=self.env._(
                        "No confirmation e-mail sent: the client has no e-mail address."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            mail_id = template.sudo().send_mail(appointment.id)
            mails |= mails.sudo().browse(mail_id)
        self._queue_client_sms(template)
        return mails

    def _queue_client_sms(self, template):
        """The same text as the e-mail, as an SMS through lohi.sms.message (X-6).

        Confirmations are service messages, not marketing: they go to every client with
        a mobile number. One SMS per appointment, template and booked time.
        """
        if "lohi.sms.message" not in self.env or not self:
            return None
        template_sudo = template.sudo()
        bodies = template_sudo._render_field("body_html", self.ids, compute_lang=True)
        vals_list = []
        for appointment in self:
            partner = appointment.partner_id
            number = partner.mobile or partner.phone
            if not number:
                continue
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "number": number,
                    "body": html2plaintext(bodies[appointment.id]).strip(),
                    "origin": appointment.name,
                    "dedupe_key": f"lohi.appointment:{appointment.id}:{template.id}:"
                    f"{appointment.start}:{appointment.state}",
                }
            )
        return self.env["lohi.sms.message"]._queue(vals_list)

    def _schedule_verification(self):
        """APT-1: a to-do for the staff who must verify an online request in time."""
        for appointment in self:
            user = appointment._verification_user()
            appointment.sudo().activity_schedule(
                "lohi_appointments.mail_activity_type_verify_request",
                date_deadline=fields.Date.context_today(appointment),
                summary=self.env._("Verify the online request within 2 hours"),
                user_id=user.id,
            )

    def _centre_users(self, group):
        self.ensure_one()
        return self.centre_id.user_ids.filtered(lambda u: u.has_group(group) and u.active)

    def _verification_user(self):
        managers = self._centre_users("lohi_clients.group_health_manager")
        return managers[:1] or self.centre_id.director_id or self.env.ref("base.user_admin")

    # ------------------------------------------------------------------ crons
    @api.model
    def _online_request_domains(self, now):
        """The online requests to remind (past half of the 2 hours) and to escalate."""
        to_remind = [
            ("state", "=", "requested"),
            ("verify_stage", "=", "none"),
            ("verify_deadline", "<=", now + VERIFY_DELTA / 2),
            ("verify_deadline", ">", now),
        ]
        to_escalate = [
            ("state", "=", "requested"),
            ("verify_stage", "in", ("none", "reminded")),
            ("verify_deadline", "<=", now),
        ]
        return to_remind, to_escalate

    @api.model
    def _cron_check_online_requests(self, batch=VERIFY_BATCH):
        """APT-1: remind after 1 hour, escalate after 2; each step happens once. At most
        ``batch`` requests per call; the requests left are reported to the cron worker,
        which calls again while some remain."""
        now = fields.Datetime.now()
        remind_domain, escalate_domain = self._online_request_domains(now)
        to_remind = self.search(remind_domain, order="id", limit=batch)
        for appointment in to_remind:
            appointment.activity_schedule(
                "lohi_appointments.mail_activity_type_verify_request",
                date_deadline=fields.Date.context_today(appointment),
                summary=self.env._("Reminder: online request waiting for verification"),
                user_id=appointment._verification_user().id,
            )
        to_remind._internal().write({"verify_stage": "reminded"})
        to_escalate = self.browse()
        if len(to_remind) < batch:
            to_escalate = self.search(escalate_domain, order="id", limit=batch - len(to_remind))
        for appointment in to_escalate:
            escalate_to = (
                appointment.centre_id.director_id
                or appointment._centre_users("lohi_clients.group_cs_supervisor")[:1]
                or self.env.ref("base.user_admin")
            )
            appointment.activity_schedule(
                "lohi_appointments.mail_activity_type_verify_request",
                date_deadline=fields.Date.context_today(appointment),
                summary=self.env._("Escalation: online request not verified within 2 hours"),
                user_id=escalate_to.id,
            )
        to_escalate._internal().write({"verify_stage": "escalated"})
        done = len(to_remind) + len(to_escalate)
        remaining = 0
        if done >= batch:
            remaining = self.search_count(remind_domain) + self.search_count(escalate_domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _wrapup_todo_domain(self, utc_now):
        """The centres with schedules whose wrap-up of their local day is not sent yet:
        one condition per timezone, so the work left is counted in one query."""
        base = [("lohi_schedule_ids", "!=", False)]
        Centre = self.env["lohi.centre"]
        per_tz = [
            [
                ("tz", "=", tz),
                ("lohi_wrapup_date", "!=", utc_now.astimezone(pytz.timezone(tz)).date()),
            ]
            for [tz] in Centre._read_group(base, ["tz"])
        ]
        return expression.AND([base, expression.OR(per_tz)]) if per_tz else expression.FALSE_DOMAIN

    @api.model
    def _cron_daily_wrapup(self, batch=WRAPUP_BATCH):
        """APT-9: today's and tomorrow's list to the health managers, tomorrow's to each
        doctor. Once per centre and local day; at most ``batch`` centres per call, the
        cron worker calls again while centres remain."""
        utc_now = pytz.utc.localize(fields.Datetime.now())
        domain = self._wrapup_todo_domain(utc_now)
        Centre = self.env["lohi.centre"]
        todo = Centre.search(domain, order="id", limit=batch)
        if not todo:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        days = {c.id: utc_now.astimezone(pytz.timezone(c.tz)).date() for c in todo}
        appointments = self.search(
            [
                ("centre_id", "in", todo.ids),
                ("state", "in", ("requested", "confirmed", "arrived")),
                ("local_date", ">=", min(days.values())),
                ("local_date", "<=", max(days.values()) + timedelta(days=1)),
            ],
            order="start",
        )
        ids_by_centre = defaultdict(list)
        for appointment in appointments:
            ids_by_centre[appointment.centre_id.id].append(appointment.id)
        managers_group = "lohi_clients.group_health_manager"
        for centre in todo:
            today = days[centre.id]
            tomorrow = today + timedelta(days=1)
            mine = self.browse(ids_by_centre[centre.id])
            today_list = mine.filtered(lambda a, d=today: a.local_date == d)
            tomorrow_list = mine.filtered(lambda a, d=tomorrow: a.local_date == d)
            managers = centre.user_ids.filtered(lambda u: u.has_group(managers_group))
            if managers:
                centre.message_notify(
                    partner_ids=managers.partner_id.ids,
                    subject=self.env._("Appointments of %(centre)s", centre=centre.name),
                    body=self._wrapup_body(today_list, tomorrow_list),
                    email_layout_xmlid="mail.mail_notification_light",
                )
            for doctor in tomorrow_list.doctor_id:
                centre.message_notify(
                    partner_ids=doctor.partner_id.ids,
                    subject=self.env._(
                        "Your appointments tomorrow at %(centre)s", centre=centre.name
                    ),
                    body=self._wrapup_body(
                        self.browse(), tomorrow_list.filtered(lambda a, d=doctor: a.doctor_id == d)
                    ),
                    email_layout_xmlid="mail.mail_notification_light",
                )
            centre.lohi_wrapup_date = today
        remaining = Centre.search_count(domain) if len(todo) >= batch else 0
        self.env["ir.cron"]._notify_progress(done=len(todo), remaining=remaining)
        return len(todo)

    @api.model
    def _wrapup_body(self, today_list, tomorrow_list):
        return self.env["ir.qweb"]._render(
            "lohi_appointments.appointment_wrapup_body",
            {"today_list": today_list, "tomorrow_list": tomorrow_list},
        )


class LohiAppointmentMove(models.Model):
    """One reschedule of an appointment: where it was, where it went, who moved it."""

    _name = "lohi.appointment.move"
    _description = "Appointment Reschedule"
    _order = "create_date desc, id desc"

    appointment_id = fields.Many2one(
        "lohi.appointment", required=True, ondelete="cascade", index=True
    )
    old_start = fields.Datetime(string="From", required=True)
    new_start = fields.Datetime(string="To", required=True)
    old_doctor_id = fields.Many2one("res.users", string="Previous Doctor")
    new_doctor_id = fields.Many2one("res.users")
    old_centre_id = fields.Many2one("lohi.centre", string="Previous Centre")
    new_centre_id = fields.Many2one("lohi.centre")
    user_id = fields.Many2one("res.users", string="Moved By", required=True)
    reason = fields.Char()


class LohiAppointmentDemo(models.Model):
    _inherit = "lohi.appointment"

    @api.model
    def _demo_fate(self, counter, start, stop, now, today, day):
        """What becomes of the demo visit number ``counter`` (a deterministic mix)."""
        if stop <= now:
            if counter % 9 == 0:
                return "no_show"
            if counter % 13 == 0:
                return "cancelled_before"
            return "arrived" if day == today and counter % 2 else "done"
        if start <= now:
            return "arrived"
        if counter % 11 == 0:
            return "cancel"
        if counter % 7 == 0:
            return "move"
        return "keep"

    @api.model
    def _demo_plan(self, schedule, clients, services, now, counter):
        """Two to four visits a day in the free slots of a schedule, last week (history),
        this week and next."""
        first, revisit, reading, sampling = services
        visit_types = {first: "first", reading: "interpretation", revisit: "revisit"}
        doctor, centre = schedule.doctor_id, schedule.centre_id
        tz = pytz.timezone(centre.tz or "Asia/Shanghai")
        today = pytz.utc.localize(now).astimezone(tz).date()
        # last week as history, this week and next ahead
        monday = today - timedelta(days=today.weekday() + 7)
        slots = self.sudo()._find_free_slots(
            first,
            monday,
            monday + timedelta(days=20),
            doctor=doctor,
            centre=centre,
            allow_past=True,
        )
        by_day = defaultdict(list)
        for slot in slots:
            by_day[pytz.utc.localize(slot["start"]).astimezone(tz).date()].append(slot)
        plan = []
        for day_index, day in enumerate(sorted(by_day)):
            wanted = 2 + (day_index + counter) % 3
            day_slots = by_day[day]
            for slot in day_slots[:: max(1, len(day_slots) // wanted)][:wanted]:
                counter += 1
                service = (first, revisit, reading, first, revisit, sampling)[counter % 6]
                if service.centre_ids and centre not in service.centre_ids:
                    service = revisit
                stop = slot["start"] + timedelta(hours=service.duration)
                fate = self._demo_fate(counter, slot["start"], stop, now, today, day)
                channel = ("phone", "onsite", "phone", "online", "phone", "onsite")[counter % 6]
                if channel == "online" and fate != "keep":
                    channel = "phone"
                vals = {
                    "partner_id": clients[counter % len(clients)].id,
                    "doctor_id": doctor.id,
                    "centre_id": centre.id,
                    "service_type_id": service.id,
                    "start": slot["start"],
                    "channel": channel,
                    "visit_type": visit_types.get(service, "other"),
                }
                plan.append((vals, fate))
        return plan, counter

    @api.model
    def _create_demo_appointments(self):
        """A realistic fortnight (X-2, issue 4): this week and next, with last week as
        history, each demo doctor at the centre of their schedule, two to four visits a
        day in free slots. Past visits are done (a few no-shows and cancellations),
        today's are done, in progress or coming, coming ones confirmed, online requests
        still to verify, moves and late cancellations."""
        ref = self.env.ref
        beijing = [
            ref(f"lohi_appointments.res_partner_client_{key}_demo")
            for key in (
                "wangfang",
                "liuqiang",
                "zhaomin",
                "chenjing",
                "huanglei",
                "yangxue",
                "wujun",
                "xuli",
            )
        ]
        shanghai = [
            ref(f"lohi_appointments.res_partner_client_{key}_demo")
            for key in ("sunli", "zhouwei", "zhengyu", "hemei")
        ]
        if self.sudo().search_count([("partner_id", "in", [c.id for c in beijing + shanghai])]):
            return self.browse()
        services = (
            ref("lohi_appointments.lohi_service_type_first_visit_demo"),
            ref("lohi_appointments.lohi_service_type_revisit_demo"),
            ref("lohi_appointments.lohi_service_type_interpretation_demo"),
            ref("lohi_appointments.lohi_service_type_sampling_demo"),
        )
        shanghai_centre = ref("lohi_clients.lohi_centre_shanghai_demo")
        now = fields.Datetime.now()
        plan, counter = [], 0
        for xmlid in ("wang_chaoyang", "chen_shanghai", "zhao_haidian"):
            schedule = ref(f"lohi_appointments.lohi_doctor_schedule_{xmlid}_demo")
            clients = shanghai if schedule.centre_id == shanghai_centre else beijing
            schedule_plan, counter = self._demo_plan(schedule, clients, services, now, counter)
            plan += schedule_plan
        this = self.sudo().with_context(
            mail_create_nolog=True, tracking_disable=True, mail_notrack=True
        )
        created = this.create([vals for vals, _fate in plan])
        fates = defaultdict(lambda: this.browse())
        for appointment, (_vals, fate) in zip(created, plan, strict=True):
            fates[fate] |= appointment
        # Every state at least once, whatever the hour of the install.
        if not fates["arrived"] and fates["done"]:
            fates["arrived"] = fates["done"][-1]
            fates["done"] -= fates["arrived"]
        fates["done"]._internal().write({"state": "done"})
        fates["arrived"]._internal().write({"state": "arrived"})
        fates["no_show"]._internal().write({"state": "no_show"})
        service_user = ref("lohi_clients.user_service_demo")
        for appointment in fates["cancelled_before"]:
            appointment._internal().write(
                {
                    "state": "cancelled",
                    "cancel_date": appointment.start - timedelta(days=2),
                    "cancelled_by_id": service_user.id,
                    "cancel_reason": "客户临时出差",
                }
            )
        fates["cancelled_before"]._sync_calendar_event()
        for appointment in fates["move"]:
            later = this._find_free_slots(
                appointment.service_type_id,
                appointment.local_date + timedelta(days=1),
                appointment.local_date + timedelta(days=7),
                doctor=appointment.doctor_id,
                centre=appointment.centre_id,
            )
            if later:
                appointment.with_context(lohi_move_reason="客户出差，改约到后几天").write(
                    {"start": later[0]["start"]}
                )
        fates["cancel"].with_user(service_user).sudo().action_cancel()
        fates["cancel"].cancel_reason = "客户家中有事"
        return created
