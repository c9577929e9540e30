"""The Label Studio labelling configuration that matches our export, generated per project.

Paste it into a Label Studio project's Settings → Labeling Interface (or send it as the
project's `label_config`): every per-region field our export writes has a control of the
same name here, under a header saying what it is, so Label Studio shows and edits them all.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from annotator.core.importers.labelstudio import DEFAULT_LABEL
from annotator.core.model import CLAIM_STATUSES, QUALIFIERS

TEXT_CONTROL = "text"
BUILTIN_KINDS = ("statistical", "comparison", "temporal")
# (control name, header, kind, hint) in the order the form shows them.
REGION_FIELDS = (
    ("speaker", "Speaker", "textarea", "who the claim is attributed to"),
    ("confidence", "Confidence", "choices", ""),
    ("figure", "Figure (its text)", "textarea", "e.g. some 11,000"),
    ("value", "Value", "number", ""),
    ("low", "Low (for a range)", "number", ""),
    ("high", "High (for a range)", "number", ""),
    ("qualifier", "Qualifier", "choices", ""),
    ("unit", "Unit", "textarea", "e.g. troops"),
    ("measure", "Measure (what is counted)", "textarea", "e.g. killed"),
    ("period", "Period", "textarea", "e.g. in three months"),
    ("outlet", "Outlet (told the ...)", "textarea", "e.g. the BBC"),
    ("note", "Note", "textarea", ""),
    ("status", "Status", "choices", ""),
    ("fragments", "Fragments (JSON [[start, end], ...])", "textarea", ""),
)


def labelling_config(scale, kinds=()) -> str:
    """The XML configuration for a project with this confidence scale and these claim kinds."""
    labels = [DEFAULT_LABEL, *dict.fromkeys([*BUILTIN_KINDS, *(k for k in kinds if k)])]
    lines = [
        "<View>",
        f'  <Labels name="label" toName="{TEXT_CONTROL}">',
        *(f"    <Label value={quoteattr(label)}/>" for label in labels),
        "  </Labels>",
        f'  <Text name="{TEXT_CONTROL}" value="$text"/>',
        '  <View visibleWhen="region-selected">',
        '    <Header value="The selected claim" size="4"/>',
    ]
    for name, header, kind, hint in REGION_FIELDS:
        lines += [f'    <Header value={quoteattr(header)} size="6"/>', _control(name, kind, hint, scale)]
    return "\n".join([*lines, "  </View>", "</View>", ""])


def _control(name: str, kind: str, hint: str, scale) -> str:
    common = f'name="{name}" toName="{TEXT_CONTROL}" perRegion="true"'
    if kind == "number":
        return f"    <Number {common}/>"
    if kind == "textarea":
        placeholder = f" placeholder={quoteattr(hint)}" if hint else ""
        return f'    <TextArea {common} editable="true" maxSubmissions="1" rows="1"{placeholder}/>'
    choices = "".join(f"<Choice value={quoteattr(value)}/>" for value in _choices(name, scale))
    return f'    <Choices {common} choice="single" showInline="true">{choices}</Choices>'


def _choices(name: str, scale) -> list[str]:
    if name == "confidence":
        return [level.label for level in scale.levels]
    if name == "qualifier":
        return list(QUALIFIERS)
    return [status for status in CLAIM_STATUSES if status != "suggested"]
