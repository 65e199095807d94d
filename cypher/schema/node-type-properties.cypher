// Labels and their properties as Neo4j itself reports them (types, and whether every node has one).
CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes, mandatory
RETURN nodeLabels, propertyName, propertyTypes, mandatory
