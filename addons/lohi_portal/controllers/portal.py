import base64
import time
from datetime import timedelta

import pytz
from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import content_disposition, request, route
from odoo.tools import consteq
from odoo.tools.misc import hmac

from odoo.addons.portal.controllers.portal import CustomerPortal

#: Lifetime of a report download link (POR-2: document links expire).
REPORT_LINK_SECONDS = 15 * 60
REPORT_TOKEN_SCOPE = "lohi_portal.lab_report"
#: Days of free slots shown at once on the booking page.
SLOT_DAYS = 7


class LohiInstitutionPortal(CustomerPortal):
    """POR-1 pages of a partner institution under /my/institution.

    Every page first finds the records as the portal user, so that the record rules of
    this addon decide what the institution sees (POR-2); only then, for the records found,
    does it act or render with ``sudo()`` (names of doctors and centres, booking through
    the availability method of lohi_appointments).
    """

    # ------------------------------------------------------------------ helpers
    def _lohi_institution(self):
        return request.env["lohi.institution"]._lohi_portal_current()

    def _lohi_require_institution(self):
        institution = self._lohi_institution()
        if not institution:
            raise Forbidden()
        return institution

    def _lohi_find(self, model, record_id):
        """The record ``record_id`` of ``model`` if the user's record rules allow it,
        else a 404 (whether it does not exist or belongs to someone else)."""
        try:
            record_id = int(record_id)
        except (TypeError, ValueError) as exc:
            raise NotFound() from exc
        record = request.env[model].search([("id", "=", record_id)], limit=1)
        if not record:
            raise NotFound()
        return record

    def _lohi_inst_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(
            values,
            page_name=page_name,
            institution=self._lohi_institution(),
            now=fields.Datetime.now(),
        )
        return result

    def _lohi_local(self, dt, tz="Asia/Shanghai"):
        return pytz.utc.localize(dt).astimezone(pytz.timezone(tz)) if dt else dt

    def _lohi_date(self, value, default=None):
        try:
            return fields.Date.to_date(value) if value else default
        except ValueError:
            return default

    def _lohi_tier_labels(self):
        """Labels of the approval states as the institution reads them (the OCA addon
        ships no Chinese for them)."""
        _ = request.env._
        return {
            "no": _("Not submitted"),
            "waiting": _("Waiting for the previous tier"),
            "pending": _("Under approval"),
            "rejected": _("Rejected"),
            "validated": _("Approved"),
            "approved": _("Approved"),
            "cancel": _("Cancelled"),
        }

    def _lohi_future(self, value):
        """A UTC datetime posted by a booking form: a time to come, or a 404."""
        try:
            start = fields.Datetime.to_datetime(value) if value else None
        except ValueError as exc:
            raise NotFound() from exc
        if not start or start <= fields.Datetime.now():
            raise NotFound()
        return start

    def _lohi_int(self, value):
        try:
            return int(value or 0)
        except (TypeError, ValueError):
            return 0

    @staticmethod
    def _lohi_report_token(order_id, expires):
        return hmac(
            request.env(su=True), REPORT_TOKEN_SCOPE, (request.env.uid, int(order_id), expires)
        )

    def _lohi_report_url(self, order):
        expires = int(time.time()) + REPORT_LINK_SECONDS
        token = self._lohi_report_token(order.id, expires)
        return f"/my/institution/lab/{order.id}/report?expires={expires}&token={token}"

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        wanted = {
            "lohi_inst_client_count": ("lohi.portal.client", []),
            "lohi_inst_appointment_count": (
                "lohi.portal.appointment",
                [
                    ("start", ">=", fields.Datetime.now()),
                    ("state", "in", ("requested", "confirmed")),
                ],
            ),
            "lohi_inst_requisition_count": ("stock.request.order", []),
            "lohi_inst_complaint_count": (
                "lohi.complaint",
                [("state", "not in", ("closed", "cancelled"))],
            ),
        }
        institution = None
        for key, (model, domain) in wanted.items():
            if key not in counters:
                continue
            if institution is None:
                institution = self._lohi_institution()
            values[key] = (
                request.env[model].search_count(domain)
                if institution and request.env[model].has_access("read")
                else 0
            )
        if "lohi_inst_lab_count" in counters:
            # A count only: no lab status is shown, so nothing is logged here.
            if institution is None:
                institution = self._lohi_institution()
            values["lohi_inst_lab_count"] = (
                request.env["lohi.portal.lab.order"].search_count([]) if institution else 0
            )
        return values

    # ------------------------------------------------------------------ clients
    @route("/my/institution/clients", type="http", auth="user", website=True)
    def lohi_portal_clients(self, search=None, **kw):
        self._lohi_require_institution()
        domain = []
        if search:
            domain = ["|", ("name", "ilike", search), ("archive_no", "ilike", search)]
        clients = request.env["lohi.portal.client"].search(domain)
        values = self._lohi_inst_values("lohi_inst_clients", clients=clients, search=search or "")
        return request.render("lohi_portal.portal_institution_clients", values)

    @route("/my/institution/clients/<int:client_id>", type="http", auth="user", website=True)
    def lohi_portal_client(self, client_id, **kw):
        self._lohi_require_institution()
        client = self._lohi_find("lohi.portal.client", client_id)
        appointments = request.env["lohi.portal.appointment"].search(
            [("client_id", "=", client.id), ("start", ">=", fields.Datetime.now())]
        )
        orders = request.env["lohi.portal.lab.order"].search([("client_id", "=", client.id)])
        orders._lohi_log_view()
        values = self._lohi_inst_values(
            "lohi_inst_client",
            client=client,
            client_sudo=client.sudo(),
            appointments_sudo=appointments.sudo(),
            orders=orders,
            local=self._lohi_local,
        )
        return request.render("lohi_portal.portal_institution_client", values)

    # ------------------------------------------------------------------ appointments
    @route("/my/institution/appointments", type="http", auth="user", website=True)
    def lohi_portal_appointments(self, **kw):
        self._lohi_require_institution()
        appointments = request.env["lohi.portal.appointment"].search(
            [("start", ">=", fields.Datetime.now() - timedelta(hours=12))]
        )
        values = self._lohi_inst_values(
            "lohi_inst_appointments",
            appointments_sudo=appointments.sudo(),
            local=self._lohi_local,
            message=kw.get("message"),
        )
        return request.render("lohi_portal.portal_institution_appointments", values)

    def _lohi_booking_values(self, client=None, service=None, centre=None, day=None, **extra):
        institution = self._lohi_require_institution()
        env = request.env
        clients = env["lohi.portal.client"].search([])
        services = env["lohi.service.type"].search([])
        centres = env["lohi.centre"].search([("centre_type", "in", ("direct", "franchise"))])
        today = fields.Date.context_today(env.user)
        day = max(day or today, today)
        centre = centre or institution.centre_id
        slots_by_day = []
        appointment_sudo = extra.get("appointment_sudo")
        if service and centre:
            slots = (
                env["lohi.appointment"]
                .sudo()
                ._find_free_slots(
                    service,
                    day,
                    day + timedelta(days=SLOT_DAYS - 1),
                    centre=centre,
                    exclude_appointment=appointment_sudo,
                )
            )
            slots_by_day = self._lohi_group_slots(slots, centre)
        return self._lohi_inst_values(
            extra.pop("page_name", "lohi_inst_book"),
            clients=clients,
            services=services,
            centres=centres,
            client=client,
            service=service,
            centre=centre,
            day=day,
            next_day=day + timedelta(days=SLOT_DAYS),
            prev_day=day - timedelta(days=SLOT_DAYS) if day > today else False,
            slots_by_day=slots_by_day,
            **extra,
        )

    def _lohi_group_slots(self, slots, centre):
        doctors = request.env["res.users"].sudo().browse({s["doctor_id"] for s in slots})
        names = {doctor.id: doctor.name for doctor in doctors}
        tz = centre.sudo().tz or "Asia/Shanghai"
        days = {}
        for slot in slots:
            local = self._lohi_local(slot["start"], tz)
            days.setdefault(local.date(), []).append(
                {
                    "start": fields.Datetime.to_string(slot["start"]),
                    "label": local.strftime("%H:%M"),
                    "doctor_id": slot["doctor_id"],
                    "doctor": names.get(slot["doctor_id"], ""),
                }
            )
        return sorted(days.items())

    def _lohi_booking_targets(self, kw):
        """Client, service and centre of a booking form, each read as the portal user."""
        env = request.env
        client = (
            self._lohi_find("lohi.portal.client", kw["client_id"]) if kw.get("client_id") else None
        )
        service = (
            self._lohi_find("lohi.service.type", kw["service_id"]) if kw.get("service_id") else None
        )
        centre = self._lohi_find("lohi.centre", kw["centre_id"]) if kw.get("centre_id") else None
        return client, service or env["lohi.service.type"], centre

    @route(
        "/my/institution/appointments/book", type="http", auth="user", website=True, methods=["GET"]
    )
    def lohi_portal_book(self, **kw):
        self._lohi_require_institution()
        client, service, centre = self._lohi_booking_targets(kw)
        values = self._lohi_booking_values(
            client, service or None, centre, self._lohi_date(kw.get("day"))
        )
        return request.render("lohi_portal.portal_institution_book", values)

    @route(
        "/my/institution/appointments/book",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def lohi_portal_book_confirm(self, **kw):
        institution = self._lohi_require_institution()
        client, service, centre = self._lohi_booking_targets(kw)
        start = self._lohi_future(kw.get("start"))
        doctor_id = self._lohi_int(kw.get("doctor_id"))
        if not (client and service and centre and doctor_id):
            raise NotFound()
        try:
            appointment_sudo = (
                request.env["lohi.appointment"]
                .sudo()
                .create(
                    {
                        "partner_id": client.partner_id.id,
                        "doctor_id": doctor_id,
                        "centre_id": centre.id,
                        "service_type_id": service.id,
                        "start": start,
                        "channel": "online",
                        "note": request.env._(
                            "Booked on the portal by %(user)s (%(institution)s).",
                            user=request.env.user.name,
                            institution=institution.name,
                        ),
                    }
                )
            )
        except ValidationError as exc:
            values = self._lohi_booking_values(
                client, service, centre, self._lohi_local(start).date(), error=exc.args[0]
            )
            return request.render("lohi_portal.portal_institution_book", values)
        return request.redirect(
            "/my/institution/appointments?message=booked&ref=" + appointment_sudo.name
        )

    def _lohi_movable(self, appointment_id):
        appointment = self._lohi_find("lohi.portal.appointment", appointment_id)
        appointment_sudo = appointment.sudo().appointment_id
        if appointment_sudo.state not in ("requested", "confirmed") or (
            appointment_sudo.start <= fields.Datetime.now()
        ):
            raise Forbidden()
        return appointment, appointment_sudo

    @route(
        "/my/institution/appointments/<int:appointment_id>/move",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def lohi_portal_move(self, appointment_id, **kw):
        self._lohi_require_institution()
        appointment, appointment_sudo = self._lohi_movable(appointment_id)
        error = None
        if request.httprequest.method == "POST":
            start = self._lohi_future(kw.get("start"))
            doctor_id = self._lohi_int(kw.get("doctor_id")) or appointment_sudo.doctor_id.id
            try:
                appointment_sudo.with_context(
                    lohi_move_reason=request.env._("Moved on the partner portal")
                ).write({"start": start, "doctor_id": doctor_id})
            except ValidationError as exc:
                error = exc.args[0]
            else:
                return request.redirect("/my/institution/appointments?message=moved")
        day = self._lohi_date(kw.get("day"), appointment_sudo.local_date)
        values = self._lohi_booking_values(
            appointment.client_id,
            appointment_sudo.service_type_id,
            appointment_sudo.centre_id,
            day,
            appointment_sudo=appointment_sudo,
            error=error,
            page_name="lohi_inst_move",
            local=self._lohi_local,
        )
        return request.render("lohi_portal.portal_institution_move", values)

    @route(
        "/my/institution/appointments/<int:appointment_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def lohi_portal_cancel(self, appointment_id, reason=None, **kw):
        self._lohi_require_institution()
        __, appointment_sudo = self._lohi_movable(appointment_id)
        appointment_sudo.action_cancel()
        appointment_sudo.cancel_reason = (reason or "").strip()[:200] or request.env._(
            "Cancelled on the partner portal"
        )
        return request.redirect("/my/institution/appointments?message=cancelled")

    # ------------------------------------------------------------------ lab (X-5 logged)
    @route("/my/institution/lab", type="http", auth="user", website=True)
    def lohi_portal_lab(self, **kw):
        self._lohi_require_institution()
        orders = request.env["lohi.portal.lab.order"].search([])
        orders._lohi_log_view()
        values = self._lohi_inst_values("lohi_inst_lab", orders=orders)
        return request.render("lohi_portal.portal_institution_lab", values)

    @route("/my/institution/lab/<int:order_id>", type="http", auth="user", website=True)
    def lohi_portal_lab_order(self, order_id, **kw):
        self._lohi_require_institution()
        order = self._lohi_find("lohi.portal.lab.order", order_id)
        order._lohi_log_view()
        values = self._lohi_inst_values(
            "lohi_inst_lab_order",
            order=order,
            report_url=self._lohi_report_url(order) if order.report_available else False,
        )
        return request.render("lohi_portal.portal_institution_lab_order", values)

    @route("/my/institution/lab/<int:order_id>/report", type="http", auth="user", website=True)
    def lohi_portal_lab_report(self, order_id, expires=None, token=None, **kw):
        self._lohi_require_institution()
        order = self._lohi_find("lohi.portal.lab.order", order_id)
        expires = self._lohi_int(expires)
        expected = self._lohi_report_token(order.id, expires)
        if not token or not consteq(str(token), expected) or expires < time.time():
            raise Forbidden()
        if not order.report_available:
            raise Forbidden()
        report_sudo = order.sudo().order_id.report_ids.sorted("received_date", reverse=True)[:1]
        if not report_sudo.pdf:
            raise NotFound()
        request.env["lohi.access.log"].sudo()._record_access(
            order.sudo().partner_id, "report", ["pdf"], records=report_sudo
        )
        content = base64.b64decode(report_sudo.pdf)
        filename = report_sudo.pdf_filename or f"{report_sudo.report_ref}.pdf"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )

    # ------------------------------------------------------------------ requisitions
    def _lohi_requisition_products(self):
        return (
            request.env["product.product"]
            .sudo()
            .search([("is_storable", "=", True), ("purchase_ok", "=", True)], order="name")
        )

    @route("/my/institution/requisitions", type="http", auth="user", website=True)
    def lohi_portal_requisitions(self, **kw):
        self._lohi_require_institution()
        orders = request.env["stock.request.order"].search([], order="id desc")
        values = self._lohi_inst_values(
            "lohi_inst_requisitions",
            orders_sudo=orders.sudo(),
            message=kw.get("message"),
            tier_labels=self._lohi_tier_labels(),
        )
        return request.render("lohi_portal.portal_institution_requisitions", values)

    @route(
        "/my/institution/requisitions/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def lohi_portal_requisition_new(self, **kw):
        institution = self._lohi_require_institution()
        # The catalogue is not institution data: storable, purchasable products only.
        products_sudo = self._lohi_requisition_products()
        error = None
        if request.httprequest.method == "POST":
            lines = []
            for index in range(5):
                product_id = self._lohi_int(kw.get(f"product_{index}"))
                qty = self._lohi_int(kw.get(f"qty_{index}"))
                if product_id and qty > 0:
                    if product_id not in products_sudo.ids:
                        raise NotFound()
                    lines.append((products_sudo.browse(product_id), qty))
            try:
                order_sudo = self._lohi_create_requisition(institution, lines, kw.get("note"))
            except UserError as exc:
                error = exc.args[0]
            else:
                return request.redirect(f"/my/institution/requisitions/{order_sudo.id}")
        values = self._lohi_inst_values(
            "lohi_inst_requisition_new", products=products_sudo, error=error
        )
        return request.render("lohi_portal.portal_institution_requisition_new", values)

    def _lohi_create_requisition(self, institution, lines, note):
        env = request.env
        if not lines:
            raise UserError(env._("Choose at least one product and its quantity."))
        warehouse_sudo = institution.sudo().centre_id.warehouse_id
        if not warehouse_sudo:
            raise UserError(
                env._(
                    "Your institution has no serving centre with a warehouse yet; please "
                    "contact the expansion department."
                )
            )
        expected = fields.Datetime.now() + timedelta(days=7)
        location = warehouse_sudo.lot_stock_id
        order_sudo = (
            env["stock.request.order"]
            .sudo()
            .create(
                {
                    "lohi_institution_id": institution.id,
                    "requested_by": env.user.id,
                    "warehouse_id": warehouse_sudo.id,
                    "location_id": location.id,
                    "company_id": warehouse_sudo.company_id.id,
                    "expected_date": expected,
                    "stock_request_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_id": product.uom_id.id,
                                "product_uom_qty": qty,
                                "warehouse_id": warehouse_sudo.id,
                                "location_id": location.id,
                                "company_id": warehouse_sudo.company_id.id,
                                "expected_date": expected,
                                "requested_by": env.user.id,
                            }
                        )
                        for product, qty in lines
                    ],
                }
            )
        )
        if note and note.strip():
            order_sudo.message_post(body=note.strip()[:2000], author_id=env.user.partner_id.id)
        order_sudo.request_validation()
        return order_sudo

    @route(
        "/my/institution/requisitions/<int:order_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def lohi_portal_requisition(self, order_id, **kw):
        institution = self._lohi_require_institution()
        order = self._lohi_find("stock.request.order", order_id)
        order_sudo = order.sudo()
        error = None
        if request.httprequest.method == "POST":
            try:
                received = {
                    line.id: float(kw.get(f"received_{line.id}") or 0)
                    for line in order_sudo.stock_request_ids
                    if f"received_{line.id}" in kw
                }
                order._lohi_portal_confirm_receipt(
                    institution, received, kw.get("discrepancy_note")
                )
            except (UserError, AccessError, ValueError) as exc:
                error = exc.args[0] if exc.args else str(exc)
            else:
                return request.redirect(f"/my/institution/requisitions/{order.id}")
        values = self._lohi_inst_values(
            "lohi_inst_requisition",
            order_sudo=order_sudo,
            error=error,
            local=self._lohi_local,
            tier_labels=self._lohi_tier_labels(),
        )
        return request.render("lohi_portal.portal_institution_requisition", values)

    # ------------------------------------------------------------------ complaints
    @route("/my/institution/complaints", type="http", auth="user", website=True)
    def lohi_portal_complaints(self, **kw):
        self._lohi_require_institution()
        complaints = request.env["lohi.complaint"].search([])
        values = self._lohi_inst_values("lohi_inst_complaints", complaints_sudo=complaints.sudo())
        return request.render("lohi_portal.portal_institution_complaints", values)

    @route(
        "/my/institution/complaints/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def lohi_portal_complaint_new(self, **kw):
        institution = self._lohi_require_institution()
        clients = request.env["lohi.portal.client"].search([])
        error = None
        if request.httprequest.method == "POST":
            client = self._lohi_find("lohi.portal.client", kw.get("client_id"))
            description = (kw.get("description") or "").strip()
            category = kw.get("category")
            categories = dict(
                request.env["lohi.complaint"]
                ._fields["category"]
                ._description_selection(request.env)
            )
            if not description or category not in categories or category == "product_quality":
                error = request.env._("Choose a category and describe the problem.")
            else:
                complaint_sudo = self._lohi_file_complaint(
                    institution, client, category, description
                )
                return request.redirect(f"/my/institution/complaints/{complaint_sudo.id}")
        values = self._lohi_inst_values("lohi_inst_complaint_new", clients=clients, error=error)
        return request.render("lohi_portal.portal_institution_complaint_new", values)

    def _lohi_file_complaint(self, institution, client, category, description):
        env = request.env
        service_group = env.ref("lohi_clients.group_customer_service").sudo()
        admins = env.ref("lohi_clients.group_admin").sudo().users
        receivers = (service_group.users - admins).filtered("active").sorted("id")
        receiver = receivers[:1] or env.ref("base.user_admin").sudo()
        return (
            env["lohi.complaint"]
            .sudo()
            .create(
                {
                    "partner_id": client.partner_id.id,
                    "channel": "portal",
                    "category": category,
                    "description": description[:5000],
                    "owner_id": receiver.id,
                    "responsible_id": receiver.id,
                    "lohi_institution_id": institution.id,
                }
            )
        )

    @route(
        "/my/institution/complaints/<int:complaint_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def lohi_portal_complaint(self, complaint_id, message=None, **kw):
        self._lohi_require_institution()
        complaint = self._lohi_find("lohi.complaint", complaint_id)
        complaint_sudo = complaint.sudo()
        if request.httprequest.method == "POST":
            body = (message or "").strip()[:4000]
            if body and complaint_sudo.state not in ("closed", "cancelled"):
                complaint_sudo.message_post(
                    body=body,
                    author_id=request.env.user.partner_id.id,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=complaint_sudo.responsible_id.partner_id.ids,
                )
            return request.redirect(f"/my/institution/complaints/{complaint.id}")
        messages_sudo = complaint_sudo.message_ids.filtered(
            lambda m: m.message_type == "comment" and not m.subtype_id.internal
        ).sorted("id")
        values = self._lohi_inst_values(
            "lohi_inst_complaint", complaint_sudo=complaint_sudo, messages_sudo=messages_sudo
        )
        return request.render("lohi_portal.portal_institution_complaint", values)
