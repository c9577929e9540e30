"""Read a brat collection with brat's own code and print what brat sees, as JSON.

Run as a script (`python read_collection.py FOLDER`) so that brat's top-level modules
(annotation, projectconfig, message...) are imported from this folder and from nowhere else.
Every NAME.ann is read by brat's TextAnnotations with NAME.txt; annotation.conf is read by
brat's ProjectConfiguration and each document checked by brat's verify_annotation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import annotation
import projectconfig
import verify_annotations


class RecordingMessager:
    """brat's Messager interface, keeping what brat would have shown the user."""

    messages: list[tuple[str, str]] = []

    @classmethod
    def _record(cls, level: str, message: str) -> None:
        cls.messages.append((level, str(message)))

    @classmethod
    def info(cls, msg, duration=3, escaped=False):
        cls._record("info", msg)

    @classmethod
    def warning(cls, msg, duration=3, escaped=False):
        cls._record("warning", msg)

    @classmethod
    def error(cls, msg, duration=3, escaped=False):
        cls._record("error", msg)

    @classmethod
    def debug(cls, msg, duration=3, escaped=False):
        cls._record("debug", msg)


def read_config(folder: Path) -> dict:
    """The entity types and attributes (with their declared values) brat read from annotation.conf."""
    config = projectconfig.ProjectConfiguration(str(folder.resolve()))
    types = config.get_entity_types()
    attributes = {
        node.storage_form(): {
            "values": node.arguments.get("Value", []),
            "for_types": [t for t in types if node.storage_form() in config.attributes_for(t)],
        }
        for node in projectconfig.get_attribute_type_list(config.directory)
        if node != projectconfig.SEPARATOR_STR
    }
    return {"entities": types, "attributes": attributes, "config": config}


def read_document(stem: Path, config) -> dict:
    """One document as brat's TextAnnotations parses it, with brat's verification issues."""
    document = annotation.TextAnnotations(str(stem), read_only=True)
    messages = document.get_messages()
    return {
        "text": document.get_document_text(),
        "textbounds": [
            {"id": t.id, "type": t.type, "spans": [list(s) for s in t.spans], "text": t.text}
            for t in document.get_textbounds()
        ],
        "attributes": [
            {"id": a.id, "type": a.type, "target": a.target, "value": a.value}
            for a in document.get_attributes()
        ],
        "comments": [
            {"id": c.id, "type": c.type, "target": c.target, "text": c.get_text()}
            for c in document.get_oneline_comments()
        ],
        "as_brat_writes": str(document),
        "failed_lines": document.failed_lines,
        "errors": messages.errors,
        "warnings": messages.warnings,
        "issues": [i.human_readable_str() for i in verify_annotations.verify_annotation(document, config)],
    }


def main(folder: Path) -> dict:
    projectconfig.Messager = RecordingMessager
    read = read_config(folder)
    config = read.pop("config")
    documents = {ann.stem: read_document(ann.with_suffix(""), config) for ann in sorted(folder.glob("*.ann"))}
    return {"config": read, "config_messages": RecordingMessager.messages, "documents": documents}


if __name__ == "__main__":
    json.dump(main(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=1)
