// Merges a batch of nodes of one primary label on `id`, reporting what changed. `$rows`: [{id, props, labels}]
// (`labels`: the node's other labels). __LABEL__ is replaced with a label of the active schema (checked and
// quoted by core/cypher-files.ts), never input text. A node whose given properties and labels are already
// there is left untouched (no write at all).
UNWIND $rows AS row
OPTIONAL MATCH (old:__LABEL__ {id: row.id})
WITH row, old IS NULL AS created,
     old IS NOT NULL AND all(key IN keys(row.props) WHERE old[key] = row.props[key])
       AND all(label IN row.labels WHERE label IN labels(old)) AS unchanged
MERGE (n:__LABEL__ {id: row.id})
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET n += row.props SET n:$(row.labels))
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND NOT unchanged THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged
