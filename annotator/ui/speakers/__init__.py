"""Edit → Speakers…: manage the speaker registry (add, rename, merge, type, aliases), undoably."""


def install(window):
    """Add this feature to a window (a `ui.shell.Shell`); the app's composition root calls it."""
    from annotator.ui.speakers.feature import install as install_feature

    return install_feature(window)
