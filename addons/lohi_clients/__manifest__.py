# Copyright 2026 Lohi Health
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Lohi Health: Clients",
    "summary": "Roles, centres, partner institutions and the client base of the Lohi suite",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["base", "mail", "portal"],
    "pre_init_hook": "pre_init_hook",
    "data": [
        "security/lohi_security.xml",
        "security/ir.model.access.csv",
        "security/lohi_rules.xml",
        "data/ir_sequence_data.xml",
        "views/lohi_menus.xml",
        "views/res_partner_views.xml",
        "views/lohi_consultation_views.xml",
        "views/lohi_centre_views.xml",
        "views/lohi_institution_views.xml",
        "views/res_users_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/lohi_centre_demo.xml",
        "demo/lohi_institution_demo.xml",
        "demo/lohi_consultation_set_demo.xml",
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "lohi_clients/static/tests/tours/*.js",
        ],
    },
}
