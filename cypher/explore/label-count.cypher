// How many nodes carry one label (the count store).
MATCH (n:$($label))
RETURN count(n) AS total
