# Copyright 2026 Lohi Health
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Lohi Health: Appointments",
    "summary": "Doctor schedules, availability and bookings on calendar and resource",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "calendar", "resource"],
    "data": [
        "security/ir.model.access.csv",
        "views/lohi_service_type_views.xml",
    ],
    "demo": ["demo/lohi_service_type_demo.xml"],
}
