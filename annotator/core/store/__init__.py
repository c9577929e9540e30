"""The project file: the only part of Annotator that talks SQL."""

from annotator.core.store.project import PROJECT_SUFFIX, Project

__all__ = ["PROJECT_SUFFIX", "Project"]
