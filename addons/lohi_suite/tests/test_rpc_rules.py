from odoo.tests import tagged

from .rpc import RpcCase

ACCESS = ("odoo.exceptions.AccessError",)
USER = ("odoo.exceptions.UserError",)


@tagged("post_install", "-at_install", "lohi_http")
class TestServerRulesOverRpc(RpcCase):
    """Issue 11: every state change, approval and destruction tried over JSON-RPC by the
    wrong role or from the wrong state is refused on the server, and nothing changes.
    Works on the demo records (orders, complaints, requisitions, destruction in every
    state) as the demo users."""

    def ref(self, xmlid):
        return self.env.ref(xmlid)

    # ------------------------------------------------------------------ lab (LAB-3 … 10)
    def test_lab_steps(self):
        sampling = self.ref("lohi_lab.lohi_lab_order_sampling_demo")
        reviewed = self.ref("lohi_lab.lohi_lab_order_reviewed_demo")
        issued = self.ref("lohi_lab.lohi_lab_order_issued_demo")
        testing = self.ref("lohi_lab.lohi_lab_order_testing_demo")
        orders = sampling | reviewed | issued | testing
        before = {order: (order.state, len(order.log_ids)) for order in orders}
        Order = "lohi.lab.order"
        # wrong role: only the consulting dept accepts a sample (LAB-5)
        self.assertRefused("agent", Order, "action_accept_sample", sampling.ids, expected=ACCESS)
        self.assertRefused("doctor", Order, "action_accept_sample", sampling.ids, expected=ACCESS)
        self.assertRefused(
            "manager", Order, "action_reject_sample", sampling.ids, "bad", expected=ACCESS
        )
        # wrong state: the right role, too early
        self.assertRefused("consult", Order, "action_review", sampling.ids, expected=USER)
        self.assertRefused("consult", Order, "action_issue_paper", reviewed.ids, expected=USER)
        self.assertRefused("doctor", Order, "action_cancel", testing.ids, expected=USER)
        # the doctor interprets (LAB-10), not the health manager
        self.assertRefused("manager", Order, "action_interpret", issued.ids, expected=ACCESS)
        # the status changes only through the actions, whoever asks
        for login in ("doctor", "consult", "manager"):
            self.assertRefused(
                login, Order, "write", reviewed.ids, {"state": "interpreted"}, expected=ACCESS
            )
        # the summary report is the doctor's (LAB-8)
        self.assertRefused("consult", Order, "write", reviewed.ids, {"summary_report": "<p>x</p>"})
        # the status log is append-only (LAB-12)
        log = sampling.log_ids[:1]
        self.assertRefused("doctor", "lohi.lab.order.log", "write", log.ids, {"note": "x"})
        self.assertRefused("admin", "lohi.lab.order.log", "unlink", log.ids)
        self.assertRefused(
            "consult",
            "lohi.lab.order.log",
            "create",
            {"order_id": sampling.id, "from_state": "sampling", "to_state": "testing"},
        )
        self.env.invalidate_all()
        for order, (state, logs) in before.items():
            self.assertEqual((order.state, len(order.log_ids)), (state, logs), order.name)
        # control: the right role from the right state goes through over RPC
        self.rpc("consult", Order, "action_accept_sample", sampling.ids)
        self.env.invalidate_all()
        self.assertEqual(sampling.state, "testing")

    # ------------------------------------------------------------------ complaints (CLI-11)
    def test_complaint_closing(self):
        answered = self.ref("lohi_clients.lohi_complaint_answered_demo")  # handled by manager
        received = self.ref("lohi_clients.lohi_complaint_received_demo")  # handled by agent
        progress = self.ref("lohi_clients.lohi_complaint_progress_demo")  # handled by service
        closed = self.ref("lohi_clients.lohi_complaint_closed_demo")
        complaints = answered | received | progress | closed
        before = {c: (c.state, c.closed_at, c.evaluation) for c in complaints}
        Complaint = "lohi.complaint"
        # not the handler of the complaint
        self.assertRefused(
            "agent", Complaint, "action_close", answered.ids, evaluation="ok", expected=ACCESS
        )
        # the state is set by the buttons only
        self.assertRefused("service", Complaint, "write", progress.ids, {"state": "closed"})
        self.assertRefused("manager", Complaint, "write", answered.ids, {"state": "closed"})
        # right handler, wrong state
        self.assertRefused(
            "agent", Complaint, "action_close", received.ids, evaluation="ok", expected=USER
        )
        # only a customer-service supervisor cancels; only quality control concludes
        self.assertRefused("service", Complaint, "action_cancel", progress.ids, expected=ACCESS)
        self.assertRefused(
            "service", Complaint, "action_qc_conclude", progress.ids, "ok", expected=ACCESS
        )
        # closing needs the summary and evaluation
        self.assertRefused("manager", Complaint, "action_close", answered.ids, expected=USER)
        # a closed complaint stays as it is
        self.assertRefused("cs_super", Complaint, "write", closed.ids, {"solution": "改"})
        self.assertRefused(
            "cs_super", Complaint, "action_client_not_satisfied", closed.ids, expected=USER
        )
        self.env.invalidate_all()
        for complaint, values in before.items():
            self.assertEqual(
                (complaint.state, complaint.closed_at, complaint.evaluation), values, complaint.name
            )
        # control: the handler closes it over RPC
        self.rpc("manager", Complaint, "action_close", answered.ids, evaluation="客户满意")
        self.env.invalidate_all()
        self.assertEqual(answered.state, "closed")

    # ------------------------------------------------------------------ requisitions (STK-8)
    def test_requisition_tiers_and_tier_review_writes(self):
        order = self.ref("lohi_stock.stock_request_order_waiting_demo")
        reviews = order.review_ids.sorted("sequence")
        self.assertEqual(len(reviews), 2)
        first, second = reviews
        before = (order.state, reviews.mapped("status"))
        Order, Review = "stock.request.order", "tier.review"
        # the requester (director) or anyone else approves a tier by writing the review
        for login in ("director", "manager", "warehouse", "leader"):
            self.assertRefused(
                login, Review, "write", first.ids, {"status": "approved"}, expected=ACCESS
            )
        # finance is a reviewer, but of the second tier: not before the product manager
        self.assertRefused("finance", Review, "write", second.ids, {"status": "approved"})
        self.assertRefused("finance", Order, "validate_tier", order.ids, expected=USER)
        self.assertRefused("leader", Order, "validate_tier", order.ids, expected=USER)
        # a review cannot be moved to another document, or created decided
        self.assertRefused(
            "product", Review, "write", first.ids, {"res_id": order.id + 1}, expected=ACCESS
        )
        self.assertRefused(
            "manager",
            Review,
            "create",
            {"model": Order, "res_id": order.id, "status": "approved"},
            expected=ACCESS,
        )
        # a decision is signed by the user deciding it
        self.assertRefused(
            "product",
            Review,
            "write",
            first.ids,
            {"status": "approved", "done_by": self.ref("lohi_clients.user_finance_demo").id},
            expected=ACCESS,
        )
        # the warehouse releases only fully approved requisitions, nobody else releases
        self.assertRefused("warehouse", Order, "action_confirm", order.ids, expected=USER)
        self.assertRefused("director", Order, "action_confirm", order.ids, expected=ACCESS)
        self.env.invalidate_all()
        self.assertEqual((order.state, reviews.mapped("status")), before)
        # control: the product manager approves the first tier over RPC
        self.rpc("product", Order, "validate_tier", order.ids)
        self.env.invalidate_all()
        self.assertEqual(first.status, "approved")
        self.assertNotEqual(second.status, "approved")

    # ------------------------------------------------------------------ destruction (STK-11)
    def test_destruction(self):
        application = self.ref("lohi_stock.lohi_stock_destruction_q10_demo")
        self.assertEqual(application.state, "draft")
        Destruction = "lohi.stock.destruction"
        # only the keeper files it
        self.assertRefused("product", Destruction, "action_submit", application.ids)
        self.assertRefused("agent", Destruction, "action_submit", application.ids, expected=ACCESS)
        self.rpc("warehouse", Destruction, "action_submit", application.ids)
        self.env.invalidate_all()
        self.assertEqual(application.state, "to_approve")
        reviews = application.review_ids.sorted("sequence")
        before = reviews.mapped("status")
        # nothing is destroyed before the three approvals, by anyone
        for login in ("warehouse", "product", "leader", "finance"):
            self.assertRefused(login, Destruction, "action_destroy", application.ids)
        # tiers in order: leadership and finance wait for the product manager
        self.assertRefused("leader", Destruction, "validate_tier", application.ids, expected=USER)
        self.assertRefused("finance", Destruction, "validate_tier", application.ids, expected=USER)
        # the product manager records cause and person responsible before approving
        self.assertRefused("product", Destruction, "validate_tier", application.ids, expected=USER)
        # the state follows the approval only
        for login in ("warehouse", "product", "leader", "finance"):
            self.assertRefused(
                login, Destruction, "write", application.ids, {"state": "approved"}, expected=ACCESS
            )
        # the keeper cannot approve the review himself
        self.assertRefused(
            "warehouse",
            "tier.review",
            "write",
            reviews[:1].ids,
            {"status": "approved"},
            expected=ACCESS,
        )
        self.env.invalidate_all()
        self.assertEqual(application.state, "to_approve")
        self.assertEqual(reviews.mapped("status"), before)
        self.assertFalse(application.scrap_ids)


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalIsolationOverRpc(RpcCase):
    """POR-2 sweep over JSON-RPC as the demo institution's portal user: whatever it asks,
    it gets its own institution, no client archive, its own survey answers, and none of
    the chain's internal documents. (lohi_portal adds the referred clients, bookings, lab
    status and requisitions of POR-1; their rows join this sweep.)"""

    LOGIN = "institution"

    def setUp(self):
        super().setUp()
        self.portal = self.env["res.users"].search([("login", "=", self.LOGIN)])
        if not self.portal:
            self.skipTest("the demo portal user is not installed")

    def test_sweep(self):
        own = self.portal.partner_id.commercial_partner_id
        institutions = self.rpc(self.LOGIN, "lohi.institution", "search_read", [], ["partner_id"])
        self.assertEqual({i["partner_id"][0] for i in institutions}, {own.id})
        self.assertGreater(self.env["lohi.institution"].search_count([]), 1)
        clients = self.rpc(
            self.LOGIN, "res.partner", "search_read", [("lohi_is_client", "=", True)], ["id"]
        )
        self.assertEqual(
            {c["id"] for c in clients} - {self.portal.partner_id.id}, set(), "no client archive"
        )
        answers = self.rpc(self.LOGIN, "survey.user_input", "search_read", [], ["partner_id"])
        self.assertTrue(all(a["partner_id"][0] == self.portal.partner_id.id for a in answers))
        # POR-1: the institution follows its own complaints and requisitions, no others
        institution = self.env["lohi.institution"].search([("partner_id", "=", own.id)])
        self.assertTrue(institution)
        for model in ("lohi.complaint", "stock.request.order"):
            rows = self.rpc(self.LOGIN, model, "search_read", [], ["lohi_institution_id"])
            self.assertEqual(
                {row["lohi_institution_id"] and row["lohi_institution_id"][0] for row in rows}
                - {institution.id},
                set(),
                f"{model}: only the institution's own",
            )
        for model in (
            "lohi.lab.order",
            "lohi.lab.report",
            "lohi.consultation",
            "lohi.call",
            "lohi.appointment",
            "lohi.stock.destruction",
            "lohi.access.log",
            "lohi.staff",
        ):
            self.assertRefused(self.LOGIN, model, "search_read", [], ["id"], expected=ACCESS)

    def test_no_tier_reviews_of_others(self):
        reviews = self.rpc(self.LOGIN, "tier.review", "search_read", [], ["model", "res_id"])
        self.assertEqual(reviews, [])
