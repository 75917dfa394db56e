from odoo import api, fields, models
from odoo.exceptions import UserError

# The fields that carry a client's results: reading them is logged.
REPORT_CONTENT = frozenset({"pdf", "result_ids"})
RESULT_CONTENT = frozenset({"analyte", "value", "unit", "reference_range", "flag"})


def _log_content_read(records, fnames, content):
    read = [f for f in fnames if f in content]
    if read and records and not records.env.su:
        records.env["lohi.access.log"]._record_access(
            records.partner_id, "report", read, records=records
        )


class LohiLabReport(models.Model):
    """A report delivered by the lab system (LAB-6): the PDF and its structured results.

    Doctors and health managers read it only once the consulting dept has approved it
    (LAB-7, record rules); the PDF is a field attachment, so it follows the same rules.
    """

    _name = "lohi.lab.report"
    _inherit = ["lohi.access.logged.mixin"]
    _description = "Lab Report"
    _order = "received_date desc, id desc"
    _rec_name = "report_ref"

    order_id = fields.Many2one("lohi.lab.order", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Client")
    centre_id = fields.Many2one(related="order_id.centre_id", store=True)
    order_state = fields.Selection(related="order_id.state", string="Order Status")
    report_ref = fields.Char(
        string="Lab Report ID", required=True, index=True, help="The report's id in the lab system."
    )
    received_date = fields.Datetime(required=True, default=fields.Datetime.now)
    pdf = fields.Binary(string="Report PDF", attachment=True, required=True)
    pdf_filename = fields.Char()
    result_ids = fields.One2many("lohi.lab.result", "report_id", string="Results")

    _sql_constraints = [
        (
            "order_report_uniq",
            "unique(order_id, report_ref)",
            "This lab report was already delivered for the order.",
        ),
    ]

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("Lab reports come from the lab system and are not edited."))
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        # Reading a report's content (PDF, results) through read, search_read or the web
        # client writes the access log; the PDF download is logged by ir.binary.
        result = super()._read_format(fnames, load=load)
        _log_content_read(self, fnames, REPORT_CONTENT)
        return result


class LohiLabResult(models.Model):
    """One structured result of a lab report (analyte, value, unit, range, flag)."""

    _name = "lohi.lab.result"
    _inherit = ["lohi.access.logged.mixin"]
    _description = "Lab Result"
    _order = "report_id, sequence, id"
    _rec_name = "analyte"

    report_id = fields.Many2one("lohi.lab.report", required=True, ondelete="cascade", index=True)
    order_id = fields.Many2one(related="report_id.order_id", store=True, index=True)
    partner_id = fields.Many2one(related="report_id.partner_id", store=True, string="Client")
    sequence = fields.Integer(default=10)
    analyte = fields.Char(required=True)
    value = fields.Char(required=True)
    unit = fields.Char()
    reference_range = fields.Char()
    ref_low = fields.Float(string="Reference Low")
    ref_high = fields.Float(string="Reference High")
    flag = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("high", "High")], required=True, default="normal"
    )

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("Lab results come from the lab system and are not edited."))
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        _log_content_read(self, fnames, RESULT_CONTENT)
        return result

    @api.model
    def _prepare_results(self, results):
        """Validate the results of a delivery; return create values or raise UserError
        naming the first problem (nothing is written)."""
        if not isinstance(results, list) or not results:
            raise UserError(self.env._("results must be a non-empty list."))
        flags = {key for key, _label in self._fields["flag"].selection}
        vals_list = []
        for index, result in enumerate(results, start=1):
            if not isinstance(result, dict):
                raise UserError(self.env._("result %(index)s is not an object.", index=index))
            analyte = result.get("analyte")
            value = result.get("value")
            if not isinstance(analyte, str) or not analyte.strip():
                raise UserError(self.env._("result %(index)s: analyte is missing.", index=index))
            if value is None or isinstance(value, (dict, list, bool)) or str(value).strip() == "":
                raise UserError(self.env._("result %(index)s: value is missing.", index=index))
            vals = {
                "sequence": index,
                "analyte": analyte.strip(),
                "value": str(value).strip(),
                "unit": str(result.get("unit") or ""),
                "reference_range": str(result.get("reference_range") or ""),
            }
            for key in ("ref_low", "ref_high"):
                bound = result.get(key)
                if bound is None:
                    continue
                if isinstance(bound, bool) or not isinstance(bound, (int, float)):
                    raise UserError(
                        self.env._(
                            "result %(index)s: %(key)s must be a number.", index=index, key=key
                        )
                    )
                vals[key] = float(bound)
            flag = result.get("flag")
            if flag is None:
                flag = self._flag_from_range(value, vals.get("ref_low"), vals.get("ref_high"))
            if flag not in flags:
                raise UserError(
                    self.env._("result %(index)s: flag must be low, normal or high.", index=index)
                )
            vals["flag"] = flag
            vals_list.append(vals)
        return vals_list

    @api.model
    def _flag_from_range(self, value, low, high):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return "normal"
        if low is not None and number < low:
            return "low"
        if high is not None and number > high:
            return "high"
        return "normal"
