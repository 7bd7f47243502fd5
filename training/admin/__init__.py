"""The training package in the Wagtail admin, one module per area; wagtail_hooks.py
registers them."""
