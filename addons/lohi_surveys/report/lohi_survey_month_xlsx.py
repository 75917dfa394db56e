from dateutil.relativedelta import relativedelta

from odoo import models


class LohiSurveyMonthXlsx(models.AbstractModel):
    """The monthly satisfaction report HQ receives (SUR-5, X-3): one sheet with the
    selected centre summaries, one with the rates of each centre by dimension."""

    _name = "report.lohi_surveys.centre_month_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Monthly Satisfaction Report (xlsx)"

    def generate_xlsx_report(self, workbook, data, summaries):
        _ = self.env._
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        number = workbook.add_format({"num_format": "0.0"})
        sheet = workbook.add_worksheet(_("Monthly Summaries"))
        headers = [
            _("Period"),
            _("Centre"),
            _("Invited"),
            _("Answered"),
            _("Response Rate (%)"),
            _("Satisfaction Rate (%)"),
            _("Mean Score"),
            _("NPS"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        summaries = summaries.sorted(lambda s: (s.month, s.centre_id.name or ""))
        for row, summary in enumerate(summaries, start=1):
            sheet.write(row, 0, summary.period)
            sheet.write(row, 1, summary.centre_id.name or "")
            sheet.write_number(row, 2, summary.invited_count)
            sheet.write_number(row, 3, summary.answered_count)
            sheet.write_number(row, 4, summary.response_rate, number)
            sheet.write_number(row, 5, summary.satisfaction_rate, number)
            sheet.write_number(row, 6, summary.mean_score, number)
            sheet.write_number(row, 7, summary.nps, number)
        sheet.set_column(0, 1, 16)
        sheet.set_column(2, 7, 12)
        if not summaries:
            return
        detail = workbook.add_worksheet(_("By Dimension"))
        for col, header in enumerate(
            [_("Period"), _("Centre"), _("Dimension"), _("Rated Answers"), *headers[5:7]]
        ):
            detail.write(0, col, header, bold)
        labels = dict(
            self.env["lohi.survey.rate.report"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        rates = self.env["lohi.survey.rate.report"]._lohi_rates(
            [
                ("kind", "=", "client"),
                ("centre_id", "in", summaries.centre_id.ids),
                ("date", ">=", min(summaries.mapped("month"))),
                ("date", "<", max(summaries.mapped("month")) + relativedelta(months=1)),
                ("dimension", "!=", "nps"),
            ],
            ["date:month", "centre_id", "dimension"],
        )
        row = 1
        for (month, centre, dimension), stats in sorted(
            rates.items(), key=lambda item: (item[0][0], item[0][1].name or "", item[0][2] or "")
        ):
            detail.write(row, 0, month.strftime("%Y-%m"))
            detail.write(row, 1, centre.name or "")
            detail.write(row, 2, labels.get(dimension, ""))
            detail.write_number(row, 3, stats["rated"])
            detail.write_number(row, 4, stats["rate"] or 0.0, number)
            detail.write_number(row, 5, stats["mean"] or 0.0, number)
            row += 1
        detail.set_column(0, 2, 16)
