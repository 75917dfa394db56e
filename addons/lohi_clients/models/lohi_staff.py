from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class LohiStaff(models.Model):
    """A staff record (CLI-7 doctors, CLI-8 health managers, customer service, consulting
    dept): who they are, where they serve, what qualifies them."""

    _name = "lohi.staff"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Staff Record"
    _order = "staff_type, name, id"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
    )
    name = fields.Char(related="user_id.name", store=True, readonly=True)
    image_128 = fields.Image(related="user_id.image_128", readonly=True)
    staff_type = fields.Selection(
        [
            ("doctor", "Functional Doctor"),
            ("health_manager", "Health Manager"),
            ("customer_service", "Customer Service"),
            ("consulting", "Consulting Dept"),
        ],
        string="Role",
        required=True,
        default="doctor",
        index=True,
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    phone = fields.Char()
    email = fields.Char(related="user_id.email", readonly=True)
    employment = fields.Selection(
        [("full_time", "Full-time"), ("part_time", "Part-time (signed agreement)")],
        required=True,
        default="full_time",
    )
    agreement_attachment_ids = fields.Many2many(
        "ir.attachment", "lohi_staff_agreement_rel", "staff_id", "attachment_id", string="Agreement"
    )
    centre_ids = fields.Many2many(
        "lohi.centre", "lohi_staff_centre_rel", "staff_id", "centre_id", string="Service Centres"
    )
    service_regions = fields.Char()
    specialties = fields.Char()
    years_of_practice = fields.Integer()
    introduction = fields.Html()
    certificate_ids = fields.One2many("lohi.staff.certificate", "staff_id", string="Certificates")
    qualification_state = fields.Selection(
        [("none", "No Certificate"), ("pending", "To Verify"), ("verified", "Verified")],
        compute="_compute_qualification_state",
        store=True,
    )
    training_ids = fields.One2many("lohi.staff.training", "staff_id")
    case_ids = fields.One2many("lohi.staff.case", "staff_id", string="Success Cases")
    rating_ids = fields.One2many("lohi.staff.rating", "staff_id", string="Client Ratings")
    rating_avg = fields.Float(
        string="Average Rating", compute="_compute_rating", store=True, digits=(3, 2)
    )
    rating_count = fields.Integer(compute="_compute_rating", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "This user already has a staff record."),
        (
            "years_positive",
            "CHECK(years_of_practice >= 0)",
            "Years of practice cannot be negative.",
        ),
    ]

    @api.depends("certificate_ids.verified_on")
    def _compute_qualification_state(self):
        for staff in self:
            certificates = staff.certificate_ids
            if not certificates:
                staff.qualification_state = "none"
            elif all(c.verified_on for c in certificates):
                staff.qualification_state = "verified"
            else:
                staff.qualification_state = "pending"

    @api.depends("rating_ids.score")
    def _compute_rating(self):
        rows = self.env["lohi.staff.rating"]._read_group(
            [("staff_id", "in", self.ids)], ["staff_id"], ["score:avg", "__count"]
        )
        stats = {staff: (avg, count) for staff, avg, count in rows}
        for staff in self:
            staff.rating_avg, staff.rating_count = stats.get(staff, (0.0, 0))


class LohiStaffCertificate(models.Model):
    """A qualification certificate, verified by HQ (who, when)."""

    _name = "lohi.staff.certificate"
    _description = "Staff Certificate"
    _order = "staff_id, issued_on desc, id"

    staff_id = fields.Many2one("lohi.staff", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Certificate", required=True)
    number = fields.Char()
    issued_on = fields.Date()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "lohi_staff_certificate_rel",
        "certificate_id",
        "attachment_id",
        string="Scan",
    )
    verified_by_id = fields.Many2one("res.users", string="Verified by", readonly=True)
    verified_on = fields.Datetime(readonly=True)

    def write(self, vals):
        if {"verified_by_id", "verified_on"} & set(vals) and not self.env.su:
            raise UserError(self.env._("Use the Verify button to verify a certificate."))
        if (
            not self.env.su
            and self.filtered("verified_on")
            and set(vals) & {"name", "number", "issued_on", "attachment_ids"}
        ):
            raise UserError(self.env._("A verified certificate cannot be changed; add a new one."))
        return super().write(vals)

    def action_verify(self):
        user = self.env.user
        if not (
            user.has_group("lohi_clients.group_hq_operations")
            or user.has_group("lohi_clients.group_admin")
        ):
            raise AccessError(self.env._("Only HQ operations verifies qualifications."))
        for certificate in self:
            if certificate.verified_on:
                raise UserError(self.env._("%(name)s is already verified.", name=certificate.name))
            if not certificate.attachment_ids:
                raise UserError(
                    self.env._(
                        "Attach the scan of %(name)s before verifying it.", name=certificate.name
                    )
                )
        self.sudo().write({"verified_by_id": user.id, "verified_on": fields.Datetime.now()})
        return True


class LohiStaffTraining(models.Model):
    _name = "lohi.staff.training"
    _description = "Staff Training"
    _order = "date desc, id desc"

    staff_id = fields.Many2one("lohi.staff", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    name = fields.Char(string="Course", required=True)
    hours = fields.Float()
    organiser = fields.Char()
    note = fields.Text()


class LohiStaffCase(models.Model):
    """A success case a doctor shares with colleagues (no client identity in it)."""

    _name = "lohi.staff.case"
    _description = "Success Case"
    _order = "date desc, id desc"

    staff_id = fields.Many2one("lohi.staff", required=True, ondelete="cascade", index=True)
    date = fields.Date(default=fields.Date.context_today)
    name = fields.Char(string="Title", required=True)
    summary = fields.Text(
        help="Situation, approach, result. Write no name, phone or archive number."
    )


class LohiStaffRating(models.Model):
    """A client's rating of the doctor who served them (CLI-7, SUR-10)."""

    _name = "lohi.staff.rating"
    _description = "Client Rating of Staff"
    _order = "date desc, id desc"

    staff_id = fields.Many2one("lohi.staff", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    score = fields.Integer(required=True)
    comment = fields.Text(string="Suggestion")
    date = fields.Date(default=fields.Date.context_today)
    origin = fields.Char(help="Where the rating came from: app, portal, survey …")

    _sql_constraints = [
        ("score_range", "CHECK(score BETWEEN 1 AND 5)", "A rating is between 1 and 5."),
    ]
