// Source documents (the active schema's document label, e.g. Article) by id, for the evidence of the
// inspector. __LABEL__ is that label (checked and quoted by core/cypher-files.ts).
UNWIND $ids AS id
MATCH (a:__LABEL__ {id: id})
RETURN a
