"""Content in the Wagtail admin: the snippets' viewsets, the review report and the
document upload form (registered by wagtail_hooks and settings)."""
