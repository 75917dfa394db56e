# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health Suite",
    "summary": "The whole Lohi Health suite, its role matrix and its reliability and "
    "security tests",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "lohi_clients",
        "lohi_appointments",
        "lohi_lab",
        "lohi_stock",
        "lohi_callcenter",
        "lohi_surveys",
        "lohi_portal",
        "lohi_portal_client",
    ],
    "data": ["data/res_users_data.xml"],
    "demo": ["demo/res_users_demo.xml"],
    # The role matrix of SPEC §0, read by the tests (tests/matrix.py).
    "oca_data_manual": ["data/roles.csv", "data/role_matrix.csv", "data/clinical_fields.csv"],
}
