-- Deleting a claim checks what points at it: corrections (supersedes) and merge conflicts.
CREATE INDEX claims_by_supersedes ON claims (supersedes);
CREATE INDEX merge_conflicts_by_other ON merge_conflicts (other_claim_id);
