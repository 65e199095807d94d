// Node and relationship counts, from the count store.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-->() RETURN count(*) AS relationships }
RETURN nodes, relationships
