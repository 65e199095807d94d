// Relationships per (label, type, label) for the pairs the count store cannot tell apart: one count
// per pair, from the nodes of the start label (used only for types whose ends both carry several labels).
UNWIND $pairs AS pair
CALL (pair) {
  MATCH (:$(pair.from))-[r:$(pair.type)]->(:$(pair.to))
  RETURN count(r) AS count
}
RETURN pair.from AS from, pair.type AS type, pair.to AS to, count
