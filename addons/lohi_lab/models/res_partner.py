from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    lohi_lab_order_ids = fields.One2many(
        "lohi.lab.order",
        "partner_id",
        string="Lab Test Orders",
        groups="lohi_clients.group_clinical,lohi_clients.group_customer_service,lohi_clients.group_cc_agent",
    )
    lohi_lab_order_count = fields.Integer(
        compute="_compute_lohi_lab_order_count",
        groups="lohi_clients.group_clinical,lohi_clients.group_customer_service,lohi_clients.group_cc_agent",
    )

    @api.depends_context("uid")
    def _compute_lohi_lab_order_count(self):
        # Counted as the user, so record rules apply (a doctor counts his centres' orders).
        data = self.env["lohi.lab.order"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.lohi_lab_order_count = counts.get(partner.id, 0)

    def action_view_lohi_lab_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("lohi_lab.lohi_lab_order_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
