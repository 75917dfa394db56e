# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Partner-Institution Portal",
    "summary": "Referred clients, bookings, lab status, requisitions and complaints on /my",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "portal",
        "lohi_clients",
        "lohi_appointments",
        "lohi_lab",
        "lohi_stock",
        "lohi_callcenter",
        "lohi_surveys",
    ],
    "data": [
        "security/lohi_portal_rules.xml",
        "security/ir.model.access.csv",
        "views/lohi_backend_views.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "lohi_portal/static/tests/tours/*.js",
        ],
    },
    "demo": ["demo/lohi_portal_demo.xml"],
}
