"""The training package's forms, one module per area. Rules live in training.services."""
