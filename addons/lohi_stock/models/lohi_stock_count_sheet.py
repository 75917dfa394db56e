from odoo import fields, models


class LohiStockCountSheetXlsx(models.AbstractModel):
    """STK-10 count sheet (盘点表): one row per counted product, lot and location, with
    the system quantity and empty columns for the counted quantity and the reason. The
    filled sheet is read back by the count's import wizard (column A: line id)."""

    _name = "report.lohi_stock.count_sheet_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Stock Count Sheet (xlsx)"

    def generate_xlsx_report(self, workbook, data, counts):
        _ = self.env._
        headers = [
            _("Line ID"),
            _("Location"),
            _("Product"),
            _("Spec / Code"),
            _("Lot"),
            _("Expiry"),
            _("Unit"),
            _("System Quantity"),
            _("Counted Quantity"),
            _("Reason"),
        ]
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        entry = workbook.add_format({"bg_color": "#FFF2CC", "border": 1})
        for count in counts:
            sheet = workbook.add_worksheet(count.name[:31])
            sheet.write_row(0, 0, headers, bold)
            sheet.set_column(0, 0, 8)
            sheet.set_column(1, 2, 28)
            sheet.set_column(3, 7, 14)
            sheet.set_column(8, 8, 16)
            sheet.set_column(9, 9, 36)
            for row, line in enumerate(count.line_ids, start=1):
                sheet.write_row(
                    row,
                    0,
                    [
                        line.id,
                        line.location_id.complete_name or "",
                        line.product_id.display_name or "",
                        line.product_id.default_code or "",
                        line.lot_id.name or "",
                        fields.Date.to_string(line.expiration_date.date())
                        if line.expiration_date
                        else "",
                        line.uom_id.name or "",
                        line.theoretical_qty,
                    ],
                )
                if line.is_counted:
                    sheet.write_number(row, 8, line.counted_qty, entry)
                else:
                    sheet.write_blank(row, 8, None, entry)
                sheet.write(row, 9, line.reason or "", entry)
            sheet.freeze_panes(1, 0)
