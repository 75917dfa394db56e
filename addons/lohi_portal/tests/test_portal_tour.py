from odoo.tests import HttpCase, tagged

from .common import LohiPortalCase


@tagged("post_install", "-at_install", "lohi_http")
class TestPortalTour(LohiPortalCase, HttpCase):
    """POR-1 in the browser, as a partner institution's portal user, on a phone-sized
    screen (the pages are meant to be usable on a phone)."""

    browser_size = "375x812"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._lohi_portal_setup()

    def test_institution_portal_tour(self):
        Log = self.env["lohi.access.log"]
        logs_before = Log.search_count([("user_id", "=", self.user_a.id)])
        self.start_tour("/my", "lohi_portal_institution", login=self.user_a.login)
        booked = self.env["lohi.appointment"].search([("partner_id", "=", self.client_a2.id)])
        self.assertEqual(len(booked), 1)
        self.assertEqual(booked.state, "requested")
        self.assertEqual(booked.channel, "online")
        complaint = self.env["lohi.complaint"].search(
            [("lohi_institution_id", "=", self.inst_a.id), ("id", "!=", self.complaint_a.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "portal")
        self.assertEqual(complaint.partner_id, self.client_a)
        self.assertTrue(complaint.owner_id.has_group("lohi_clients.group_staff"))
        self.assertGreater(Log.search_count([("user_id", "=", self.user_a.id)]), logs_before)
