"""Thin views, one module per area: permission, form, one service call, the rule's
message on the form (portal.errors.add_to_form), redirect."""
