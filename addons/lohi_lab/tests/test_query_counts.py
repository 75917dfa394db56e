from odoo import Command
from odoo.tests import tagged

from .common import PDF, RESULTS, LabCase

# Queries of one lab order form read (web_read of the order form's fields), per role,
# whatever the number of test items and results. Raise them only for a new field on
# the form.
ORDER_FORM_DOCTOR = 19
ORDER_FORM_MANAGER = 19


def view_specification(model, view_xmlid, view_type="form"):
    """The specification the web client sends to ``web_read`` for a view, as the user
    of ``model``: every field the view shows them, relational ones with display names."""
    view = model.env.ref(view_xmlid)
    views = model.get_views([(view.id, view_type)])
    spec = {}
    for name in views["models"][model._name]["fields"]:
        if model._fields[name].type in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestLabOrderQueryCounts(LabCase):
    """Issue 10: the lab order form's read costs a fixed number of queries.

    Measured warm, like Odoo's own query-count tests: the form is read once (views,
    access rules, translations in the registry caches), the record cache is emptied and
    the second read is counted. An order with one test item and an order with two items
    and twice the results cost the same: a query per item, result or log line fails.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.test_igg_plain = cls._setup_extra_test()
        cls.small = cls._order_reviewed(cls, cls.test_oat, RESULTS[:2])
        cls.large = cls._order_reviewed(cls, cls.test_oat | cls.test_igg_plain, RESULTS * 2)

    @classmethod
    def _setup_extra_test(cls):
        return cls.env["lohi.lab.test"].create(
            {"name": "IgG plain", "code": "T-IGG-P", "price": 1880, "turnaround_days": 7}
        )

    def _order_reviewed(self, tests, results):
        """An order up to 'reviewed' (report and results in), without kit deliveries."""
        order = (
            self.env["lohi.lab.order"]
            .with_user(self.doctor)
            .create(
                {
                    "partner_id": self.client.id,
                    "centre_id": self.centre_a.id,
                    "doctor_id": self.doctor.id,
                    "health_manager_id": self.manager.id,
                    "line_ids": [Command.create({"test_id": test.id}) for test in tests],
                }
            )
        ).with_env(self.env)
        order.with_user(self.manager).action_ship_kit()
        order.with_user(self.consult).action_accept_sample()
        order.with_user(self.consult).action_report_received(
            PDF,
            [dict(r, analyte=f"{r['analyte']} {i}") for i, r in enumerate(results)],
            report_ref=f"R-{order.id}",
        )
        order.with_user(self.consult).action_review()
        return order

    def _count(self, user, expected):
        spec = None
        for order in (self.small, self.large):
            order = order.with_user(user)
            spec = spec or view_specification(order, "lohi_lab.lohi_lab_order_view_form")
            order.web_read(spec)
        for order in (self.small, self.large):
            order = order.with_user(user)
            order.env.invalidate_all()
            with self.assertQueryCount(expected):
                record = order.web_read(spec)
            self.assertEqual(record[0]["state"], "reviewed")
        return spec

    def test_lab_order_form_read_doctor(self):
        spec = self._count(self.doctor, ORDER_FORM_DOCTOR)
        self.assertIn("result_ids", spec)

    def test_lab_order_form_read_health_manager(self):
        self._count(self.manager, ORDER_FORM_MANAGER)
