// Labels of existing nodes by id, for relationship ends that an input file does not define itself.
// One indexed lookup per label of the domain model.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Organisation {id: id}) RETURN n
  UNION MATCH (n:Region {id: id}) RETURN n
  UNION MATCH (n:Alliance {id: id}) RETURN n
  UNION MATCH (n:Person {id: id}) RETURN n
  UNION MATCH (n:Event {id: id}) RETURN n
  UNION MATCH (n:Article {id: id}) RETURN n
}
RETURN n.id AS id, labels(n) AS labels
