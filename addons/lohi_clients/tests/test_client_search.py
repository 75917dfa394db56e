from unittest.mock import patch

from odoo.tests import tagged

from ..models import res_partner
from .common import LohiClientsCase


@tagged("post_install", "-at_install")
class TestClientSearch(LohiClientsCase):
    """CLI-4: any one of name, phone, e-mail, archive no. or card no. finds the client, in
    the list search and in every many2one dropdown (name_search)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client(
            name="欧阳晓梅",
            mobile="+86 139-2468-1357",
            email="xiaomei.ouyang@example.cn",
            lohi_card_no="LHV778899",
        )
        cls.env["lohi.consultation"].create({"partner_id": cls.client.id, "set_id": cls.qset.id})
        cls.other = cls._client(name="欧阳建国", mobile="13700001111")
        cls.qq = cls._client(name="钱多多", mobile="13600002222", email="80557733@qq.com")

    def _names(self, text, user=None):
        Partner = self.env["res.partner"].with_user(user or self.service)
        return {pid for pid, _name in Partner.name_search(text, limit=20)}

    def _list(self, text):
        Partner = self.env["res.partner"].with_user(self.service)
        return set(Partner.search([("display_name", "ilike", text)]).ids)

    def test_every_key_finds_the_client(self):
        keys = {
            "three Chinese characters": "欧阳晓",
            "phone digits": "24681357",
            "phone typed with spaces": "139 2468 1357",
            "e-mail": "xiaomei.ouyang",
            "archive number": self.client.lohi_archive_no,
            "card number": "LHV778899",
        }
        for label, text in keys.items():
            with self.subTest(label=label):
                self.assertIn(self.client.id, self._names(text))
                self.assertIn(self.client.id, self._list(text))

    def test_digits_search_the_numbered_columns_only(self):
        """A term of digits only is a phone, archive or card number, a QQ address or a
        reference: the search leaves out the name columns (fewer trigram scans)."""
        self.assertEqual(self._names("80557733"), {self.qq.id}, "QQ number in the e-mail")
        self.assertIn(self.client.id, self._list(self.client.lohi_archive_no[-4:]))
        Partner = self.env["res.partner"].with_user(self.service)
        with patch.object(res_partner, "FUZZY_MAX_IDS", 0):  # the condition, not the ids
            sql = Partner._search([("display_name", "ilike", "24681357")]).select().code
        self.assertIn('"lohi_phone_digits" ILIKE', sql)
        self.assertNotIn('"complete_name" ILIKE', sql)

    def test_fuzzy_terms_are_answered_from_the_trigram_match_first(self):
        """Issue 10: the matching ids are read first (trigram indexes), then the record
        rules and the list order apply to those rows only — not a walk of the whole
        table in list order filtered by rules and term. A term matching more partners
        than the cap keeps the plain condition (dense matches: the walk is quick)."""
        Partner = self.env["res.partner"].with_user(self.doctor)
        for term in ("ouyang", "欧阳晓", "24681357"):
            with self.subTest(term=term):
                sql = Partner._search([("display_name", "ilike", term)]).select().code
                self.assertIn('"res_partner"."id" IN', sql)
                self.assertNotIn(" ILIKE ", sql)
        self.assertIn(self.client.id, self._names("OUYANG", user=self.doctor))
        self.assertNotIn(self.client.id, self._names("ouyang", user=self.doctor_b))
        with patch.object(res_partner, "FUZZY_MAX_IDS", 0):
            sql = Partner._search([("display_name", "ilike", "ouyang")]).select().code
            self.assertIn('"res_partner"."complete_name" ILIKE', sql)
            self.assertIn(self.client.id, self._names("ouyang", user=self.doctor))

    def test_two_chinese_characters_prefix(self):
        found = self._names("欧阳")
        self.assertTrue({self.client.id, self.other.id} <= found)
        self.assertNotIn(self.client.id, self._names("晓梅"), "two characters match as a prefix")

    def test_search_respects_access(self):
        self.assertNotIn(self.client.id, self._names("欧阳晓", user=self.doctor_b))
        self.assertIn(self.client.id, self._names("欧阳晓", user=self.doctor))

    def test_trigram_indexes_exist(self):
        self.env.cr.execute(
            """SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'
                AND indexdef ILIKE '%%gin_trgm_ops%%'"""
        )
        defs = " ".join(row[0] for row in self.env.cr.fetchall())
        # and their pending lists stay short (issue 10)
        self.env.cr.execute(
            """SELECT c.relname, c.reloptions FROM pg_index i
                 JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relname = 'res_partner' AND c.relname LIKE %s""",
            ["%lohi%"],
        )
        options = dict(self.env.cr.fetchall())
        for index in (
            "res_partner__lohi_complete_name_trgm",
            "res_partner__lohi_phone_digits_index",
        ):
            self.assertIn("gin_pending_list_limit=128", options[index] or [], index)
        for column in (
            "complete_name",
            "email",
            "lohi_archive_no",
            "lohi_card_no",
            "lohi_phone_digits",
        ):
            self.assertIn(column, defs)
