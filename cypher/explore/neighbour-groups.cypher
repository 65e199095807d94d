// How many relationships of each type, in each direction, a node has.
MATCH (n) WHERE elementId(n) = $key
CALL (n) {
  MATCH (n)-[r]->() RETURN type(r) AS type, 'out' AS direction, count(*) AS total
  UNION ALL
  MATCH (n)<-[r]-() RETURN type(r) AS type, 'in' AS direction, count(*) AS total
}
RETURN type, direction, total
ORDER BY total DESC, type
