"""Server-side guards shared by the suite's documents on approval tiers (OCA
base_tier_validation): destruction applications (STK-11), month-end counts (STK-10) and
purchase proposals (STK-3)."""

from odoo.exceptions import UserError


def all_reviews_approved(record):
    """True when the document has reviews and every one of them is approved."""
    record.ensure_one()
    reviews = record.sudo().review_ids
    return bool(reviews) and all(review.status == "approved" for review in reviews)


def check_review_turn(record):
    """Refuse a validation or rejection unless the document waits for approval and a
    review of it waits for the current user; return the sequences the user may approve."""
    record.ensure_one()
    env = record.env
    if record.state != "to_approve":
        raise UserError(env._("%(name)s is not waiting for approval.", name=record.name))
    sequences = record._get_sequences_to_approve(env.user)
    if not sequences:
        raise UserError(env._("%(name)s has no review waiting for you.", name=record.name))
    return sequences
