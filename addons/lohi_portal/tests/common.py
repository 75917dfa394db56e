from datetime import date, timedelta

from odoo import fields
from odoo.tests import new_test_user


class LohiPortalCase:
    """Two partner institutions, each with a portal user, referred clients, an
    appointment, lab orders, a requisition and a complaint (POR-1, POR-2)."""

    @classmethod
    def _lohi_portal_setup(cls):
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.centre = env.ref("lohi_clients.lohi_centre_chaoyang_demo")
        cls.centre_b = env.ref("lohi_clients.lohi_centre_shanghai_demo")
        cls.doctor = env.ref("lohi_clients.user_doctor_demo")
        cls.doctor_b = env.ref("lohi_clients.user_doctor2_demo")
        cls.manager = env.ref("lohi_clients.user_manager_demo")
        cls.service = env.ref("lohi_appointments.lohi_service_type_first_visit_demo")
        Institution = env["lohi.institution"]
        cls.inst_a = Institution.create(
            {
                "name": "测试机构甲",
                "is_company": True,
                "state": "active",
                "centre_id": cls.centre.id,
            }
        )
        cls.inst_b = Institution.create(
            {
                "name": "测试机构乙",
                "is_company": True,
                "state": "active",
                "centre_id": cls.centre_b.id,
            }
        )
        cls.user_a = cls._lohi_portal_user("por_inst_a", cls.inst_a)
        cls.user_b = cls._lohi_portal_user("por_inst_b", cls.inst_b)
        cls.client_a = cls._lohi_client("甲客户一", cls.inst_a, cls.centre, "13800000001")
        cls.client_a2 = cls._lohi_client("甲客户二", cls.inst_a, cls.centre, "13800000002")
        cls.client_b = cls._lohi_client("乙客户一", cls.inst_b, cls.centre_b, "13900000001")
        cls.client_b2 = cls._lohi_client("乙客户二", cls.inst_b, cls.centre_b, "13900000002")
        Consent = env["lohi.consent"]
        Consent.create(
            [
                {"partner_id": cls.client_a.id, "scope": "institution"},
                {"partner_id": cls.client_b.id, "scope": "institution"},
                {"partner_id": cls.client_b.id, "scope": "clinical"},
            ]
        )
        cls.appointment_a = cls._lohi_appointment(cls.client_a, cls.doctor, cls.centre)
        cls.appointment_b = cls._lohi_appointment(cls.client_b, cls.doctor_b, cls.centre_b)
        Order = env["lohi.lab.order"]
        test = env.ref("lohi_lab.lohi_lab_test_igg_demo")
        cls.order_a, cls.order_a2, cls.order_b = Order.create(
            [
                {
                    "partner_id": partner.id,
                    "centre_id": centre.id,
                    "doctor_id": doctor.id,
                    "health_manager_id": cls.manager.id,
                    "line_ids": [fields.Command.create({"test_id": test.id})],
                }
                for partner, centre, doctor in (
                    (cls.client_a, cls.centre, cls.doctor),
                    (cls.client_a2, cls.centre, cls.doctor),
                    (cls.client_b, cls.centre_b, cls.doctor_b),
                )
            ]
        )
        cls._lohi_reviewed_report(cls.order_a)
        cls._lohi_reviewed_report(cls.order_a2)
        cls._lohi_reviewed_report(cls.order_b)
        Complaint = env["lohi.complaint"]
        cls.complaint_a, cls.complaint_b = Complaint.create(
            [
                {
                    "partner_id": partner.id,
                    "channel": "portal",
                    "description": "等候时间过长",
                    "lohi_institution_id": institution.id,
                }
                for partner, institution in ((cls.client_a, cls.inst_a), (cls.client_b, cls.inst_b))
            ]
        )
        cls.requisition_a = cls._lohi_requisition(cls.inst_a, cls.user_a)
        cls.requisition_b = cls._lohi_requisition(cls.inst_b, cls.user_b)

    @classmethod
    def _lohi_portal_user(cls, login, institution):
        contact = cls.env["res.partner"].create(
            {"name": f"{institution.name}专员", "parent_id": institution.partner_id.id}
        )
        return new_test_user(
            cls.env,
            login=login,
            groups="lohi_clients.group_institution_portal",
            partner_id=contact.id,
            tz="Asia/Shanghai",
        )

    @classmethod
    def _lohi_client(cls, name, institution, centre, mobile):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "lohi_is_client": True,
                "lohi_birthdate": date(1980, 5, 17),
                "mobile": mobile,
                "email": False,
                "lohi_doctor_id": cls.doctor.id,
                "lohi_health_manager_id": cls.manager.id,
                "lohi_centre_id": centre.id,
                "lohi_source": "institution",
                "lohi_institution_id": institution.id,
                "lohi_remark": "机构转介",
            }
        )

    @classmethod
    def _lohi_appointment(cls, partner, doctor, centre, days=14):
        Appointment = cls.env["lohi.appointment"]
        today = date.today()
        slots = Appointment._find_free_slots(
            cls.service,
            today + timedelta(days=days),
            today + timedelta(days=days + 7),
            doctor=doctor,
            centre=centre,
        )
        return Appointment.create(
            {
                "partner_id": partner.id,
                "doctor_id": doctor.id,
                "centre_id": centre.id,
                "service_type_id": cls.service.id,
                "start": slots[0]["start"],
            }
        )

    @classmethod
    def _lohi_reviewed_report(cls, order):
        """A delivered report (LAB-6), put straight into the reviewed state (LAB-7)."""
        order.sudo().write({"state": "reviewed"})
        cls.env["lohi.lab.report"].create(
            {
                "order_id": order.id,
                "report_ref": f"T-{order.id}",
                "pdf": "JVBERi0xLjQKJcTl8uXrCg==",
                "pdf_filename": f"{order.name}.pdf",
            }
        )

    @classmethod
    def _lohi_requisition(cls, institution, user):
        warehouse = institution.centre_id.warehouse_id
        product = cls.env.ref("lohi_stock.product_vd3_demo")
        return cls.env["stock.request.order"].create(
            {
                "lohi_institution_id": institution.id,
                "requested_by": user.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "expected_date": fields.Datetime.now() + timedelta(days=7),
                "stock_request_ids": [
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_id": product.uom_id.id,
                            "product_uom_qty": 5,
                            "warehouse_id": warehouse.id,
                            "location_id": warehouse.lot_stock_id.id,
                            "expected_date": fields.Datetime.now() + timedelta(days=7),
                            "requested_by": user.id,
                        }
                    )
                ],
            }
        )
