from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

TARGET_GROUPS = (
    "lohi_clients.group_customer_service",
    "lohi_clients.group_cc_supervisor",
    "lohi_clients.group_admin",
)


class LohiSurveyTarget(models.TransientModel):
    """SUR-2: find the clients due for a survey by service dates, items experienced and
    products bought, then invite them by SMS or give the call centre call tasks."""

    _name = "lohi.survey.target"
    _description = "Find Clients to Survey"

    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain=[("lohi_kind", "=", "client")],
        default=lambda self: self.env.ref(
            "lohi_surveys.survey_client_satisfaction", raise_if_not_found=False
        ),
    )
    date_from = fields.Date(
        string="Served From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=30),
    )
    date_to = fields.Date(string="Served Until", required=True, default=fields.Date.context_today)
    centre_ids = fields.Many2many("lohi.centre", string="Centres")
    service_type_ids = fields.Many2many(
        "lohi.service.type",
        string="Services Experienced",
        help="Completed visits of these services.",
    )
    test_ids = fields.Many2many(
        "lohi.lab.test", string="Tests Experienced", help="Lab orders with these tests."
    )
    product_ids = fields.Many2many(
        "product.product", string="Products Bought", help="Signed or shipped prescriptions."
    )
    skip_days = fields.Integer(
        string="Not Surveyed for (Days)",
        default=30,
        help="Leave out clients invited or surveyed within this many days.",
    )
    mode = fields.Selection(
        [("sms", "Send SMS Invitations"), ("call", "Create Call Tasks")],
        required=True,
        default="sms",
    )
    partner_ids = fields.Many2many("res.partner", string="Clients")
    searched = fields.Boolean(readonly=True)

    def _check_rights(self):
        if not any(self.env.user.has_group(g) for g in TARGET_GROUPS):
            raise AccessError(
                self.env._("Only customer service and call-centre supervisors target surveys.")
            )

    @api.model
    def _bounds(self, date_from, date_to):
        return datetime.combine(date_from, time.min), datetime.combine(
            date_to + timedelta(days=1), time.min
        )

    def _find_partners(self):
        """Clients matching any of the chosen items (or served at all when no item is
        chosen) in the period, at the chosen centres, not surveyed recently."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        start, stop = self._bounds(self.date_from, self.date_to)
        centre = [("centre_id", "in", self.centre_ids.ids)] if self.centre_ids else []
        any_item = self.service_type_ids or self.test_ids or self.product_ids
        partners = set()
        if self.service_type_ids or not any_item:
            domain = [("state", "=", "done"), ("start", ">=", start), ("start", "<", stop), *centre]
            if self.service_type_ids:
                domain.append(("service_type_id", "in", self.service_type_ids.ids))
            rows = self.env["lohi.appointment"].sudo()._read_group(domain, ["partner_id"])
            partners.update(p.id for (p,) in rows)
        if self.test_ids or not any_item:
            domain = [
                ("state", "!=", "cancel"),
                ("date_order", ">=", start),
                ("date_order", "<", stop),
                *centre,
            ]
            if self.test_ids:
                domain.append(("line_ids.test_id", "in", self.test_ids.ids))
            rows = self.env["lohi.lab.order"].sudo()._read_group(domain, ["partner_id"])
            partners.update(p.id for (p,) in rows)
        if self.product_ids or not any_item:
            domain = [
                ("state", "in", ("confirmed", "shipped")),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                *centre,
            ]
            if self.product_ids:
                domain.append(("line_ids.product_id", "in", self.product_ids.ids))
            rows = self.env["lohi.lab.prescription"].sudo()._read_group(domain, ["partner_id"])
            partners.update(p.id for (p,) in rows)
        if partners and self.skip_days > 0:
            since = fields.Datetime.now() - timedelta(days=self.skip_days)
            recent = (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", list(partners)),
                        ("lohi_kind", "=", "client"),
                        ("create_date", ">=", since),
                    ],
                    ["partner_id"],
                )
            )
            partners -= {p.id for (p,) in recent}
        return self.env["res.partner"].sudo().browse(sorted(partners)).filtered("lohi_is_client")

    def action_search(self):
        self._check_rights()
        self.partner_ids = [Command.set(self._find_partners().ids)]
        self.searched = True
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_apply(self):
        """Invite the listed clients (SMS link) or give agents call tasks; a client is
        never invited twice for the same survey and period."""
        self._check_rights()
        if not self.partner_ids:
            raise UserError(self.env._("No client to survey: search first."))
        key = f"target:{self.survey_id.id}:{self.date_from}:{self.date_to}"
        partners = self.partner_ids.sudo()
        if self.mode == "sms":
            answers = self.env["survey.user_input"]._lohi_invite(
                self.survey_id,
                [
                    {
                        "partner_id": partner.id,
                        "lohi_origin": "other",
                        "lohi_channel": "link",
                        "lohi_dedupe_key": f"{key}:{partner.id}",
                    }
                    for partner in partners
                ],
            )
            messages = [
                {
                    "partner_id": answer.partner_id.id,
                    "number": answer.partner_id.mobile,
                    "body": self.env._(
                        "[Lohi Health] Dear %(name)s, please tell us how satisfied you are "
                        "with our service: %(link)s",
                        name=answer.partner_id.name,
                        link=answer._lohi_link(),
                    ),
                    "origin": self.env._("Satisfaction survey"),
                    "dedupe_key": f"lohi_surveys.{answer.lohi_dedupe_key}",
                }
                for answer in answers
                if answer.partner_id.mobile and answer.partner_id.lohi_accepts_messages
            ]
            if messages:
                self.env["lohi.sms.message"]._queue(messages)
            count = len(answers)
        else:
            count = len(self._create_call_tasks(partners, key))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s clients to survey.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _create_call_tasks(self, partners, key):
        activity_type = self.env.ref("lohi_surveys.mail_activity_type_satisfaction_call")
        existing = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        busy = set(existing.mapped("res_id"))
        todo = partners.filtered(lambda p: p.id not in busy)
        agents = self.env["lohi.survey.callback"]._lohi_agents()
        model_id = self.env["ir.model"]._get_id("res.partner")
        return (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": activity_type.id,
                        "user_id": agents[i % len(agents)].id if agents else self.env.uid,
                        "date_deadline": fields.Date.context_today(self) + timedelta(days=7),
                        "summary": self.env._(
                            "Satisfaction survey call: %(survey)s", survey=self.survey_id.title
                        ),
                    }
                    for i, partner in enumerate(todo)
                ]
            )
        )
