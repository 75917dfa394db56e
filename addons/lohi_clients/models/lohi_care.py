from datetime import datetime

import pytz

from odoo import fields, models, tools

CHINA_TZ = pytz.timezone("Asia/Shanghai")


def today_in_china():
    return datetime.now(CHINA_TZ).date()


class LohiHoliday(models.Model):
    """A dated holiday for greetings (CLI-13). Lunar festivals (春节, 端午, 中秋) move in
    the Gregorian calendar, so each year's date is its own record."""

    _name = "lohi.holiday"
    _description = "Greeting Holiday"
    _order = "date desc, id"

    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    greeting = fields.Text(
        required=True,
        help="Sent to clients who accept messages. {name} is replaced by the client's name "
        "and title, e.g. 王先生.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_date_uniq", "unique(name, date)", "This holiday is already on that date."),
    ]


class LohiCareEvent(models.Model):
    """What the personal-care crons did for a client, once per occasion: the unique key
    makes every cron idempotent (run twice on a day, it sends nothing twice)."""

    _name = "lohi.care.event"
    _description = "Personal Care Event"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(
        [
            ("birthday", "Birthday"),
            ("holiday", "Holiday Greeting"),
            ("marketing", "Marketing"),
            ("revisit", "Re-visit"),
        ],
        required=True,
    )
    key = fields.Char(required=True, help="The occasion: the year of a birthday, the holiday …")
    date = fields.Date(required=True, default=fields.Date.context_today)
    sms_id = fields.Many2one("lohi.sms.message", string="Message", ondelete="set null")

    _sql_constraints = [
        (
            "occasion_uniq",
            "unique(partner_id, kind, key)",
            "This client was already cared for on this occasion.",
        ),
    ]

    def init(self):
        # The crons look for the clients without an event of an occasion and for the
        # highest client id cared for on it (res.partner._lohi_care_query).
        tools.create_index(
            self.env.cr,
            "lohi_care_event_kind_key_partner_idx",
            self._table,
            ["kind", "key", "partner_id"],
        )
