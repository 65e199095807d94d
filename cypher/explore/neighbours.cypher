// One page of a node's neighbours through relationships of one type and direction, in a stable order.
MATCH (n) WHERE elementId(n) = $key
MATCH (n)-[r]-(m)
WHERE type(r) = $type AND (startNode(r) = n) = ($direction = 'out')
WITH r, m ORDER BY coalesce(m.name, m.title, m.id), elementId(r)
SKIP $offset LIMIT $limit
RETURN r, m, COUNT { (m)--() } AS degree
