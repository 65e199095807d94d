// Nodes of a saved view found again by Guanxi's id property and label, for those whose elementId no
// longer holds them (a re-imported database). The label comes from the view: a seek on that label's
// id, not a scan of the database.
UNWIND $refs AS ref
MATCH (n:$(ref.label))
WHERE n.id = ref.id
RETURN ref.id AS id, n, COUNT { (n)--() } AS degree
