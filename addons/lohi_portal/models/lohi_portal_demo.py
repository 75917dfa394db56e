from datetime import timedelta

import pytz

from odoo import api, fields, models


class LohiPortalAppointmentDemo(models.Model):
    _inherit = "lohi.appointment"

    @api.model
    def _lohi_portal_demo_appointments(self, plan):
        """Book demo appointments for referred clients in free slots (X-2).

        ``plan``: list of (client, doctor, centre, service, day offset) ids."""
        this = self.sudo().with_context(mail_create_nolog=True, tracking_disable=True)
        if this.search_count([("partner_id", "in", [p[0] for p in plan])]):
            return
        now = fields.Datetime.now()
        today = pytz.utc.localize(now).astimezone(pytz.timezone("Asia/Shanghai")).date()
        for client_id, doctor_id, centre_id, service_id, offset in plan:
            service = self.env["lohi.service.type"].browse(service_id)
            doctor = self.env["res.users"].browse(doctor_id)
            centre = self.env["lohi.centre"].browse(centre_id)
            day = today + timedelta(days=offset)
            slots = this._find_free_slots(
                service, day, day + timedelta(days=5), doctor=doctor, centre=centre
            )
            if not slots:
                continue
            slot = slots[min(3, len(slots) - 1)]
            this.create(
                {
                    "partner_id": client_id,
                    "doctor_id": doctor.id,
                    "centre_id": centre.id,
                    "service_type_id": service.id,
                    "start": slot["start"],
                    "channel": "phone",
                }
            )
