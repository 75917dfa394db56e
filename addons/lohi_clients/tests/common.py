from odoo.tests import TransactionCase, new_test_user


class LohiClientsCase(TransactionCase):
    """Users of each role, two centres and a client factory for the client tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        Centre = cls.env["lohi.centre"]
        cls.centre_a = Centre.create({"name": "测试甲中心", "code": "TA", "centre_type": "direct"})
        cls.centre_b = Centre.create({"name": "测试乙中心", "code": "TB", "centre_type": "direct"})
        cls.doctor = new_test_user(
            cls.env, login="t_doc", name="甲医生", groups="lohi_clients.group_functional_doctor"
        )
        cls.doctor.lohi_centre_ids = cls.centre_a
        cls.doctor_b = new_test_user(
            cls.env, login="t_doc_b", name="乙医生", groups="lohi_clients.group_functional_doctor"
        )
        cls.doctor_b.lohi_centre_ids = cls.centre_b
        cls.manager = new_test_user(
            cls.env, login="t_hm", name="甲健管", groups="lohi_clients.group_health_manager"
        )
        cls.manager.lohi_centre_ids = cls.centre_a
        cls.agent = new_test_user(cls.env, login="t_agent", groups="lohi_clients.group_cc_agent")
        cls.service = new_test_user(
            cls.env, login="t_service", groups="lohi_clients.group_customer_service"
        )
        cls.leader = new_test_user(
            cls.env, login="t_leader", groups="lohi_clients.group_leadership"
        )
        cls.warehouse = new_test_user(
            cls.env, login="t_wh", groups="lohi_clients.group_warehouse_keeper"
        )
        cls.plain_user = new_test_user(cls.env, login="t_plain", groups="base.group_user")
        cls.qset = cls.env["lohi.consultation.set"].create(
            {
                "name": "测试问诊",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "基本",
                            "question_ids": [
                                (0, 0, {"name": "主诉", "answer_type": "text", "required": True}),
                                (0, 0, {"name": "体重", "answer_type": "number", "unit": "kg"}),
                            ],
                        },
                    )
                ],
            }
        )

    @classmethod
    def _client_vals(cls, **kw):
        vals = {
            "name": "林晓梅",
            "lohi_is_client": True,
            "lohi_birthdate": "1980-05-17",
            "mobile": "139 1234 5678",
            "lohi_doctor_id": cls.doctor.id,
            "lohi_health_manager_id": cls.manager.id,
            "lohi_centre_id": cls.centre_a.id,
            "lohi_source": "walk_in",
            "lohi_remark": "朋友介绍",
        }
        vals.update(kw)
        return vals

    @classmethod
    def _client(cls, consent=True, **kw):
        client = cls.env["res.partner"].create(cls._client_vals(**kw))
        if consent:
            cls.env["lohi.consent"].create({"partner_id": client.id, "scope": "clinical"})
        return client


def run_cron_in_batches(case, cron_xmlid, model, method, batch, max_runs=200, **kwargs):
    """Run ``model.<method>(batch=batch, **kwargs)`` the way Odoo 18's cron worker does
    (``ir.cron._run_job``): each call gets a fresh ``ir.cron.progress`` of the cron in
    its context and is called again while the progress reports work remaining.

    Asserts on ``case`` what the worker relies on: a batch does at most ``batch`` units,
    reports some work done while work remains (otherwise the worker stops) and leaves
    less work than before (otherwise it loops for ever), ``remaining`` reaches 0, and a
    further run finds nothing to do (done 0, remaining 0). Returns the list of
    ``(done, remaining)`` of the runs that did work."""
    cron = case.env.ref(cron_xmlid)
    Progress = case.env["ir.cron.progress"]

    def run_once():
        progress = Progress.create({"cron_id": cron.id, "done": 0, "remaining": 0})
        getattr(model.with_context(ir_cron_progress_id=progress.id), method)(batch=batch, **kwargs)
        return progress.done, progress.remaining

    runs = []
    remaining = None
    for _i in range(max_runs):
        done, left = run_once()
        case.assertLessEqual(done, batch, f"{method}: a batch did more than {batch} units")
        if remaining is not None:
            case.assertLess(left, remaining, f"{method}: the work left did not decrease")
        if left:
            case.assertTrue(done, f"{method}: work remains but no progress was reported")
        runs.append((done, left))
        remaining = left
        if not left:
            break
    else:
        case.fail(f"{method}: still {remaining} units left after {max_runs} batches")
    case.assertEqual(run_once(), (0, 0), f"{method}: a run after the last batch did work")
    return runs


def rolled_back(case, func):
    """``func()`` evaluated inside a savepoint that is rolled back afterwards: what a
    one-shot run would do, without doing it. ``func`` must return plain data (ids)."""
    with case.env.cr.savepoint() as savepoint:
        result = func()
        savepoint.close(rollback=True)
    return result
