"""The training package's pages, one module per area (events, feedback,
certificates, reports). Views are thin: permission, form, one service call, the
domain error shown on the form, redirect."""
