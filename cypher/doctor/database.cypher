// The database this connection uses.
CALL db.info() YIELD name
RETURN name
