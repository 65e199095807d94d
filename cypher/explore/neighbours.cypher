// One page of a node's neighbours through relationships of one type and direction, in a stable order
// (name, then relationship): offsets page without repeats. Directed patterns, so a self-loop counts once
// each way, as in neighbour-groups.
MATCH (n) WHERE elementId(n) = $key
CALL (n) {
  MATCH (n)-[r]->(m) WHERE $direction = 'out' AND type(r) = $type RETURN r, m
  UNION ALL
  MATCH (n)<-[r]-(m) WHERE $direction = 'in' AND type(r) = $type RETURN r, m
}
WITH r, m ORDER BY coalesce(m.name, m.title, m.id), elementId(r)
SKIP $offset LIMIT $limit
RETURN r, m, COUNT { (m)--() } AS degree
