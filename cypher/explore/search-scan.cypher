// Search without the full-text index (a database Guanxi did not create): the first $scanLimit nodes are
// looked through for $needle (lower case) in their short text properties and aliases. Bounded, so it
// never runs away; the API says search is slow and how to make the index.
MATCH (n)
WITH n LIMIT $scanLimit
WITH n, [key IN keys(n) WHERE valueType(n[key]) STARTS WITH 'STRING' AND size(n[key]) <= 1000 | toLower(n[key])]
        + [alias IN CASE WHEN valueType(n.aliases) STARTS WITH 'LIST<STRING' THEN n.aliases ELSE [] END | toLower(alias)]
        AS texts
WHERE any(text IN texts WHERE text CONTAINS $needle)
RETURN n, 1.0 AS score, COUNT { (n)--() } AS degree
LIMIT $candidates
