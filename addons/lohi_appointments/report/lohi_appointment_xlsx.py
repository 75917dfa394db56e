from collections import Counter

from odoo import models


class LohiAppointmentXlsx(models.AbstractModel):
    """Appointment statistics sent upward (APT-8, X-3): the selected appointments, then
    counts by centre and doctor (per status), by date and by time band."""

    _name = "report.lohi_appointments.appointment_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Appointment Statistics (xlsx)"

    def _labels(self, field):
        return dict(self.env["lohi.appointment"]._fields[field]._description_selection(self.env))

    def generate_xlsx_report(self, workbook, data, appointments):
        _ = self.env._
        appointments = appointments.sorted(lambda a: (a.start, a.id))
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        states = self._labels("state")
        bands = self._labels("time_band")
        channels = self._labels("channel")
        visit_types = self._labels("visit_type")

        sheet = workbook.add_worksheet(_("Appointments"))
        headers = [
            _("Reference"),
            _("Date (centre)"),
            _("Time (centre)"),
            _("Time Band"),
            _("Centre"),
            _("Doctor"),
            _("Service"),
            _("Client"),
            _("Channel"),
            _("Visit Type"),
            _("Status"),
            _("Reschedules"),
            _("Late Cancellation"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        for row, appointment in enumerate(appointments, start=1):
            sheet.write(row, 0, appointment.name)
            sheet.write_datetime(row, 1, appointment.local_date, date_format)
            sheet.write(row, 2, appointment.local_time_label or "")
            sheet.write(row, 3, bands.get(appointment.time_band, ""))
            sheet.write(row, 4, appointment.centre_id.name or "")
            sheet.write(row, 5, appointment.doctor_id.name or "")
            sheet.write(row, 6, appointment.service_type_id.name or "")
            sheet.write(row, 7, appointment.partner_id.name or "")
            sheet.write(row, 8, channels.get(appointment.channel, ""))
            sheet.write(row, 9, visit_types.get(appointment.visit_type, ""))
            sheet.write(row, 10, states.get(appointment.state, ""))
            sheet.write(row, 11, appointment.reschedule_count)
            sheet.write(row, 12, _("Yes") if appointment.late_cancel else "")
        sheet.set_column(0, 12, 14)
        sheet.freeze_panes(1, 0)

        # By centre and doctor, one column per status.
        summary = workbook.add_worksheet(_("By Centre and Doctor"))
        state_keys = list(states)
        for col, header in enumerate(
            [_("Centre"), _("Doctor")] + [states[key] for key in state_keys] + [_("Total")]
        ):
            summary.write(0, col, header, bold)
        counts = Counter((a.centre_id, a.doctor_id, a.state) for a in appointments)
        pairs = sorted(
            {(a.centre_id, a.doctor_id) for a in appointments},
            key=lambda pair: (pair[0].name or "", pair[1].name or ""),
        )
        for row, (centre, doctor) in enumerate(pairs, start=1):
            summary.write(row, 0, centre.name or "")
            summary.write(row, 1, doctor.name or "")
            for col, key in enumerate(state_keys, start=2):
                summary.write(row, col, counts[(centre, doctor, key)])
            summary.write(
                row, len(state_keys) + 2, sum(counts[(centre, doctor, k)] for k in state_keys)
            )
        summary.set_column(0, 1, 20)

        # By date and by time band.
        other = workbook.add_worksheet(_("By Date and Time Band"))
        other.write(0, 0, _("Date (centre)"), bold)
        other.write(0, 1, _("Appointments"), bold)
        row = 1
        for day, count in sorted(Counter(a.local_date for a in appointments).items()):
            other.write_datetime(row, 0, day, date_format)
            other.write(row, 1, count)
            row += 1
        row += 1
        other.write(row, 0, _("Time Band"), bold)
        other.write(row, 1, _("Appointments"), bold)
        for band, count in sorted(Counter(a.time_band for a in appointments).items()):
            row += 1
            other.write(row, 0, bands.get(band, ""))
            other.write(row, 1, count)
        other.set_column(0, 0, 18)
