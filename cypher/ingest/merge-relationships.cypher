// Merges a batch of relationships of one type between nodes of one start and one end label, on
// (start id, type, end id). `$rows`: [{start, end, props}]. __FROM__, __TYPE__ and __TO__ are replaced
// with a label and a type of the domain model (checked against core/model.ts), never input text.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.start})
MATCH (b:__TO__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND all(key IN keys(row.props) WHERE old[key] = row.props[key]) AS unchanged
MERGE (a)-[r:__TYPE__]->(b)
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET r += row.props)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND NOT unchanged THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
