from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LabCase


@tagged("post_install", "-at_install")
class TestLabCatalogue(LabCase):
    """LAB-1: the catalogue with guide files and lot-tracked kits."""

    def test_demo_kits_are_storable_and_lot_tracked(self):
        test = self.env.ref("lohi_lab.lohi_lab_test_igg_demo", raise_if_not_found=False)
        if not test:
            self.skipTest("demo data not installed")
        self.assertTrue(test.kit_product_id.is_storable)
        self.assertEqual(test.kit_product_id.tracking, "lot")
        self.assertTrue(test.sampling_guide_attachment_ids)
        self.assertEqual(test.sampling_guide_attachment_ids.mimetype, "application/pdf")

    def test_guide_files_readable_by_health_manager(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "guide.pdf",
                "raw": b"%PDF-1.4 guide",
                "res_model": "lohi.lab.test",
                "res_id": self.test_igg.id,
            }
        )
        self.test_igg.sampling_guide_attachment_ids = attachment
        order = self._order()
        line = order.with_user(self.manager).line_ids
        self.assertEqual(line.sampling_guide_attachment_ids, attachment)
        self.assertEqual(line.sampling_guide, "<p>Finger-prick blood</p>")
        self.assertEqual(attachment.with_user(self.manager).raw, b"%PDF-1.4 guide")

    def test_unattached_guide_files_readable_by_doctor(self):
        """A guide uploaded before the test was saved (or loaded as data) has no record:
        linking it attaches it to the test, so the ordering doctor can open it."""
        attachment = self.env["ir.attachment"].create(
            {"name": "guide.pdf", "raw": b"%PDF-1.4 guide", "res_model": "lohi.lab.test"}
        )
        self.test_igg.sampling_guide_attachment_ids = attachment
        self.assertEqual(attachment.res_id, self.test_igg.id)
        order = self._order()
        line = order.with_user(self.doctor).line_ids
        self.assertEqual(
            line.sampling_guide_attachment_ids.with_user(self.doctor).name, "guide.pdf"
        )
        self.assertEqual(attachment.with_user(self.doctor).raw, b"%PDF-1.4 guide")

    def test_demo_guides_readable_by_doctor(self):
        test = self.env.ref("lohi_lab.lohi_lab_test_igg_demo", raise_if_not_found=False)
        if not test:
            self.skipTest("demo data not installed")
        self.assertTrue(test.with_user(self.doctor).sampling_guide_attachment_ids.read(["name"]))

    def test_catalogue_write_consulting_only(self):
        self.test_igg.with_user(self.consult).price = 2880
        self.assertEqual(self.test_igg.price, 2880)
        with self.assertRaises(AccessError):
            self.test_igg.with_user(self.doctor).price = 1
