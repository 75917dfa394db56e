from collections import Counter

from odoo import fields, models


class LohiComplaintXlsx(models.AbstractModel):
    """The complaint analysis sent upward (CLI-11, X-3): one sheet listing the selected
    complaints, one summarising them by cause, centre and product."""

    _name = "report.lohi_clients.complaint_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Complaint Analysis (xlsx)"

    def _label(self, record, field):
        selection = dict(record._fields[field]._description_selection(self.env))
        return selection.get(record[field], "")

    def generate_xlsx_report(self, workbook, data, complaints):
        _ = self.env._
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        sheet = workbook.add_worksheet(_("Complaints"))
        headers = [
            _("Reference"),
            _("Received"),
            _("Client"),
            _("Centre"),
            _("Cause"),
            _("Severity"),
            _("Product"),
            _("Owner"),
            _("Escalation Level"),
            _("Status"),
            _("Overdue"),
            _("Satisfaction"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        for row, complaint in enumerate(complaints.sorted("id"), start=1):
            sheet.write(row, 0, complaint.name)
            sheet.write_datetime(
                row,
                1,
                fields.Datetime.context_timestamp(complaint, complaint.create_date).replace(
                    tzinfo=None
                ),
                date_format,
            )
            sheet.write(row, 2, complaint.partner_id.name or "")
            sheet.write(row, 3, complaint.centre_id.name or "")
            sheet.write(row, 4, self._label(complaint, "category"))
            sheet.write(row, 5, self._label(complaint, "severity"))
            sheet.write(row, 6, complaint.product_id.display_name or "")
            sheet.write(row, 7, complaint.owner_id.name or "")
            sheet.write(row, 8, self._label(complaint, "escalation_level"))
            sheet.write(row, 9, self._label(complaint, "state"))
            sheet.write(row, 10, _("Yes") if complaint.overdue else "")
            sheet.write(row, 11, self._label(complaint, "satisfaction"))
        sheet.set_column(0, 11, 16)
        summary = workbook.add_worksheet(_("Summary"))
        row = 0
        for title, key in (
            (_("By cause"), lambda c: self._label(c, "category")),
            (_("By centre"), lambda c: c.centre_id.name or ""),
            (_("By product"), lambda c: c.product_id.display_name or ""),
        ):
            summary.write(row, 0, title, bold)
            summary.write(row, 1, _("Complaints"), bold)
            row += 1
            for label, count in sorted(Counter(key(c) for c in complaints).items()):
                summary.write(row, 0, label or "-")
                summary.write(row, 1, count)
                row += 1
            row += 1
        summary.set_column(0, 0, 28)
