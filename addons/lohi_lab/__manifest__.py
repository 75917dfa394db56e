# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Lab Tests and Reports",
    "summary": "Test catalogue, orders from kit to interpreted report, product prescriptions",
    "version": "18.0.1.1.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "lohi_appointments", "stock"],
    "data": [
        "security/lohi_lab_rules.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "report/lohi_lab_order_report.xml",
        "report/lohi_lab_prescription_report.xml",
        "views/lohi_lab_order_views.xml",
        "views/lohi_lab_report_views.xml",
        "views/lohi_lab_prescription_views.xml",
        "views/lohi_lab_test_views.xml",
        "views/res_partner_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "lohi_lab/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/lohi_lab_test_demo.xml",
        "demo/lohi_lab_order_demo.xml",
        "demo/lohi_lab_prescription_demo.xml",
    ],
}
