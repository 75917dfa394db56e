import pytz

from odoo.tests import tagged

from odoo.addons.lohi_clients.tests.common import rolled_back, run_cron_in_batches
from odoo.addons.lohi_lab.tests.common import LabCase


@tagged("post_install", "-at_install")
class TestFollowupPlan(LabCase):
    """CC-3: issuing a paper report plans the follow-up calls (+2 days, +3 months,
    +6 months, +1 year, holidays) at 11:00 or 16:00 local time, never twice."""

    def test_plan_on_issue_idempotent(self):
        holiday = self.env["lohi.holiday"].create(
            {"name": "测试节日", "date": "2027-02-06", "greeting": "节日快乐 {name}"}
        )
        order = self._order()
        self._advance(order, "issued")
        Task = self.env["lohi.call.task"]
        tasks = Task.search([("lab_order_id", "=", order.id)])
        keys = set(tasks.mapped("followup_key"))
        self.assertTrue({"d2", "m3", "m6", "y1"} <= keys)
        issued = order.paper_issued_date.date()
        if issued < holiday.date <= issued.replace(year=issued.year + 1):
            self.assertIn(f"holiday:{holiday.name}:{holiday.date}", keys)
        tz = pytz.timezone("Asia/Shanghai")
        for task in tasks:
            local = pytz.utc.localize(task.planned).astimezone(tz)
            self.assertIn((local.hour, local.minute), ((11, 0), (16, 0)), task.followup_key)
        d2 = tasks.filtered(lambda t: t.followup_key == "d2")
        self.assertEqual((pytz.utc.localize(d2.planned).astimezone(tz).date() - issued).days, 2)
        # re-running the planner (cron) plans nothing twice
        Task._cron_plan_followups()
        self.assertEqual(Task.search_count([("lab_order_id", "=", order.id)]), len(tasks))
        Task._plan_followups(order)
        self.assertEqual(Task.search_count([("lab_order_id", "=", order.id)]), len(tasks))

    def test_issue_found_on_followup_is_called_back(self):
        order = self._order()
        self._advance(order, "issued")
        task = self.env["lohi.call.task"].search(
            [("lab_order_id", "=", order.id), ("followup_key", "=", "d2")]
        )
        task.write(
            {
                "agent_id": self.agent.id,
                "reached": "yes",
                "satisfaction": "3",
                "new_issue": "纸质报告缺一页",
                "issue_department": "lab",
                "issue_owner_id": self.consult.id,
            }
        )
        task.with_user(self.agent).action_done()
        self.assertEqual(task.issue_state, "open")
        self.assertIn(self.consult, task.activity_ids.user_id)
        task.action_issue_solved()
        self.assertEqual(task.issue_state, "solved")
        self.assertEqual(task.callback_task_id.task_type, "callback")
        self.assertEqual(task.callback_task_id.agent_id, self.agent)
        callback = task.callback_task_id
        callback.reached = "yes"
        callback.with_user(self.agent).action_done()
        self.assertEqual(task.issue_state, "called_back")


@tagged("post_install", "-at_install")
class TestFollowupCronBatches(LabCase):
    """Issue 10/11: the follow-up planner takes only the orders that miss a call of their
    plan, at most ``batch`` per call, and reports the orders left to the cron worker."""

    def test_plan_followups_in_batches(self):
        self.env["lohi.holiday"].create(
            {"name": "批次节日", "date": "2027-02-06", "greeting": "节日快乐 {name}"}
        )
        Task = self.env["lohi.call.task"]
        orders = self.env["lohi.lab.order"]
        for _i in range(5):
            order = self._order()
            self._advance(order, "issued")
            orders |= order
        # the calls were planned on issue: lose them (and one call of another order)
        Task.search([("lab_order_id", "in", orders[:4].ids)]).unlink()
        Task.search([("lab_order_id", "=", orders[4].id), ("followup_key", "=", "m6")]).unlink()
        Task.flush_model()

        def planned():
            tasks = Task.search([("task_type", "=", "followup")])
            return sorted((t.lab_order_id.id, t.followup_key, t.planned) for t in tasks)

        before = planned()
        expected = rolled_back(self, lambda: (Task._cron_plan_followups(), planned())[1])
        self.assertGreater(len(expected), len(before) + 16)
        runs = run_cron_in_batches(
            self,
            "lohi_callcenter.ir_cron_plan_followups",
            Task,
            "_cron_plan_followups",
            2,
        )
        # the five orders, and the issued demo orders that miss the new holiday's call
        todo = {order_id for order_id, _key, _at in set(expected) - set(before)}
        self.assertTrue(set(orders.ids) <= todo)
        self.assertEqual(sum(done for done, _left in runs), len(todo))
        self.assertEqual(len(runs), (len(todo) + 1) // 2)
        self.assertEqual(runs[0][1], len(todo) - 2)
        self.assertEqual(planned(), expected)
