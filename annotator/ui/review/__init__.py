"""Reviewing colleagues' claims in the window: queue, panel, layers, adjudication and agreement views."""


def install(window):
    """Add this feature to a window (a `ui.shell.Shell`); the app's composition root calls it."""
    from annotator.ui.review.menu import install as install_feature

    return install_feature(window)
