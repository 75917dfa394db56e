from datetime import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

# Monday 4 March 2030 in Beijing: no demo holiday, far from today.
MONDAY = datetime(2030, 3, 4).date()


def utc(day, hour, minute=0):
    """A Beijing local time of ``day`` as the naive UTC datetime Odoo stores."""
    return datetime(day.year, day.month, day.day, hour, minute) - (
        datetime(2000, 1, 1, 8) - datetime(2000, 1, 1)
    )


class AppointmentCase(TransactionCase):
    """Two centres, a doctor at each, the booking roles and one client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Centre = cls.env["lohi.centre"]
        cls.centre = Centre.create({"name": "测试朝阳", "code": "TCY", "tz": "Asia/Shanghai"})
        cls.centre_sh = Centre.create({"name": "测试静安", "code": "TJA", "tz": "Asia/Shanghai"})
        cls.doctor = new_test_user(
            cls.env,
            login="t_doctor",
            name="王医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.doctor_b = new_test_user(
            cls.env,
            login="t_doctor_b",
            name="李医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.doctor_sh = new_test_user(
            cls.env,
            login="t_doctor_sh",
            name="陈医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre_sh.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="t_manager",
            name="健康管理师",
            groups="lohi_clients.group_health_manager",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.service_user = new_test_user(
            cls.env, login="t_service", groups="lohi_clients.group_customer_service"
        )
        cls.agent = new_test_user(cls.env, login="t_agent", groups="lohi_clients.group_cc_agent")
        cls.warehouse = new_test_user(
            cls.env, login="t_warehouse", groups="lohi_clients.group_warehouse_keeper"
        )
        cls.service = cls.env["lohi.service.type"].create(
            {"name": "初诊问诊", "duration": 1.0, "centre_ids": [Command.set(cls.centre.ids)]}
        )
        cls.service_half = cls.env["lohi.service.type"].create(
            {"name": "报告解读", "duration": 0.5}
        )
        week = [
            Command.create(
                {
                    "name": f"{day} {period}",
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": stop,
                    "day_period": period,
                }
            )
            for day in range(5)
            for period, start, stop in (("morning", 9.0, 12.0), ("afternoon", 13.0, 17.0))
        ]
        Schedule = cls.env["lohi.doctor.schedule"]
        cls.schedule = Schedule.create(
            {"doctor_id": cls.doctor.id, "centre_id": cls.centre.id, "attendance_ids": week}
        )
        Schedule.create(
            {"doctor_id": cls.doctor_b.id, "centre_id": cls.centre.id, "attendance_ids": week}
        )
        Schedule.create(
            {"doctor_id": cls.doctor_sh.id, "centre_id": cls.centre_sh.id, "attendance_ids": week}
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "王芳",
                "email": "wangfang@example.com",
                "phone": "13800001111",
                "ref": "CARD-001",
                "title": cls.env.ref("base.res_partner_title_madam").id,
            }
        )

    def book(self, user=None, start=None, doctor=None, centre=None, service=None, **values):
        vals = {
            "partner_id": self.client.id,
            "doctor_id": (doctor or self.doctor).id,
            "centre_id": (centre or self.centre).id,
            "service_type_id": (service or self.service).id,
            "start": start or utc(MONDAY, 9),
        }
        vals.update(values)
        return self.env["lohi.appointment"].with_user(user or self.service_user).create(vals)
