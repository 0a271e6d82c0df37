"""careplan-dashboard: municipal care-plan progress tables, normalized and shown."""
