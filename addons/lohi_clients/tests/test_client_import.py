from odoo.tests import tagged

from .common import LohiClientsCase

FIELDS = [
    "name",
    "mobile",
    "lohi_is_client",
    "lohi_birthdate",
    "lohi_centre_id/.id",
    "lohi_doctor_id/.id",
    "lohi_health_manager_id/.id",
    "lohi_source",
    "lohi_remark",
]


@tagged("post_install", "-at_install")
class TestClientImport(LohiClientsCase):
    """CLI-1 import (issue 10, item 8): the centre, doctor and health manager named on
    every row of a client file are looked up once per import, not once per row and
    column; a wrong reference is still reported on its row and nothing is imported."""

    def _rows(self, count, doctor=None, prefix="导入"):
        return [
            [
                f"{prefix}客户{index}",
                f"1391111{index:04d}",
                "1",
                "1980-01-02",
                str(self.centre_a.id),
                str(doctor or self.doctor.id),
                str(self.manager.id),
                "walk_in",
                "批量导入",
            ]
            for index in range(count)
        ]

    def _load(self, rows):
        Partner = self.env["res.partner"].with_user(self.service)
        queries = self.env.cr.sql_log_count
        result = Partner.load(FIELDS, rows)
        self.env.flush_all()
        return result, self.env.cr.sql_log_count - queries

    def test_references_resolved_once_per_import(self):
        self._load(self._rows(2, prefix="预热"))  # registry caches, as on a running server
        small, small_queries = self._load(self._rows(5, prefix="小"))
        large, large_queries = self._load(self._rows(45, prefix="大"))
        self.assertEqual(len(small["ids"]), 5, small["messages"])
        self.assertEqual(len(large["ids"]), 45, large["messages"])
        clients = self.env["res.partner"].browse(large["ids"])
        self.assertEqual(clients.lohi_doctor_id, self.doctor)
        self.assertEqual(clients.lohi_centre_id, self.centre_a)
        # 40 rows more: one query each is Odoo's own (account's invoice-template default);
        # Odoo alone also checks the 3 references of every row (another 120 queries)
        self.assertLess(large_queries - small_queries, 80)

    def test_wrong_reference_reported_and_nothing_imported(self):
        rows = self._rows(3, prefix="错")
        rows[1][5] = "999999999"
        before = self.env["res.partner"].search_count([("name", "like", "错客户")])
        result, _queries = self._load(rows)
        self.assertFalse(result["ids"])
        wrong = [m for m in result["messages"] if m.get("field") == "lohi_doctor_id"]
        self.assertEqual([m["rows"]["from"] for m in wrong], [1], result["messages"])
        self.assertIn("999999999", wrong[0]["message"])
        self.assertEqual(self.env["res.partner"].search_count([("name", "like", "错客户")]), before)
