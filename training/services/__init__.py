"""Business rules of the training package: one module per flow."""
