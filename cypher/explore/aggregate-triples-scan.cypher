// Fallback for servers where db.stats.retrieve is not allowed: every count of the aggregated first view
// by scanning (labels, then relationships with their ends' labels).
CALL () {
  CALL db.labels() YIELD label
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
  RETURN collect({label: label, count: count}) AS labels
}
CALL () {
  MATCH (a)-[r]->(b)
  WITH labels(a) AS starts, type(r) AS type, labels(b) AS ends, count(*) AS count
  UNWIND starts AS from
  UNWIND ends AS to
  WITH from, type, to, sum(count) AS count
  RETURN collect({from: from, type: type, to: to, count: count}) AS links
}
RETURN labels, links
