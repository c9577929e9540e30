"""Offline claim suggestions in the window: run, accept, reject."""


def install(window):
    """Add this feature to a window (a `ui.shell.Shell`); the app's composition root calls it."""
    from annotator.ui.suggestions.actions import install as install_feature

    return install_feature(window)
