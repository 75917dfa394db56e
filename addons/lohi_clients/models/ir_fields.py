from odoo import api, models

CACHE_KEY = "lohi_import_reference_cache"


class IrFieldsConverter(models.AbstractModel):
    """Client import (CLI-1, issue 10): a file of 10,000 clients names the same few
    centres, doctors and health managers on every row, and Odoo resolves each cell on its
    own (a query per cell and column). Within one ``load`` of clients, a reference to
    another model is resolved once and remembered."""

    _inherit = "ir.fields.converter"

    @api.model
    def db_id_for(self, model, field, subfield, value):
        cache = self.env.context.get(CACHE_KEY)
        # Only references to other models: rows of the imported model may be created by
        # the import itself (Odoo flushes them before resolving such a reference).
        if cache is None or field.comodel_name == model._name:
            return super().db_id_for(model, field, subfield, value)
        key = (field.comodel_name, subfield, value)
        if key not in cache:
            cache[key] = super().db_id_for(model, field, subfield, value)
        record_id, field_type, warnings = cache[key]
        return record_id, field_type, list(warnings)
