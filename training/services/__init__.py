"""Business rules for the training package: one module per area."""
