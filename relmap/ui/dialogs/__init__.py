"""The dialogs: import, export, spheres."""
