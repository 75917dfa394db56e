from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _find_record_check_access(self, record, access_token, field):
        """A lab report's PDF opened through /web/content writes the access log (X-5)."""
        record = super()._find_record_check_access(record, access_token, field)
        if record._name == "lohi.lab.report" and not record.env.su:
            record.env["lohi.access.log"]._record_access(
                record.partner_id, "report", [field or "pdf"], records=record
            )
        return record
