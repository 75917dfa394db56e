import base64
import json
import time

from odoo.tests import HttpCase, tagged

from odoo.addons.lohi_clients.tools.signed_request import sign

from ..controllers.main import SECRET_PARAM
from ..models.lohi_lab_order import centre_warehouse

PDF = b"%PDF-1.4\n% Lohi browser tour report\n%%EOF\n"
SECRET = "tour-secret"


@tagged("post_install", "-at_install", "lohi_http")
class TestLabOrderBrowser(HttpCase):
    """Issue 5 in the browser: a test order from creation to interpretation, each step by
    the demo user whose role it is (LAB-2 … LAB-10, LAB-12), with the interpretation
    booked from the order (APT-10). The lab system delivers the report in between through
    the signed intake endpoint (LAB-6)."""

    def _deliver_report(self, order):
        body = json.dumps(
            {
                "order": order.name,
                "report_id": f"LIS-{order.name}",
                "filename": "report.pdf",
                "pdf": base64.b64encode(PDF).decode(),
                "results": [
                    {"analyte": "Ferritin", "value": "8", "unit": "ng/mL", "ref_low": 15},
                    {"analyte": "Milk IgG", "value": "86.4", "unit": "U/mL", "ref_high": 50},
                ],
            }
        ).encode()
        timestamp = str(int(time.time()))
        response = self.url_open(
            "/lohi/lab/intake",
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-Lohi-Timestamp": timestamp,
                "X-Lohi-Signature": "sha256=" + sign(SECRET, timestamp, body),
            },
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_order_from_creation_to_interpretation(self):
        ref = self.env.ref
        client = ref("lohi_clients.res_partner_client_04_demo", False)
        if not client or not ref("lohi_lab.lohi_lab_test_igg_demo", False):
            self.skipTest("needs the demo data")
        self.env["ir.config_parameter"].sudo().set_param(SECRET_PARAM, SECRET)
        doctor = ref("lohi_clients.user_doctor_demo")
        manager = ref("lohi_clients.user_manager_demo")
        consult = ref("lohi_clients.user_consult_demo")
        # A kit in the Chaoyang centre's stock, whichever warehouse serves it.
        test = ref("lohi_lab.lohi_lab_test_igg_demo")
        warehouse = centre_warehouse(
            self.env, ref("lohi_clients.lohi_centre_chaoyang_demo"), self.env.company
        )
        lot = self.env["stock.lot"].create(
            {"name": "KIT-IGG-TOUR", "product_id": test.kit_product_id.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            test.kit_product_id, warehouse.lot_stock_id, 3, lot_id=lot
        )
        Order = self.env["lohi.lab.order"]
        before = Order.search([])

        self.start_tour("/odoo", "lohi_lab_flow_doctor_order", login="doctor")
        order = Order.search([]) - before
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, client)
        self.assertEqual(order.doctor_id, doctor)
        self.assertEqual(order.health_manager_id, manager)
        self.assertEqual(order.line_ids.test_id, ref("lohi_lab.lohi_lab_test_igg_demo"))
        self.assertEqual(order.state, "ordered")

        url = f"/odoo/action-lohi_lab.lohi_lab_order_action/{order.id}"
        self.start_tour(url, "lohi_lab_flow_manager_kit", login="manager")
        self.start_tour(url, "lohi_lab_flow_consult_sample", login="consult")
        self.assertEqual(order.state, "testing")
        self._deliver_report(order)
        self.env.invalidate_all()
        self.assertEqual(order.state, "review")
        self.start_tour(url, "lohi_lab_flow_consult_review", login="consult")
        self.start_tour(url, "lohi_lab_flow_doctor_summary", login="doctor")
        self.start_tour(url, "lohi_lab_flow_consult_paper", login="consult")
        appointments_before = self.env["lohi.appointment"].search([])
        self.start_tour(url, "lohi_lab_flow_doctor_interpret", login="doctor")
        self.env.invalidate_all()

        self.assertEqual(order.state, "interpreted")
        self.assertIn("铁蛋白偏低", order.summary_report)
        self.assertEqual(order.paper_delivery, "collected")
        self.assertEqual(order.sample_received_by_id, consult)
        self.assertEqual(order.reviewed_by_id, consult)
        self.assertTrue(order.picking_ids, "the kit left the centre through a delivery")
        self.assertEqual(order.picking_ids.move_line_ids.lot_id.product_id, test.kit_product_id)
        self.assertEqual(
            [(log.to_state, log.user_id) for log in order.log_ids.sorted("id")],
            [
                ("sampling", manager),
                ("sampling", manager),
                ("testing", consult),
                ("review", self.env.ref("base.user_root")),
                ("reviewed", consult),
                ("production", doctor),
                ("issued", consult),
                ("interpreted", doctor),
            ],
        )
        # APT-10: the interpretation was booked from the order, linked to it.
        booked = self.env["lohi.appointment"].search([]) - appointments_before
        self.assertEqual(len(booked), 1)
        self.assertEqual(booked.visit_type, "interpretation")
        self.assertEqual((booked.related_res_model, booked.related_res_id), (order._name, order.id))
        self.assertEqual(booked.partner_id, client)
        self.assertEqual(booked.doctor_id, doctor)
        self.assertEqual(
            booked.service_type_id, ref("lohi_appointments.lohi_service_type_interpretation_demo")
        )
        self.assertEqual(booked.create_uid, doctor)
        self.assertEqual(order.lohi_appointment_count, 1)
