from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

PORTAL_CLIENT = "lohi_portal_client.group_portal_client"


class LohiConversation(models.Model):
    """The online conversation between a client and their functional doctor (CLI-7).

    One per client and doctor. The client writes in the portal chatter under /my, the
    doctor in the backend chatter; every client message notifies the doctor and counts
    as unread until the doctor answers or marks it read. Only the client, the doctor,
    the branch director of the client's centre (read only) and the Lohi administrator
    see it (record rules).
    """

    _name = "lohi.conversation"
    _inherit = ["mail.thread"]
    _description = "Client–Doctor Conversation"
    _order = "last_message_date desc, id desc"
    # The client posts with read access (record rule on their own partner); the
    # portal never gives them write access to the record itself.
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        domain=[("lohi_is_client", "=", True)],
    )
    doctor_id = fields.Many2one(
        "res.users",
        string="Functional Doctor",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
    )
    centre_id = fields.Many2one(
        "lohi.centre",
        string="Branch Centre",
        compute="_compute_centre_id",
        store=True,
        index=True,
    )
    last_message_date = fields.Datetime(readonly=True, copy=False, index=True)
    last_client_message_date = fields.Datetime(
        string="Last Client Message", readonly=True, copy=False
    )
    doctor_unread = fields.Integer(
        string="Unread",
        default=0,
        readonly=True,
        copy=False,
        help="Client messages the doctor has not answered or marked read yet.",
    )
    client_unread = fields.Integer(
        string="Unread by Client",
        default=0,
        readonly=True,
        copy=False,
        help="Doctor replies the client has not opened on the portal yet.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "client_doctor_uniq",
            "unique(partner_id, doctor_id)",
            "This client already has a conversation with this doctor.",
        ),
    ]

    @api.depends("partner_id.name", "doctor_id.name")
    def _compute_name(self):
        for conversation in self:
            # names only, nothing to translate
            conversation.name = (
                f"{conversation.partner_id.name or ''} ↔ {conversation.doctor_id.name or ''}"
            )

    @api.depends("partner_id.lohi_centre_id")
    def _compute_centre_id(self):
        for conversation in self:
            conversation.centre_id = conversation.partner_id.lohi_centre_id

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].sudo().browse([v.get("partner_id") for v in vals_list])
        by_id = {p.id: p for p in partners}
        for vals in vals_list:
            partner = by_id.get(vals.get("partner_id"))
            if not partner or not partner.lohi_is_client:
                raise ValidationError(self.env._("A conversation is held with a client."))
            if partner.lohi_doctor_id.id != vals.get("doctor_id"):
                raise ValidationError(
                    self.env._(
                        "%(client)s talks online with their own functional doctor only.",
                        client=partner.name,
                    )
                )
        conversations = super(LohiConversation, self.with_context(mail_create_nolog=True)).create(
            vals_list
        )
        for conversation in conversations:
            conversation.sudo().message_subscribe(
                partner_ids=(conversation.partner_id | conversation.doctor_id.partner_id).ids
            )
        return conversations

    @api.model
    def _lohi_for_current_client(self):
        """The conversation of the portal client at hand with their functional doctor,
        created on first use. The checks come before the narrow sudo()."""
        user = self.env.user
        if not user.has_group(PORTAL_CLIENT):
            raise AccessError(self.env._("Only clients with a portal login talk with a doctor."))
        partner_sudo = user.partner_id.sudo()
        if not partner_sudo.lohi_is_client or not partner_sudo.lohi_doctor_id:
            raise UserError(
                self.env._("No functional doctor is assigned to you yet: please call us.")
            )
        domain = [
            ("partner_id", "=", partner_sudo.id),
            ("doctor_id", "=", partner_sudo.lohi_doctor_id.id),
        ]
        conversation = self.search(domain, limit=1)
        if not conversation:
            conversation_sudo = self.sudo().with_context(active_test=False).search(domain, limit=1)
            if not conversation_sudo:
                conversation_sudo = self.sudo().create(
                    {"partner_id": partner_sudo.id, "doctor_id": partner_sudo.lohi_doctor_id.id}
                )
            conversation_sudo.active = True
            conversation = self.browse(conversation_sudo.id)
        conversation.check_access("read")
        return conversation

    def message_post(self, **kwargs):
        self.ensure_one()
        self._lohi_check_may_post()
        author_partner = self.env.user.partner_id
        if kwargs.get("author_id"):
            author_partner = self.env["res.partner"].browse(kwargs["author_id"])
        from_client = author_partner == self.partner_id
        if from_client:
            # The doctor hears of every client message, even after unfollowing.
            self.sudo().message_subscribe(partner_ids=self.doctor_id.partner_id.ids)
        message = super().message_post(**kwargs)
        # Whatever subtype the client sends counts for the doctor; the doctor's internal
        # notes are no answer to the client.
        if message.message_type != "comment" or (not from_client and message.subtype_id.internal):
            return message
        self.env.cr.execute(
            SQL(
                """UPDATE lohi_conversation
                      SET last_message_date = now() AT TIME ZONE 'UTC',
                          last_client_message_date = CASE WHEN %(client)s
                              THEN now() AT TIME ZONE 'UTC' ELSE last_client_message_date END,
                          doctor_unread = CASE WHEN %(client)s
                              THEN COALESCE(doctor_unread, 0) + 1 ELSE 0 END,
                          client_unread = CASE WHEN %(client)s
                              THEN 0 ELSE COALESCE(client_unread, 0) + 1 END
                    WHERE id = %(id)s""",
                client=from_client,
                id=self.id,
            )
        )
        self.invalidate_recordset(
            ["last_message_date", "last_client_message_date", "doctor_unread", "client_unread"]
        )
        return message

    def _get_access_action(self, access_uid=None, force_website=False):
        """Links in the notification e-mails take the client to the portal page (after
        login); no access token is ever made for a conversation."""
        self.ensure_one()
        user = self.env["res.users"].sudo().browse(access_uid) if access_uid else self.env.user
        if user.share or force_website:
            return {
                "type": "ir.actions.act_url",
                "url": "/my/health/doctor",
                "target": "self",
                "target_type": "public",
                "res_id": self.id,
            }
        return super()._get_access_action(access_uid=access_uid, force_website=force_website)

    def _lohi_check_may_post(self):
        """Only the client and the doctor talk here (the administrator and the system,
        e.g. the mail gateway, too); a branch director reads without writing."""
        user = self.env.user
        if user._is_superuser() or user.has_group("lohi_clients.group_admin"):
            return
        if user.partner_id not in (self.partner_id | self.doctor_id.partner_id):
            raise AccessError(
                self.env._(
                    "Only %(client)s and %(doctor)s write in this conversation.",
                    client=self.partner_id.name,
                    doctor=self.doctor_id.name,
                )
            )

    def action_mark_read(self):
        """The doctor has read the client's messages without answering yet."""
        user = self.env.user
        for conversation in self:
            if conversation.doctor_id != user and not user.has_group("lohi_clients.group_admin"):
                raise AccessError(
                    self.env._(
                        "Only %(doctor)s marks this conversation read.",
                        doctor=conversation.doctor_id.name,
                    )
                )
        self.check_access("write")
        self.sudo().write({"doctor_unread": 0})
        return True

    def _lohi_mark_read_by_client(self):
        """The client opened the conversation on the portal."""
        self.check_access("read")
        if self.filtered(lambda c: c.partner_id != self.env.user.partner_id):
            raise AccessError(self.env._("This is not your conversation."))
        self.sudo().filtered("client_unread").write({"client_unread": 0})

    def write(self, vals):
        protected = {"partner_id", "doctor_id", "doctor_unread", "client_unread"}
        if not self.env.su and protected & set(vals):
            raise UserError(
                self.env._(
                    "The client, doctor and counters of a conversation are set by the system."
                )
            )
        return super().write(vals)
