"""Certificates: making the PDF (printing), issuing, re-issuing and revoking one
(issuing), a whole event's certificates in the background (batches starts a run,
runs does its work) and emailing one to its holder (emailing).

Rules: only people marked as attended get a training certificate; only deliveries
with a register get a school participation certificate; a registration or a
delivery has at most one certificate (a database constraint, and the subject's
row is locked while issuing, so two coordinators clicking at once get one
certificate); re-issuing keeps the number and verification code and makes a
fresh PDF; a revoked certificate stays revoked until a coordinator re-issues it.

Import the module you need: this package names none of them, because
`batches` enqueues training.tasks and training.tasks imports `runs`, so
importing the package must not import `batches`.
"""
