from wagtail import hooks

# Certificates
from .admin_certificates import register_hooks as register_certificate_hooks

register_certificate_hooks(hooks)
