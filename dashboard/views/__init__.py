"""The app's views. Each module has `render(ctx: Context)`; REGISTRY (dashboard/views/registry.py)
names them, so a new view is a module and one line there."""
