"""Admin views of the shared database, one module per screen."""
