from odoo import models


class LohiAgentKpiXlsx(models.AbstractModel):
    """Agent KPIs as xlsx for the monthly assessment (CC-5, X-3)."""

    _name = "report.lohi_callcenter.agent_kpi_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Agent KPIs (xlsx)"

    def generate_xlsx_report(self, workbook, data, kpis):
        _ = self.env._
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        sheet = workbook.add_worksheet(_("Agent KPIs"))
        headers = [
            _("Month"),
            _("Agent"),
            _("Calls"),
            _("Inbound"),
            _("Answer Speed (s)"),
            _("Resolution %"),
            _("Quality Score %"),
            _("Client Satisfaction (1–5)"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        for row, kpi in enumerate(kpis.sorted(lambda k: (k.month, k.agent_id.name or "")), start=1):
            sheet.write(row, 0, kpi.month.strftime("%Y-%m") if kpi.month else "")
            sheet.write(row, 1, kpi.agent_id.name or "")
            sheet.write(row, 2, kpi.calls)
            sheet.write(row, 3, kpi.inbound)
            sheet.write(row, 4, round(kpi.avg_answer_seconds or 0.0, 1))
            sheet.write(row, 5, kpi.resolution_rate or 0.0)
            sheet.write(row, 6, kpi.quality_score or 0.0)
            sheet.write(row, 7, round(kpi.satisfaction or 0.0, 2))
        sheet.set_column(0, 7, 16)
