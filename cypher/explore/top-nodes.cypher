// The $limit most connected nodes, with their degree (the first view of a large database).
MATCH (n)
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC
LIMIT $limit
RETURN n, degree
