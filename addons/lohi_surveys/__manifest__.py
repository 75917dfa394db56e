# Copyright 2026 Lohi Health
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lohi Health: Satisfaction Surveys",
    "summary": "Satisfaction surveys, satisfaction rate, monthly and quarterly rhythms",
    "version": "18.0.1.1.0",
    "category": "Services/Health",
    "website": "https://github.com/lohi-health/lohi",
    "author": "Lohi Health",
    "maintainers": ["lohi-health"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["lohi_clients", "survey", "lohi_appointments", "lohi_lab", "report_xlsx"],
    "data": [
        "security/lohi_surveys_security.xml",
        "security/ir.model.access.csv",
        "security/lohi_surveys_rules.xml",
        "data/lohi_surveys_data.xml",
        "data/survey_data.xml",
        "views/survey_user_input_views.xml",
        "views/lohi_survey_improvement_views.xml",
        "report/lohi_survey_reports.xml",
        "views/portal_templates.xml",
        "views/lohi_surveys_menus.xml",
    ],
    "demo": ["demo/lohi_surveys_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "lohi_surveys/static/tests/tours/*.js",
        ],
    },
}
