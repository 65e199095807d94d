// Search without the full-text index (a database Guanxi did not create): the first $scanLimit nodes are
// looked through for $needle (lower case) in their short text properties and aliases, or for one of
// $pieces (pieces of its words: a word with a typo keeps one intact; the API keeps only the close ones).
// Bounded, so it never runs away; the API says search is slow and how to make the index.
MATCH (n)
WITH n LIMIT $scanLimit
WITH n, [key IN keys(n) WHERE valueType(n[key]) STARTS WITH 'STRING' AND size(n[key]) <= 1000 | toLower(n[key])]
        + [alias IN CASE WHEN valueType(n.aliases) STARTS WITH 'LIST<STRING' THEN n.aliases ELSE [] END | toLower(alias)]
        AS texts
WITH n, any(text IN texts WHERE text CONTAINS $needle) AS exact,
     any(text IN texts WHERE any(piece IN $pieces WHERE text CONTAINS piece)) AS near
WHERE exact OR near
RETURN n, CASE WHEN exact THEN 1.0 ELSE 0.5 END AS score, exact, COUNT { (n)--() } AS degree
ORDER BY exact DESC
LIMIT $candidates
