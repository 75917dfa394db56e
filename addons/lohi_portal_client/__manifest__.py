# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Clients on the Portal",
    "summary": "Clients see their visits and reviewed reports, request appointments, rate "
    "their doctor, answer surveys and talk with their doctor under /my",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["portal", "lohi_clients", "lohi_appointments", "lohi_lab", "lohi_surveys"],
    "data": [
        "security/lohi_portal_client_security.xml",
        "security/ir.model.access.csv",
        "security/lohi_portal_client_rules.xml",
        "views/lohi_conversation_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/lohi_portal_client_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "lohi_portal_client/static/tests/tours/*.js",
        ],
    },
}
