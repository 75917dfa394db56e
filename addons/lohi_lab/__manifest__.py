# Copyright 2026 Lohi Health
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Lohi Health: Lab Tests and Reports",
    "summary": "Test catalogue, orders from kit to interpreted report, product prescriptions",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "stock"],
    "data": [
        "security/ir.model.access.csv",
        "views/lohi_lab_test_views.xml",
    ],
    "demo": ["demo/lohi_lab_test_demo.xml"],
}
