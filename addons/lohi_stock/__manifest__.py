# Copyright 2026 Lohi Health
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Lohi Health: Stock",
    "summary": "Warehouses, storage conditions, FEFO lots, requisitions with approval tiers",
    "version": "18.0.1.0.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "lohi_clients",
        "stock",
        "product_expiry",
        "purchase",
        "base_tier_validation",
        "stock_request",
        "stock_request_tier_validation",
    ],
    "data": [
        "security/lohi_stock_security.xml",
        "security/ir.model.access.csv",
        "views/lohi_storage_condition_views.xml",
        "views/lohi_centre_views.xml",
    ],
    "demo": ["demo/lohi_storage_condition_demo.xml"],
}
