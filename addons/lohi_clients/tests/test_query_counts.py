from odoo.tests import tagged

from .common import LohiClientsCase

# Queries of one client form read (web_read of the client form's fields), per role. Raise
# these only for a new field on the form, never for a query per record or per line.
CLIENT_FORM_DOCTOR = 23
CLIENT_FORM_MANAGER = 19


def view_specification(model, view_xmlid, view_type="form"):
    """The specification the web client sends to ``web_read`` for a view, as the user
    of ``model``: every field the view shows them, relational ones with display names."""
    view = model.env.ref(view_xmlid)
    views = model.get_views([(view.id, view_type)])
    spec = {}
    for name in views["models"][model._name]["fields"]:
        if model._fields[name].type in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestClientQueryCounts(LohiClientsCase):
    """Issue 10: the client form's read costs a fixed number of queries.

    Measured warm, like Odoo's own query-count tests: the form is read once (views,
    access rules and translations land in the registry caches), then the record cache is
    emptied and the second read counted — what a user opening the form on a running
    server costs. One query more on this path fails the test.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client(
            name="林晓梅", email="lin@example.cn", lohi_card_no="LK-QC-1", phone="010-62345678"
        )

    def _warm(self, user):
        partner = self.client.with_user(user)
        spec = view_specification(partner, "lohi_clients.res_partner_view_form_lohi_client")
        partner.web_read(spec)
        partner.env.invalidate_all()
        return partner, spec

    def test_client_form_read_doctor(self):
        # The doctor sees the clinical fields: reading them also writes the access log.
        partner, spec = self._warm(self.doctor)
        self.assertIn("lohi_medical_history", spec)
        with self.assertQueryCount(CLIENT_FORM_DOCTOR):
            record = partner.web_read(spec)
        self.assertEqual(record[0]["lohi_card_no"], "LK-QC-1")

    def test_client_form_read_health_manager(self):
        partner, spec = self._warm(self.manager)
        with self.assertQueryCount(CLIENT_FORM_MANAGER):
            record = partner.web_read(spec)
        self.assertEqual(record[0]["name"], "林晓梅")
