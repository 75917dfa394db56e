import base64

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

PDF = b"%PDF-1.4\n% Lohi test report\n%%EOF\n"
RESULTS = [
    {"analyte": "Milk IgG", "value": "86.4", "unit": "U/mL", "ref_high": 50.0},
    {"analyte": "Wheat IgG", "value": "12", "unit": "U/mL", "ref_high": 50.0},
    {"analyte": "Ferritin", "value": "8", "unit": "ng/mL", "ref_low": 15.0, "ref_high": 150.0},
]


class LabCase(TransactionCase):
    """Two centres, one user per role, a lot-tracked kit in stock and a test catalogue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Centre = cls.env["lohi.centre"]
        cls.centre_a = Centre.create({"name": "Test Centre A", "code": "TCA"})
        cls.centre_b = Centre.create({"name": "Test Centre B", "code": "TCB"})

        def user(login, group, centres=None):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"lohi_clients.{group}",
                lohi_centre_ids=[Command.set(centres.ids)] if centres else [],
            )

        cls.doctor = user("lab_doctor", "group_functional_doctor", cls.centre_a)
        cls.doctor_b = user("lab_doctor_b", "group_functional_doctor", cls.centre_b)
        cls.manager = user("lab_manager", "group_health_manager", cls.centre_a)
        cls.manager_b = user("lab_manager_b", "group_health_manager", cls.centre_b)
        cls.consult = user("lab_consult", "group_consulting")
        cls.service = user("lab_service", "group_customer_service")
        cls.agent = user("lab_agent", "group_cc_agent")
        cls.finance = user("lab_finance", "group_finance")

        cls.kit = cls.env["product.product"].create(
            {"name": "Test Kit", "type": "consu", "is_storable": True, "tracking": "lot"}
        )
        cls.lot = cls.env["stock.lot"].create({"name": "KIT-T-001", "product_id": cls.kit.id})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(
            cls.kit, cls.stock_location, 5, lot_id=cls.lot
        )
        Test = cls.env["lohi.lab.test"]
        cls.test_igg = Test.create(
            {
                "name": "IgG food panel",
                "code": "T-IGG",
                "price": 2680,
                "turnaround_days": 10,
                "kit_product_id": cls.kit.id,
                "sampling_guide": "<p>Finger-prick blood</p>",
            }
        )
        cls.test_oat = Test.create(
            {"name": "Organic acids", "code": "T-OAT", "price": 3980, "turnaround_days": 14}
        )
        cls.client = cls.env["res.partner"].create({"name": "测试客户"})

    def _order(self, centre=None, doctor=None, tests=None):
        doctor = doctor or self.doctor
        tests = tests or self.test_igg
        order = (
            self.env["lohi.lab.order"]
            .with_user(doctor)
            .create(
                {
                    "partner_id": self.client.id,
                    "centre_id": (centre or self.centre_a).id,
                    "doctor_id": doctor.id,
                    "health_manager_id": self.manager.id,
                    "line_ids": [Command.create({"test_id": test.id}) for test in tests],
                }
            )
        )
        return order.with_env(self.env)

    def _advance(self, order, target):
        """Walk ``order`` up to ``target`` as the users each step belongs to."""
        steps = ["sampling", "testing", "review", "reviewed", "production", "issued", "interpreted"]
        for step in steps[: steps.index(target) + 1]:
            if step == "sampling":
                order.with_user(self.manager).action_ship_kit()
            elif step == "testing":
                order.with_user(self.consult).action_accept_sample()
            elif step == "review":
                order.with_user(self.consult).action_report_received(PDF, RESULTS, report_ref="R-1")
            elif step == "reviewed":
                order.with_user(self.consult).action_review()
            elif step == "production":
                order.with_user(self.doctor).summary_report = "<p>Avoid dairy for 3 months.</p>"
                order.with_user(self.doctor).action_write_summary()
            elif step == "issued":
                order.paper_delivery = "collected"
                order.with_user(self.consult).action_issue_paper()
            elif step == "interpreted":
                order.with_user(self.doctor).action_interpret()
        return order

    def _finish_delivery(self, picking):
        """Kits and products leave through a delivery. Where the warehouse adds its own
        checks before validation (lohi_stock: the keeper's outbound quality check), the
        delivery waits reserved; the keeper then checks and validates it."""
        if picking.state != "done":
            self.assertEqual(picking.state, "assigned")
            checks = ("lohi_qc_no_leak", "lohi_qc_packaging_ok", "lohi_qc_label_ok")
            picking.write({fname: True for fname in checks if fname in picking._fields})
            self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")

    @staticmethod
    def b64(data):
        return base64.b64encode(data).decode()
