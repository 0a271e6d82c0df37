"""The app's views; each renders into the page from the current ViewState."""
