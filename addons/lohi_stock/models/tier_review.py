from odoo import api, models
from odoo.exceptions import AccessError, UserError

DECISIONS = ("approved", "rejected")
PROTECTED_FIELDS = {"model", "res_id", "definition_id", "sequence", "requested_by"}


class TierReview(models.Model):
    """Only the named reviewer decides a review (STYLE §3, STK-8, STK-12).

    OCA's ACL lets any internal user write ``tier.review``; a centre user could set
    ``status='approved'`` over RPC. Decisions are checked here on the server: the user
    must be one of the review's reviewers, the review must be open, earlier tiers of an
    approve-in-sequence chain must be approved first, and a rejected requisition needs a
    reason.
    """

    _inherit = "tier.review"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("status") in DECISIONS or vals.get("done_by"):
                    raise AccessError(self.env._("A review can only be decided by its reviewer."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if PROTECTED_FIELDS & set(vals):
                raise AccessError(
                    self.env._("The document and tier of a review cannot be changed.")
                )
            if vals.get("status") in DECISIONS or "done_by" in vals:
                self._lohi_check_decision(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            decided = self.filtered(lambda r: r.status in DECISIONS)
            for review in decided:
                record = self.env[review.model].browse(review.res_id)
                if not record._check_state_from_condition():
                    raise AccessError(
                        self.env._("Decided reviews of a released document are kept.")
                    )
        return super().unlink()

    def _lohi_check_decision(self, vals):
        user = self.env.user
        if vals.get("done_by") and vals["done_by"] != user.id:
            raise AccessError(self.env._("A review is signed by the user deciding it."))
        for review in self:
            if user not in review.reviewer_ids:
                raise AccessError(
                    self.env._(
                        "%(user)s is not a reviewer of “%(tier)s”: only %(todo)s may "
                        "approve or reject it.",
                        user=user.name,
                        tier=review.name,
                        todo=review.todo_by or "",
                    )
                )
            if review.status not in ("waiting", "pending"):
                raise UserError(
                    self.env._("The review “%(tier)s” is already decided.", tier=review.name)
                )
            if review.approve_sequence:
                siblings = self.sudo().search(
                    [
                        ("model", "=", review.model),
                        ("res_id", "=", review.res_id),
                        ("sequence", "<", review.sequence),
                        ("status", "!=", "approved"),
                    ],
                    limit=1,
                )
                if siblings:
                    raise UserError(
                        self.env._(
                            "“%(tier)s” comes after “%(previous)s”, which is not approved yet.",
                            tier=review.name,
                            previous=siblings.name,
                        )
                    )
            if (
                vals.get("status") == "rejected"
                and review.model == "stock.request.order"
                and not (vals.get("comment") or review.comment or "").strip()
            ):
                raise UserError(
                    self.env._("Give the reason for rejecting “%(tier)s”.", tier=review.name)
                )
