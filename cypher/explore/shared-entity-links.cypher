// Between the documents (__LABEL__) of elementIds $keys, every pair linked to the same entities (other
// documents excepted): how many, and the first $names of them by name.
UNWIND $keys AS key
MATCH (x:__LABEL__) WHERE elementId(x) = key
MATCH (x)--(e)--(y:__LABEL__)
WHERE elementId(y) IN $keys AND elementId(x) < elementId(y) AND NOT e:__LABEL__
WITH x, y, e ORDER BY coalesce(e.name, e.title, e.id, elementId(e))
WITH x, y, collect(DISTINCT e) AS shared
RETURN elementId(x) AS source, elementId(y) AS target, size(shared) AS count, shared[..$names] AS shared
