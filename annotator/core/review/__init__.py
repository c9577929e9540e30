"""Review: adjudication between annotators, agreement statistics, and merging colleagues' project files."""
