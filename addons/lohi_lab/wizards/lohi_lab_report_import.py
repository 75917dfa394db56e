import base64
import binascii
import json

from odoo import fields, models
from odoo.exceptions import UserError


class LohiLabReportImport(models.TransientModel):
    """LAB-6 fallback: import lab reports from a JSON file exported by the lab system.

    The file holds one delivery or a list of deliveries in the format of the intake
    endpoint (order, report_id, pdf in base64, results). All or nothing: the first problem
    is named and nothing is written; reports already received are skipped.
    """

    _name = "lohi.lab.report.import"
    _description = "Import Lab Reports"

    file = fields.Binary(required=True, help="A JSON file from the lab system.")
    filename = fields.Char()

    def _deliveries(self):
        try:
            data = json.loads(base64.b64decode(self.file))
        except (ValueError, UnicodeDecodeError, binascii.Error) as error:
            raise UserError(self.env._("The file is not valid JSON.")) from error
        deliveries = data if isinstance(data, list) else [data]
        if not deliveries or not all(isinstance(item, dict) for item in deliveries):
            raise UserError(self.env._("The file must hold a report object or a list of them."))
        return deliveries

    def _validated_deliveries(self):
        """Check every delivery before anything is written (all or nothing)."""
        Order = self.env["lohi.lab.order"]
        Report = self.env["lohi.lab.report"].sudo()
        checked = []
        for index, item in enumerate(self._deliveries(), start=1):
            missing = [key for key in ("order", "report_id", "pdf", "results") if not item.get(key)]
            if missing:
                raise UserError(
                    self.env._(
                        "Report %(index)s: missing %(keys)s.", index=index, keys=", ".join(missing)
                    )
                )
            order = Order.search([("name", "=", str(item["order"]))], limit=1)
            if not order:
                raise UserError(
                    self.env._(
                        "Report %(index)s: no test order %(order)s.",
                        index=index,
                        order=item["order"],
                    )
                )
            try:
                pdf = base64.b64decode(item["pdf"], validate=True)
            except (binascii.Error, TypeError, ValueError) as error:
                raise UserError(
                    self.env._("Report %(index)s: the PDF is not valid base64.", index=index)
                ) from error
            report_ref = str(item["report_id"])
            known = bool(
                Report.search_count([("order_id", "=", order.id), ("report_ref", "=", report_ref)])
            )
            if not known:
                order._check_state(("testing", "review"), self.env._("receive a lab report"))
                if not pdf.startswith(b"%PDF-"):
                    raise UserError(
                        self.env._("Report %(index)s: the file is not a PDF.", index=index)
                    )
                self.env["lohi.lab.result"]._prepare_results(item["results"])
            filename = item.get("filename") if isinstance(item.get("filename"), str) else False
            checked.append((order, pdf, item["results"], report_ref, filename, known))
        return checked

    def action_import(self):
        self.ensure_one()
        deliveries = self._validated_deliveries()
        for order, pdf, results, report_ref, filename, _known in deliveries:
            order.action_report_received(pdf, results, report_ref=report_ref, filename=filename)
        duplicates = sum(known for *_rest, known in deliveries)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(created)s report(s) imported, %(duplicates)s already received.",
                    created=len(deliveries) - duplicates,
                    duplicates=duplicates,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
