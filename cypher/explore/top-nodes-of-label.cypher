// The $limit most connected nodes of one label, with their degree (a meta-node expanded).
MATCH (n:$($label))
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC
LIMIT $limit
RETURN n, degree
