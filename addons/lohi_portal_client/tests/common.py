import base64
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

PDF = b"%PDF-1.4\n% Lohi portal test report\n%%EOF\n"
# Friday 1 March 2030 (Beijing), far from the demo holidays; visits on the Mondays around.
NOW = "2030-03-01 02:00:00"
PAST_MONDAY = date(2030, 2, 25)
NEXT_MONDAY = date(2030, 3, 4)


def utc(day, hour, minute=0):
    """A Beijing local time of ``day`` as the naive UTC datetime Odoo stores."""
    return datetime(day.year, day.month, day.day, hour, minute) - timedelta(hours=8)


class PortalClientCase(TransactionCase):
    """A centre with two doctors and their schedules, and two clients with portal
    logins, each with a completed and a coming visit and a reviewed report; client A also
    has a report still under review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Centre = cls.env["lohi.centre"]
        cls.centre = Centre.create({"name": "测试朝阳", "code": "PCY", "tz": "Asia/Shanghai"})
        cls.centre_b = Centre.create({"name": "测试静安", "code": "PJA", "tz": "Asia/Shanghai"})
        cls.doctor = new_test_user(
            cls.env,
            login="pc_doctor",
            name="王医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.doctor_b = new_test_user(
            cls.env,
            login="pc_doctor_b",
            name="陈医生",
            groups="lohi_clients.group_functional_doctor",
            lohi_centre_ids=[Command.set(cls.centre_b.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="pc_manager",
            groups="lohi_clients.group_health_manager",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.director = new_test_user(
            cls.env,
            login="pc_director",
            groups="lohi_clients.group_branch_director",
            lohi_centre_ids=[Command.set(cls.centre.ids)],
        )
        cls.director_b = new_test_user(
            cls.env,
            login="pc_director_b",
            groups="lohi_clients.group_branch_director",
            lohi_centre_ids=[Command.set(cls.centre_b.ids)],
        )
        cls.agent = new_test_user(cls.env, login="pc_agent", groups="lohi_clients.group_cc_agent")
        Staff = cls.env["lohi.staff"]
        cls.staff = Staff.create({"user_id": cls.doctor.id, "staff_type": "doctor"})
        cls.staff_b = Staff.create({"user_id": cls.doctor_b.id, "staff_type": "doctor"})
        cls.service = cls.env["lohi.service.type"].create({"name": "初诊问诊", "duration": 1.0})
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
        Schedule.create(
            {"doctor_id": cls.doctor.id, "centre_id": cls.centre.id, "attendance_ids": week}
        )
        Schedule.create(
            {"doctor_id": cls.doctor_b.id, "centre_id": cls.centre_b.id, "attendance_ids": week}
        )
        cls.user_a = cls._client_user(
            "pc_client_a", "陈晓梅", cls.centre, cls.doctor, "13911206688"
        )
        cls.user_b = cls._client_user(
            "pc_client_b", "林志强", cls.centre_b, cls.doctor_b, "13761802299"
        )
        cls.client_a = cls.user_a.partner_id
        cls.client_b = cls.user_b.partner_id
        # A plain portal user who is no client (e.g. of an institution).
        cls.portal_other = new_test_user(cls.env, login="pc_portal", groups="base.group_portal")

        cls.done_a = cls._visit(cls.client_a, cls.doctor, cls.centre, utc(PAST_MONDAY, 9), "done")
        cls.next_a = cls._visit(cls.client_a, cls.doctor, cls.centre, utc(NEXT_MONDAY, 10))
        cls.done_b = cls._visit(
            cls.client_b, cls.doctor_b, cls.centre_b, utc(PAST_MONDAY, 9), "done"
        )
        cls.next_b = cls._visit(cls.client_b, cls.doctor_b, cls.centre_b, utc(NEXT_MONDAY, 10))

        cls.report_a = cls._report(cls.client_a, cls.centre, cls.doctor, "reviewed", "R-A-1")
        cls.report_a_review = cls._report(cls.client_a, cls.centre, cls.doctor, "review", "R-A-2")
        cls.report_b = cls._report(cls.client_b, cls.centre_b, cls.doctor_b, "reviewed", "R-B-1")

    @classmethod
    def _client_user(cls, login, name, centre, doctor, mobile):
        user = new_test_user(
            cls.env, login=login, name=name, groups="lohi_portal_client.group_portal_client"
        )
        user.partner_id.write(
            {
                "lohi_is_client": True,
                "lohi_birthdate": "1984-05-06",
                "mobile": mobile,
                "lohi_doctor_id": doctor.id,
                "lohi_health_manager_id": cls.manager.id,
                "lohi_centre_id": centre.id,
                "lohi_source": "walk_in",
                "lohi_remark": "门户测试客户",
            }
        )
        return user

    @classmethod
    def _visit(cls, partner, doctor, centre, start, state="confirmed"):
        visit = cls.env["lohi.appointment"].create(
            {
                "partner_id": partner.id,
                "doctor_id": doctor.id,
                "centre_id": centre.id,
                "service_type_id": cls.service.id,
                "start": start,
                "channel": "phone",
            }
        )
        if state == "done":
            visit._internal().write({"state": "done"})
        return visit

    @classmethod
    def _report(cls, partner, centre, doctor, state, ref):
        order = cls.env["lohi.lab.order"].create(
            {"partner_id": partner.id, "centre_id": centre.id, "doctor_id": doctor.id}
        )
        order.sudo().write({"state": state})
        report = cls.env["lohi.lab.report"].create(
            {
                "order_id": order.id,
                "report_ref": ref,
                "pdf": base64.b64encode(PDF),
                "pdf_filename": f"{ref}.pdf",
                "result_ids": [
                    Command.create({"analyte": "牛奶 IgG", "value": "86.4", "flag": "high"})
                ],
            }
        )
        return report
