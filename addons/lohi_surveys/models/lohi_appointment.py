from odoo import models


class LohiAppointment(models.Model):
    _inherit = "lohi.appointment"

    def write(self, vals):
        done_before = self.filtered(lambda a: a.state == "done")
        res = super().write(vals)
        if vals.get("state") == "done":
            (self - done_before)._lohi_invite_to_survey()
        return res

    def _lohi_invite_to_survey(self):
        """SUR-5: every completed visit at a direct-run centre gets a satisfaction survey
        invitation, sent as an SMS link (one per appointment, whatever happens twice)."""
        visits = self.sudo().filtered(lambda a: a.centre_id.centre_type == "direct")
        survey = self.env.ref("lohi_surveys.survey_client_satisfaction", raise_if_not_found=False)
        if not visits or not survey or not survey.sudo().active:
            return
        answers = self.env["survey.user_input"]._lohi_invite(
            survey,
            [
                {
                    "partner_id": visit.partner_id.id,
                    "lohi_appointment_id": visit.id,
                    "lohi_centre_id": visit.centre_id.id,
                    "lohi_doctor_id": visit.doctor_id.id,
                    "lohi_origin": "appointment",
                    "lohi_channel": "link",
                    "lohi_dedupe_key": f"visit:{visit.id}",
                }
                for visit in visits
            ],
        )
        messages = []
        for answer in answers:
            partner = answer.partner_id
            number = partner.mobile or partner.phone
            if not number or not partner.lohi_accepts_messages:
                continue
            messages.append(
                {
                    "partner_id": partner.id,
                    "number": number,
                    "body": self.env._(
                        "[Lohi Health] Dear %(name)s, thank you for your visit to %(centre)s. "
                        "Please tell us how we did: %(link)s",
                        name=partner.name,
                        centre=answer.lohi_centre_id.name,
                        link=answer._lohi_link(),
                    ),
                    "origin": self.env._("Satisfaction survey"),
                    "dedupe_key": f"lohi_surveys.visit.{answer.lohi_appointment_id.id}",
                }
            )
        if messages:
            self.env["lohi.sms.message"]._queue(messages)
