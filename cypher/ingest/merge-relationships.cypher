// Merges a batch of relationships of one type between nodes of one start and one end label, on
// (start id, type, end id). `$rows`: [{start, end, props, supports: [{article, quote}]}]. __FROM__, __TYPE__
// and __TO__ are replaced with a label and a type of the active schema (checked and quoted by
// core/cypher-files.ts), never input text.
// Provenance accumulates: `evidence[i]` is quoted from the article `articles[i]`; a support (article,
// sentence) not yet on the relationship is appended, one already there changes nothing, none is removed.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.start})
MATCH (b:__TO__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH a, b, row, old IS NULL AS created,
     old IS NOT NULL AND all(key IN keys(row.props) WHERE old[key] = row.props[key]) AS sameProps,
     [s IN row.supports WHERE old IS NULL OR NOT any(i IN range(0, size(coalesce(old.evidence, [])) - 1)
        WHERE old.evidence[i] = s.quote AND coalesce(old.articles[i], '') = s.article)] AS fresh
MERGE (a)-[r:__TYPE__]->(b)
FOREACH (_ IN CASE WHEN sameProps THEN [] ELSE [1] END | SET r += row.props)
FOREACH (_ IN CASE WHEN size(fresh) = 0 THEN [] ELSE [1] END |
  SET r.evidence = coalesce(r.evidence, []) + [s IN fresh | s.quote],
      r.articles = coalesce(r.articles, []) + [s IN fresh | s.article])
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND (NOT sameProps OR size(fresh) > 0) THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT created AND sameProps AND size(fresh) = 0 THEN 1 ELSE 0 END) AS unchanged
