"""The docked panes: people list, person and tie editors, legend."""
