from datetime import datetime, timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

PORTAL_CLIENT = "lohi_portal_client.group_portal_client"
UPCOMING_STATES = ("requested", "confirmed", "arrived")


class LohiClientPortal(CustomerPortal):
    """Clients on the portal (issue 9): own visits, appointment requests (APT-1), reviewed
    reports (LAB-7, X-5), doctor ratings (CLI-7), surveys and the doctor conversation.

    Every record is first searched or checked as the client, through the record rules of
    group_portal_client; only then is it read with a narrow sudo() for display. Anything
    else answers 404.
    """

    # ------------------------------------------------------------------ helpers
    def _lohi_client(self):
        """The client partner of the logged-in portal user (sudo), or 404."""
        user = request.env.user
        if not user.has_group(PORTAL_CLIENT):
            raise NotFound()
        partner_sudo = user.partner_id.sudo()
        if not partner_sudo.lohi_is_client:
            raise NotFound()
        return partner_sudo

    def _lohi_record(self, model, record_id):
        """``record_id`` of ``model`` if the client may read it (record rules), as sudo."""
        record = request.env[model].browse(int(record_id))
        try:
            record.check_access("read")
            record_sudo = record.sudo().exists()
        except (AccessError, MissingError):
            raise NotFound() from None
        if not record_sudo:
            raise NotFound()
        return record_sudo

    def _lohi_client_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(values, page_name=page_name, lohi_client=self._lohi_client())
        return result

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        if not user.has_group(PORTAL_CLIENT):
            return values
        if "lohi_visit_count" in counters:
            values["lohi_visit_count"] = request.env["lohi.appointment"].search_count(
                [("state", "in", UPCOMING_STATES), ("stop", ">=", fields.Datetime.now())]
            )
        if "lohi_report_count" in counters:
            values["lohi_report_count"] = request.env["lohi.lab.report"].search_count([])
        if "lohi_client_survey_count" in counters:
            values["lohi_client_survey_count"] = request.env["survey.user_input"].search_count(
                self._lohi_client_survey_domain() + [("state", "!=", "done")]
            )
        return values

    # ------------------------------------------------------------------ visits (APT-1)
    @route("/my/health/visits", type="http", auth="user", website=True)
    def lohi_visits(self, **kw):
        self._lohi_client()
        Appointment = request.env["lohi.appointment"]
        now = fields.Datetime.now()
        upcoming = Appointment.search(
            [("state", "in", UPCOMING_STATES), ("stop", ">=", now)], order="start asc"
        )
        past = Appointment.search([("id", "not in", upcoming.ids)], order="start desc", limit=30)
        rateable = set(past._lohi_portal_rateable().ids)
        values = self._lohi_client_values(
            "lohi_visits",
            upcoming=upcoming.sudo(),
            past=past.sudo(),
            rateable=rateable,
            # only the name of an own request, never text from the URL
            requested=upcoming.sudo().filtered(lambda a: a.name == kw.get("requested"))[:1].name,
            rated=kw.get("rated"),
        )
        return request.render("lohi_portal_client.portal_my_visits", values)

    def _lohi_request_values(self, kw, error=None):
        partner_sudo = self._lohi_client()
        services = request.env["lohi.service.type"].search([])
        centres_sudo = (
            request.env["lohi.centre"].sudo().search([("lohi_schedule_ids", "!=", False)])
        )
        centre_sudo = centres_sudo.filtered(
            lambda c: str(c.id) == kw.get("centre_id")
        ) or centres_sudo.filtered(lambda c: c == partner_sudo.lohi_centre_id)
        centre_sudo = centre_sudo[:1] or centres_sudo[:1]
        doctors_sudo = centre_sudo.lohi_schedule_ids.filtered("active").doctor_id
        doctor_sudo = doctors_sudo.filtered(lambda d: str(d.id) == kw.get("doctor_id"))
        if "doctor_id" not in kw:
            doctor_sudo = doctors_sudo.filtered(lambda d: d == partner_sudo.lohi_doctor_id)
        service = services.filtered(lambda s: str(s.id) == kw.get("service_id"))[:1]
        tz = pytz.timezone(centre_sudo.tz or "Asia/Shanghai")
        today = datetime.now(tz).date()
        try:
            day = fields.Date.to_date(kw.get("date")) or today + timedelta(days=1)
        except ValueError:
            day = today + timedelta(days=1)
        slots = []
        if service and centre_sudo and kw.get("search"):
            raw = request.env["lohi.appointment"]._lohi_portal_free_slots(
                service, centre_sudo, doctor_sudo, day
            )
            names = {d.id: d.name for d in doctors_sudo}
            for slot in raw:
                local = pytz.utc.localize(slot["start"]).astimezone(tz)
                slots.append(
                    {
                        "value": f"{slot['doctor_id']}|{fields.Datetime.to_string(slot['start'])}",
                        "day": local.strftime("%Y-%m-%d"),
                        "time": local.strftime("%H:%M"),
                        "doctor": names.get(slot["doctor_id"], ""),
                    }
                )
        return self._lohi_client_values(
            "lohi_visit_request",
            services=services,
            centres=centres_sudo,
            centre=centre_sudo,
            doctors=doctors_sudo,
            doctor=doctor_sudo,
            service=service,
            day=day,
            slots=slots,
            searched=bool(kw.get("search") and service and centre_sudo),
            note=kw.get("note", ""),
            error=error,
        )

    @route("/my/health/visits/request", type="http", auth="user", website=True, methods=["GET"])
    def lohi_visit_request(self, **kw):
        return request.render(
            "lohi_portal_client.portal_visit_request", self._lohi_request_values(kw)
        )

    @route("/my/health/visits/request", type="http", auth="user", website=True, methods=["POST"])
    def lohi_visit_request_post(self, **kw):
        self._lohi_client()
        doctor_text, __, start_text = (kw.get("slot") or "").partition("|")
        Appointment = request.env["lohi.appointment"]
        try:
            if not doctor_text.isdigit() or not start_text:
                raise UserError(request.env._("Choose one of the free times."))
            with request.env.cr.savepoint():
                appointment = Appointment._lohi_portal_request(
                    request.env["lohi.service.type"].browse(int(kw.get("service_id") or 0)),
                    request.env["lohi.centre"].browse(int(kw.get("centre_id") or 0)),
                    request.env["res.users"].browse(int(doctor_text)),
                    fields.Datetime.to_datetime(start_text),
                    note=kw.get("note"),
                )
        except (UserError, ValidationError, ValueError) as error:
            message = error.args[0] if error.args else str(error)
            values = self._lohi_request_values(dict(kw, search="1"), error=message)
            return request.render("lohi_portal_client.portal_visit_request", values)
        return request.redirect(f"/my/health/visits?requested={appointment.sudo().name}")

    # ------------------------------------------------------------------ ratings (CLI-7)
    @route(
        "/my/health/visits/<int:appointment_id>/rate",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def lohi_visit_rate(self, appointment_id, **kw):
        self._lohi_client()
        visit_sudo = self._lohi_record("lohi.appointment", appointment_id)
        values = self._lohi_client_values(
            "lohi_visit_rate",
            visit=visit_sudo,
            can_rate=visit_sudo.with_env(request.env)._lohi_portal_can_rate(),
            error=kw.get("error"),
        )
        return request.render("lohi_portal_client.portal_visit_rate", values)

    @route(
        "/my/health/visits/<int:appointment_id>/rate",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def lohi_visit_rate_post(self, appointment_id, score=None, comment=None, **kw):
        self._lohi_client()
        visit_sudo = self._lohi_record("lohi.appointment", appointment_id)
        visit = visit_sudo.with_env(request.env)
        try:
            with request.env.cr.savepoint():
                visit._lohi_portal_rate(score, comment)
        except UserError as error:
            values = self._lohi_client_values(
                "lohi_visit_rate",
                visit=visit_sudo,
                can_rate=visit._lohi_portal_can_rate(),
                error=error.args[0],
            )
            return request.render("lohi_portal_client.portal_visit_rate", values)
        return request.redirect("/my/health/visits?rated=1")

    # ------------------------------------------------------------------ reports (LAB-7, X-5)
    @route("/my/health/reports", type="http", auth="user", website=True)
    def lohi_reports(self, **kw):
        self._lohi_client()
        reports = request.env["lohi.lab.report"].search([])
        values = self._lohi_client_values("lohi_reports", reports=reports.sudo())
        return request.render("lohi_portal_client.portal_my_reports", values)

    @route("/my/health/reports/<int:report_id>", type="http", auth="user", website=True)
    def lohi_report(self, report_id, **kw):
        self._lohi_client()
        report_sudo = self._lohi_record("lohi.lab.report", report_id)
        report = report_sudo.with_env(request.env)
        report._lohi_portal_log("portal")
        values = self._lohi_client_values(
            "lohi_report",
            report=report_sudo,
            download_url=f"/my/health/reports/{report_sudo.id}/pdf"
            f"?token={report._lohi_portal_token()}",
        )
        return request.render("lohi_portal_client.portal_my_report", values)

    @route("/my/health/reports/<int:report_id>/pdf", type="http", auth="user", website=True)
    def lohi_report_pdf(self, report_id, token=None, **kw):
        self._lohi_client()
        report_sudo = self._lohi_record("lohi.lab.report", report_id)
        report = report_sudo.with_env(request.env)
        if not report._lohi_portal_check_token(token):
            raise NotFound()
        report._lohi_portal_log("report")
        stream = request.env["ir.binary"]._get_stream_from(
            report_sudo, "pdf", filename=report_sudo.pdf_filename or f"{report_sudo.report_ref}.pdf"
        )
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------ surveys (SUR-1, SUR-5)
    def _lohi_client_survey_domain(self):
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("lohi_kind", "!=", "institution"),
        ]

    @route("/my/health/surveys", type="http", auth="user", website=True)
    def lohi_surveys(self, **kw):
        self._lohi_client()
        answers = request.env["survey.user_input"].search(
            self._lohi_client_survey_domain(), order="create_date desc", limit=50
        )
        values = self._lohi_client_values(
            "lohi_client_surveys", answers=answers.sudo(), now=fields.Datetime.now()
        )
        return request.render("lohi_portal_client.portal_my_surveys", values)

    # ------------------------------------------------------------------ conversation (CLI-7)
    @route("/my/health/doctor", type="http", auth="user", website=True)
    def lohi_conversation(self, **kw):
        self._lohi_client()
        try:
            conversation = request.env["lohi.conversation"]._lohi_for_current_client()
        except UserError as error:
            values = self._lohi_client_values(
                "lohi_conversation", conversation=None, error=error.args[0]
            )
            return request.render("lohi_portal_client.portal_my_conversation", values)
        conversation._lohi_mark_read_by_client()
        request.env["lohi.access.log"]._record_access(
            conversation.sudo().partner_id, "portal", ["message_ids"], records=conversation
        )
        values = self._lohi_client_values(
            "lohi_conversation", conversation=conversation.sudo(), object=conversation
        )
        return request.render("lohi_portal_client.portal_my_conversation", values)
