"""Business rules of the training package: one package per area (events, feedback,
certificates, reports) and the errors they raise."""
