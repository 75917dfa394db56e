# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Call Centre",
    "summary": "Inbound and outbound calls, follow-up plans, scripts, quality, telephony",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "lohi_lab", "bus", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/lohi_callcenter_rules.xml",
        "data/lohi_callcenter_data.xml",
        "views/lohi_call_script_views.xml",
        "views/lohi_call_views.xml",
    ],
    "demo": [
        "demo/lohi_call_script_demo.xml",
        "demo/lohi_call_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "lohi_callcenter/static/src/js/incoming_call_service.js",
        ],
        "web.assets_tests": [
            "lohi_callcenter/static/tests/tours/*.js",
        ],
    },
}
