"""The store's databases, one module each: SQLite (one machine) and PostgreSQL (a school)."""
