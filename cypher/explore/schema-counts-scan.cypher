// Fallback for servers where db.stats.retrieve is not allowed: counts by dynamic label and type (scans).
CALL () {
  CALL db.labels() YIELD label
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
  RETURN collect({label: label, count: count}) AS labels
}
CALL () {
  CALL db.relationshipTypes() YIELD relationshipType AS type
  CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS count }
  RETURN collect({type: type, count: count}) AS types
}
RETURN labels, types
