"""The Figures view: figures for the same measure side by side, with their flags and a chart."""


def install(window):
    """Add this feature to a window (a `ui.shell.Shell`); the app's composition root calls it."""
    from annotator.ui.figures.view import install as install_feature

    return install_feature(window)
