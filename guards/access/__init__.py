"""Who may see what: accounts, roles, clinician-patient assignments, break-the-glass, and the access log."""
