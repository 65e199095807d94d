// Which labels each relationship type joins, and how often (a scan of every relationship).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS from, labels(b) AS to, count(*) AS count
