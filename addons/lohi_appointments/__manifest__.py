# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Appointments",
    "summary": "Doctor schedules, availability and bookings on calendar and resource",
    "version": "18.0.1.1.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "calendar", "resource", "report_xlsx"],
    "data": [
        "security/lohi_appointment_security.xml",
        "security/ir.model.access.csv",
        "data/lohi_appointment_data.xml",
        "data/lohi_appointment_templates.xml",
        "data/mail_template_data.xml",
        "views/lohi_service_type_views.xml",
        "views/lohi_appointment_views.xml",
        "views/lohi_appointment_booking_views.xml",
        "views/lohi_doctor_schedule_views.xml",
        "views/res_partner_views.xml",
        "views/lohi_appointment_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "lohi_appointments/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/lohi_service_type_demo.xml",
        "demo/lohi_doctor_schedule_demo.xml",
        "demo/lohi_public_holiday_demo.xml",
        "demo/lohi_appointment_demo.xml",
    ],
}
