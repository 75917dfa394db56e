from odoo import fields, models, tools
from odoo.tools import SQL


class LohiPortalAppointment(models.Model):
    """The appointments of the clients an institution referred, as its portal shows them
    (POR-1): time, place, doctor, service and status; no notes, no contact data.

    Booking, moving and cancelling go through ``lohi.appointment`` itself (the controller
    checks this view's record rule first, then acts with the availability method APT-3).
    """

    _name = "lohi.portal.appointment"
    _description = "Referred Client's Appointment (Portal)"
    _auto = False
    _order = "start, id"

    appointment_id = fields.Many2one("lohi.appointment", readonly=True)
    name = fields.Char(string="Reference", readonly=True)
    client_id = fields.Many2one("lohi.portal.client", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    doctor_id = fields.Many2one("res.users", readonly=True)
    centre_id = fields.Many2one("lohi.centre", readonly=True)
    service_type_id = fields.Many2one("lohi.service.type", string="Service", readonly=True)
    start = fields.Datetime(readonly=True)
    stop = fields.Datetime(readonly=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("confirmed", "Confirmed"),
            ("arrived", "Arrived"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("no_show", "No-show"),
        ],
        readonly=True,
    )
    channel = fields.Selection(
        [("phone", "Phone"), ("onsite", "On Site"), ("online", "Online")], readonly=True
    )
    institution_id = fields.Many2one("lohi.institution", readonly=True)
    institution_partner_id = fields.Many2one("res.partner", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT a.id AS id,
                           a.id AS appointment_id,
                           a.name AS name,
                           p.id AS client_id,
                           p.id AS partner_id,
                           a.doctor_id AS doctor_id,
                           a.centre_id AS centre_id,
                           a.service_type_id AS service_type_id,
                           a.start AS start,
                           a.stop AS stop,
                           a.state AS state,
                           a.channel AS channel,
                           p.lohi_institution_id AS institution_id,
                           i.partner_id AS institution_partner_id
                      FROM lohi_appointment a
                      JOIN res_partner p ON p.id = a.partner_id
                      JOIN lohi_institution i ON i.id = p.lohi_institution_id
                     WHERE p.lohi_is_client AND p.active
                )
                """,
                SQL.identifier(self._table),
            )
        )
